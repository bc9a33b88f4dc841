from django.shortcuts import render
from django.views.decorators.http import require_safe

from projects import figures
from projects.charts import dashboard as charts
from projects.grouping import group_by_mission
from projects.models import Project
from projects.overview import overview
from projects.portfolio import Portfolio
from projects.timetravel import time_travel

PROJECTS_PER_MISSION = 12
STALE_LISTED = 20


@require_safe
def home(request):
    """The programme on `?date=` (today by default): figures, charts, projects by mission."""
    as_of = time_travel(request).as_of
    summary = overview(Portfolio.on(as_of))
    projects = Project.objects.in_portfolio(as_of)
    listed = projects.first_per_mission(PROJECTS_PER_MISSION).for_listing(as_of)
    stale = projects.stale(as_of).select_related("mission")
    return render(
        request,
        "projects/dashboard.html",
        {
            **summary.context(),
            "indicator_charts": charts.indicator_charts(figures.indicators_with_targets(as_of)),
            "groups": group_by_mission(summary.missions, listed, summary.counts.by_mission()),
            "stale_projects": stale[:STALE_LISTED],
            "stale_count": stale.count(),
            "candidates": Project.objects.to_confirm().select_related("mission")
            if as_of is None
            else [],
        },
    )
