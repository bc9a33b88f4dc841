from dataclasses import dataclass

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from missions.models import Mission
from projects import figures
from projects.charts import dashboard as charts
from projects.coverage import coverage_on
from projects.enums import METEO_ORDER, MilestoneState
from projects.models import Project
from projects.overview import overview
from projects.portfolio import Portfolio
from projects.timetravel import time_travel

PROJECTS_LISTED = 50


@dataclass
class MissionCard:
    """What a mission's card says: its projects, their météo, its late milestones."""

    mission: Mission | None
    identified: int
    meteo: list[tuple[str, int]]  # (météo, n), worst to best, only those that occur
    late: int
    unreported: int


@require_safe
def mission_list(request):
    """The eight missions, each with its projects' météo and late milestones, and the projects
    of no known mission (so that the cards add up to the banner); a fixed number of queries."""
    as_of = time_travel(request).as_of
    coverage = coverage_on(as_of)
    portfolio = Portfolio.on(as_of)
    counts = figures.status_counts(portfolio)
    by_mission = counts.by_mission_and("meteo")
    milestones = figures.milestone_counts_by_mission(portfolio)

    def card(mission):
        pk = mission.pk if mission else None
        states = milestones.get(pk, {})
        return MissionCard(
            mission=mission,
            identified=counts.by_mission().get(pk, 0),
            meteo=[(m, by_mission[(pk, m)]) for m in METEO_ORDER if by_mission.get((pk, m))],
            late=states.get(MilestoneState.LATE, 0),
            unreported=states.get(MilestoneState.UNREPORTED, 0),
        )

    missions = list(Mission.objects.order_by("order"))
    orphans = list(
        Project.objects.in_portfolio(as_of).filter(mission__isnull=True).order_by("name")
    )
    return render(
        request,
        "missions/list.html",
        {
            "cards": [card(mission) for mission in missions],
            "orphans": card(None) if orphans else None,
            "orphan_projects": orphans,
            "coverage": coverage,
        },
    )


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
