from django.shortcuts import render
from django.views.decorators.http import require_safe

from missions.models import Mission
from projects import figures
from projects.charts import dashboard as charts
from projects.coverage import coverage_on
from projects.grouping import group_by_mission
from projects.models import Project
from projects.timetravel import time_travel

PROJECTS_PER_MISSION = 12
STALE_LISTED = 20


@require_safe
def home(request):
    as_of = time_travel(request).as_of
    portfolio = Project.objects.in_portfolio(as_of)
    missions = list(Mission.objects.all())
    counts = figures.status_counts(portfolio, as_of)
    editions = figures.edition_evolution(as_of)
    listed = portfolio.first_per_mission(PROJECTS_PER_MISSION).for_listing(as_of)
    stale = portfolio.stale(as_of=as_of).select_related("mission")
    return render(
        request,
        "projects/dashboard.html",
        {
            "coverage": coverage_on(as_of),
            "counts": counts,
            "milestone_counts": figures.milestone_counts(portfolio, as_of),
            "charts": charts.status_charts(
                counts, missions, figures.calendar_milestones(portfolio, as_of), as_of
            ),
            "evolution_charts": charts.evolution_charts(editions),
            "indicator_charts": charts.indicator_charts(figures.indicators_with_targets(as_of)),
            "groups": group_by_mission(missions, listed, counts.by_mission()),
            "stale_projects": stale[:STALE_LISTED],
            "stale_count": stale.count(),
            "candidates": Project.objects.to_confirm().select_related("mission")
            if as_of is None
            else [],
        },
    )
