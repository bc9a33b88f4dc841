from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from projects.models import Measurement, Project, Snapshot


@require_safe
def project_detail(request, slug):
    project = get_object_or_404(
        Project.objects.select_related("mission")
        .with_current_status()
        .prefetch_related("sources"),
        slug=slug,
    )
    measurements = Measurement.objects.order_by("is_target", "on", "pk")
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "entry_edition": Snapshot.objects.edition_entered(project.entered_on),
            "milestones": project.milestones.with_dates()
            .prefetch_related("sources")
            .order_by("position", "pk"),
            "updates": project.updates.published().prefetch_related("sources"),
            "indicators": project.indicators.prefetch_related(
                Prefetch("measurements", queryset=measurements)
            ),
        },
    )
