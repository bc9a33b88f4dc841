"""What every view of the portfolio of a day shows first: the caveat, the headline figures and
the charts, for the dashboard (`/`, `/?date=`), a mission, a snapshot and a snapshot's files.

One `Overview` per portfolio: the pages and the files of one day read the same figures, so
they agree. Charts are drawn only when asked for (a CSV needs none).
"""

from dataclasses import dataclass
from functools import cached_property

from missions.models import Mission
from projects import figures
from projects.charts import dashboard as charts
from projects.coverage import Coverage, coverage_of
from projects.portfolio import Portfolio


@dataclass
class Overview:
    portfolio: Portfolio
    missions: list[Mission]

    @cached_property
    def coverage(self) -> Coverage:
        return coverage_of(self.portfolio)

    @cached_property
    def counts(self) -> figures.StatusCounts:
        return figures.status_counts(self.portfolio)

    @cached_property
    def milestone_counts(self):
        return figures.milestone_counts(self.portfolio)

    @cached_property
    def calendar(self) -> figures.Calendar:
        return figures.calendar(self.portfolio)

    @cached_property
    def editions(self) -> list[figures.EditionCounts]:
        return figures.edition_evolution(self.portfolio.day, self.portfolio.mission)

    @cached_property
    def chart_missions(self) -> list[Mission]:
        """The missions that get a column: those that hold a project of the portfolio (a
        mission created after a snapshot must not change its page)."""
        present = {mission_id for (mission_id, _phase, _meteo) in self.counts.cells}
        return [mission for mission in self.missions if mission.pk in present]

    @cached_property
    def status_charts(self) -> list:
        return charts.status_charts(
            self.counts,
            self.chart_missions,
            self.calendar,
            self.portfolio.day,
            self.portfolio.mission,
        )

    @cached_property
    def evolution_charts(self) -> list:
        return charts.evolution_charts(self.editions, self.portfolio.mission)

    @property
    def all_charts(self) -> list:
        return self.status_charts + self.evolution_charts

    def context(self) -> dict:
        """The template context of `projects/includes/overview.html` and its parts."""
        return {
            "portfolio": self.portfolio,
            "coverage": self.coverage,
            "counts": self.counts,
            "milestone_counts": self.milestone_counts,
            "charts": self.status_charts,
            "evolution_charts": self.evolution_charts,
        }


def overview(portfolio: Portfolio) -> Overview:
    return Overview(portfolio, list(Mission.objects.order_by("order")))
