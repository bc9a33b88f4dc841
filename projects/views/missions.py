from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from missions.models import Mission
from projects import figures
from projects.charts import dashboard as charts
from projects.coverage import coverage_on
from projects.models import Project
from projects.models.project import portfolio_q
from projects.overview import overview
from projects.portfolio import Portfolio
from projects.timetravel import time_travel

PROJECTS_LISTED = 50


@require_safe
def mission_list(request):
    as_of = time_travel(request).as_of
    coverage = coverage_on(as_of)
    # Meta.ordering does not apply to aggregating queries: order explicitly.
    missions = Mission.objects.annotate(
        identified=Count("projects", filter=portfolio_q(coverage.day, prefix="projects__"))
    ).order_by("order")
    return render(request, "missions/list.html", {"missions": missions, "coverage": coverage})


@require_safe
def mission_detail(request, code):
    as_of = time_travel(request).as_of
    mission = get_object_or_404(Mission, code=code.upper())
    summary = overview(Portfolio.on(as_of, mission))
    projects = Project.objects.in_portfolio(as_of).filter(mission=mission)
    return render(
        request,
        "missions/detail.html",
        {
            **summary.context(),
            "mission": mission,
            "projects": projects.for_listing(as_of)[:PROJECTS_LISTED],
            "indicator_charts": charts.indicator_charts(
                figures.indicators_with_targets(as_of, mission=mission)
            ),
        },
    )
