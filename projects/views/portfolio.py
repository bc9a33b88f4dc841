from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from projects import charts
from projects.models import Measurement, Project, Snapshot
from projects.timetravel import time_travel
from projects.views.update_panels import update_panels


@require_safe
def project_detail(request, slug):
    as_of = time_travel(request).as_of
    project = get_object_or_404(
        Project.objects.select_related("mission")
        .with_current_status(as_of)
        .prefetch_related("sources"),
        slug=slug,
    )
    milestones = list(
        project.milestones.with_dates(as_of)
        .visible_on(as_of)
        .select_related("project")
        .prefetch_related("sources")
        .order_by("position", "pk")
    )
    measurements = Measurement.objects.order_by("is_target", "on", "pk")
    if as_of is not None:
        measurements = measurements.filter(Q(is_target=True) | Q(on__lte=as_of))
    indicators = project.indicators.prefetch_related(
        Prefetch("measurements", queryset=measurements)
    )
    updates = list(project.updates.published(as_of).prefetch_related("sources"))
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "not_yet_entered": as_of is not None
            and (project.entered_on is None or project.entered_on > as_of),
            "withdrawn": project.withdrawn_on is not None
            and (as_of is None or project.withdrawn_on <= as_of),
            "entry_edition": Snapshot.objects.edition_entered(project.entered_on),
            "milestones": milestones,
            "timeline": charts.milestone_timeline(milestones, as_of, slug="calendrier"),
            "updates": updates,
            "indicator_charts": [
                charts.indicator_chart(indicator, f"indicateur-{indicator.slug}")
                for indicator in indicators
            ],
            **update_panels(
                request,
                project,
                milestones=milestones,
                updates=updates,
                indicators=indicators,
                as_of=as_of,
            ),
        },
    )
