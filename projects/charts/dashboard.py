"""The one list of the dashboard's charts, for the programme, a mission, a snapshot and its files.

Every page that shows the portfolio of a day (`/`, `/missions/<code>/`, a snapshot) and every file
that draws it (PDF, PNG) asks here, so they all show the same charts in the same order.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from projects.charts import evolution, indicators, milestones, status


def status_charts(counts, missions, calendar, day, mission=None) -> list:
    """Maturity, météo and milestones of the projects in scope (`mission`: one mission's page);
    `calendar` is a `figures.Calendar`."""
    charts = [
        status.maturity_pipeline(counts, [mission] if mission else missions, mission=mission),
        status.meteo_distribution(counts),
    ]
    if mission is None:
        by_mission = status.meteo_by_mission(counts, missions)
        if not by_mission.sentence_only:  # one sentence about météo is enough
            charts.append(by_mission)
    charts.append(
        milestones.milestone_calendar(
            calendar.milestones,
            day,
            total=calendar.total,
            rows=calendar.rows,
            link=(_("Tous les projets et leurs jalons"), reverse("projects:list")),
        )
    )
    return charts


def evolution_charts(editions, mission=None) -> list:
    """Phases (and, for the whole programme, météo) in each published edition."""
    if mission is not None:
        return [evolution.evolution(editions, "phase", "evolution", mission=mission)]
    return [
        evolution.evolution(editions, "phase", "evolution-phases"),
        evolution.evolution(editions, "meteo", "evolution-meteo"),
    ]


def indicator_charts(indicator_list) -> list:
    return [
        indicators.indicator_chart(indicator, f"indicateur-{indicator.slug}")
        for indicator in indicator_list
    ]
