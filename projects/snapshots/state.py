"""The portfolio of a day as plain objects: what comparisons, exports and freezing read.

`read(portfolio)` is the one reader: the same two queries, whether the portfolio comes from the
live history (`Portfolio.on(day)`) or from a snapshot's frozen rows (`Portfolio.of_snapshot`).
Every judgement on these objects (a milestone's state, its drift) was made by the database with
the rules of `projects.rules`; nothing here decides one again.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from missions.models import Mission, in_language
from projects.enums import Meteo, MilestoneState, phase_label
from projects.fuzzydates import FuzzyDate, fuzzy, long_date
from projects.models import Snapshot
from projects.portfolio import Portfolio


@dataclass(eq=False)
class FrozenMilestone:
    project: "FrozenProject"
    title: str
    baseline: FuzzyDate | None
    forecast: FuzzyDate | None
    actual: FuzzyDate | None
    state: str
    drift_days: int | None = None
    drift_latest_days: int | None = None
    tracked: bool = False
    title_en: str = ""  # a live milestone's English title (a freeze keeps the French only)

    @property
    def state_label(self) -> str:
        return str(MilestoneState(self.state).label)

    @property
    def display_title(self) -> str:
        return in_language(self.title, self.title_en)

    def content(self) -> tuple:
        """What a freeze stores of the milestone (two freezes are equal when these are)."""
        return (self.title, self.baseline, self.forecast, self.actual, self.tracked)


@dataclass(eq=False)
class FrozenProject:
    id: int
    slug: str
    name: str
    mission: Mission | None
    summary: str
    meteo: str
    phase: str
    progress: int | None
    status_date: FuzzyDate | None
    entered_on: date | None
    name_en: str = ""
    milestones: list[FrozenMilestone] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        return in_language(self.name, self.name_en)

    @property
    def mission_id(self) -> int | None:
        return self.mission.pk if self.mission else None

    @property
    def mission_code(self) -> str:
        return self.mission.code if self.mission else ""

    @property
    def entry_unknown(self) -> bool:
        return self.entered_on is None

    @property
    def meteo_label(self) -> str:
        return str(Meteo(self.meteo).label)

    @property
    def phase_label(self) -> str:
        return str(phase_label(self.phase))

    def milestone_counts(self) -> Counter:
        return Counter(m.state for m in self.milestones)

    @property
    def done_count(self) -> int:
        return self.milestone_counts()[MilestoneState.DONE]

    @property
    def milestone_total(self) -> int:
        return len(self.milestones)

    def content(self) -> tuple:
        """What a freeze stores of the project (two freezes are equal when these are)."""
        return (
            self.id,
            self.mission_id,
            self.name,
            self.summary,
            self.meteo,
            self.phase,
            self.progress,
            self.status_date,
            self.entered_on,
            tuple(m.content() for m in self.milestones),
        )


@dataclass(eq=False)
class FrozenState:
    """The portfolio on `day`: its projects, by mission then name."""

    day: date
    projects: list[FrozenProject]
    snapshot: Snapshot | None = None

    @property
    def label(self) -> str:
        return self.snapshot.display_title if self.snapshot else long_date(self.day)

    @property
    def milestones(self) -> list[FrozenMilestone]:
        return [m for project in self.projects for m in project.milestones]

    def milestone_counts(self) -> Counter:
        counts = Counter({state: 0 for state in MilestoneState.values})
        counts.update(m.state for m in self.milestones)
        return counts

    def meteo_counts(self) -> Counter:
        return Counter(project.meteo for project in self.projects)

    def content(self) -> list[tuple]:
        return [project.content() for project in self.projects]


def milestone_from_row(row: dict, project) -> FrozenMilestone:
    """A milestone row of `Portfolio.milestone_rows()` (or of the same shape) as an object."""
    return FrozenMilestone(
        project=project,
        title=row["title"],
        baseline=fuzzy(row["baseline_on"], row["baseline_precision"]),
        forecast=fuzzy(row["forecast_on"], row["forecast_precision"]),
        actual=fuzzy(row["actual_on"], row["actual_precision"]),
        state=row["state"],
        drift_days=_days(row.get("drift")),
        drift_latest_days=_days(row.get("drift_latest")),
        tracked=bool(row["tracked"]),
        title_en=row.get("title_en", ""),
    )


def _days(duration) -> int | None:
    return None if duration is None else duration.days


def read(portfolio: Portfolio) -> FrozenState:
    """Every project of `portfolio` with its milestones, as plain objects (three queries)."""
    missions = {mission.pk: mission for mission in Mission.objects.all()}
    projects = {
        row["project_id"]: FrozenProject(
            id=row["project_id"],
            slug=row["slug"],
            name=row["name"],
            name_en=row["name_en"],
            mission=missions.get(row["mission_id"]),
            summary=row["summary"],
            meteo=row["meteo"],
            phase=row["phase"] or "",
            progress=row["progress"],
            status_date=fuzzy(row["status_on"], row["status_precision"]),
            entered_on=row["entered_on"],
        )
        for row in portfolio.project_rows()
    }
    for row in portfolio.milestone_rows():
        project = projects.get(row["project_id"])
        if project is not None:
            project.milestones.append(milestone_from_row(row, project))
    return FrozenState(portfolio.day, list(projects.values()), portfolio.snapshot)


def state_of_snapshot(snapshot: Snapshot) -> FrozenState:
    """The snapshot's stored rows, judged on its date."""
    return read(Portfolio.of_snapshot(snapshot))


def state_on(day: date | None) -> FrozenState:
    """The portfolio as published on `day` (today when None), from the dated history."""
    return read(Portfolio.on(day))
