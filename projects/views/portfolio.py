from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from projects.charts import dashboard
from projects.charts.milestones import milestone_calendar
from projects.models import Project, Snapshot
from projects.selectors import project_page
from projects.timetravel import time_travel


@require_safe
def project_detail(request, slug):
    """A project as published on `?date=` (today by default): status, milestones, history."""
    as_of = time_travel(request).as_of
    project = get_object_or_404(
        Project.objects.select_related("mission").with_status(as_of).prefetch_related("sources"),
        slug=slug,
    )
    page = project_page(request.user, project, as_of)
    withdrawn = project.withdrawn_on is not None and (
        as_of is None or project.withdrawn_on <= as_of
    )
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "not_yet_entered": as_of is not None
            and not withdrawn
            and not Project.objects.in_portfolio(as_of).filter(pk=project.pk).exists(),
            "withdrawn": withdrawn,
            "entry_edition": Snapshot.objects.edition_entered(project.entered_on),
            "timeline": milestone_calendar(page.milestones, as_of, slug="calendrier"),
            "indicator_charts": dashboard.indicator_charts(page.indicators),
            **page.context(),
        },
    )
