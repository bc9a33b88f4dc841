"""A frozen state of the portfolio as plain objects: what the snapshot pages, the comparison and
the exports read.

A state comes either from a snapshot's stored rows (`state_of_snapshot`: SnapshotEntry and
SnapshotMilestone, never recomputed) or, for a comparison between two arbitrary dates, from the
dated history (`state_on`, the content `freeze_snapshot` would store that day). Everything a
page shows of a snapshot is derived from these objects and the snapshot's date only.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F

from missions.models import Mission
from projects.enums import Meteo, Phase
from projects.figures import StatusCounts
from projects.fuzzydates import FuzzyDate, fuzzy, long_date
from projects.models import Project, Snapshot, SnapshotEntry, SnapshotMilestone
from projects.models.milestone import MilestoneState
from projects.models.snapshot import MILESTONE_FIELDS


@dataclass(eq=False)
class FrozenMilestone:
    project: "FrozenProject"
    title: str
    baseline: FuzzyDate | None
    forecast: FuzzyDate | None
    actual: FuzzyDate | None
    state: str = MilestoneState.UNDATED

    @property
    def state_label(self) -> str:
        return str(MilestoneState(self.state).label)

    @property
    def slippage_days(self) -> int | None:
        """Days between the original baseline and the actual (or forecast) date."""
        end = self.actual or self.forecast
        if self.baseline is None or end is None:
            return None
        return (end.end - self.baseline.end).days


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
    milestones: list[FrozenMilestone] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def mission_id(self) -> int | None:
        return self.mission.pk if self.mission else None

    @property
    def mission_code(self) -> str:
        return self.mission.code if self.mission else ""

    @property
    def done_count(self) -> int:
        return sum(1 for m in self.milestones if m.actual)

    @property
    def meteo_label(self) -> str:
        return str(Meteo(self.meteo).label)

    @property
    def phase_label(self) -> str:
        return str(Phase(self.phase).label) if self.phase else ""


@dataclass(eq=False)
class FrozenState:
    """The portfolio on `day`: its projects ordered by mission, then name."""

    day: date
    projects: list[FrozenProject]
    snapshot: Snapshot | None = None

    @property
    def label(self) -> str:
        return self.snapshot.title if self.snapshot else long_date(self.day)

    @property
    def milestones(self) -> list[FrozenMilestone]:
        return [m for project in self.projects for m in project.milestones]

    def counts(self) -> StatusCounts:
        counts = StatusCounts()
        for project in self.projects:
            counts.cells[(project.mission_id, project.phase, project.meteo)] += 1
        return counts

    def milestone_counts(self) -> Counter:
        counts = Counter({state: 0 for state in MilestoneState.values})
        counts.update(m.state for m in self.milestones)
        return counts

    def timeline(self, limit: int) -> list[FrozenMilestone]:
        """As the live dashboard: late ones first (oldest due date first), then the next ones
        to come, then the latest delivered; at most `limit`."""
        rank = {MilestoneState.LATE: 0, MilestoneState.UPCOMING: 1, MilestoneState.DONE: 2}
        dated = [m for m in self.milestones if m.state != MilestoneState.UNDATED]
        dated.sort(
            key=lambda m: (
                rank[m.state],
                m.forecast.end if m.forecast else date.max,
                -(m.actual.end.toordinal() if m.actual else 0),
            )
        )
        return dated[:limit]


def milestone_state(forecast: FuzzyDate | None, actual: FuzzyDate | None, day: date) -> str:
    """The rule of `MilestoneQuerySet.with_dates`, applied to frozen dates."""
    if actual is not None:
        return MilestoneState.DONE
    if forecast is None:
        return MilestoneState.UNDATED
    if forecast.end < day:
        return MilestoneState.LATE
    return MilestoneState.UPCOMING


def _milestone(project, day, title, b_on, b_p, f_on, f_p, a_on, a_p) -> FrozenMilestone:
    baseline, forecast, actual = fuzzy(b_on, b_p), fuzzy(f_on, f_p), fuzzy(a_on, a_p)
    return FrozenMilestone(
        project, title, baseline, forecast, actual, milestone_state(forecast, actual, day)
    )


def _sort(projects: list[FrozenProject]) -> list[FrozenProject]:
    return sorted(
        projects,
        key=lambda p: (p.mission.order if p.mission else 10_000, p.name.casefold(), p.id),
    )


def state_of_snapshot(snapshot: Snapshot) -> FrozenState:
    """The snapshot's stored rows (three queries, whatever the portfolio size)."""
    missions = {mission.pk: mission for mission in Mission.objects.all()}
    entries = list(
        SnapshotEntry.objects.filter(snapshot=snapshot)
        .annotate(project_slug=F("project__slug"))
        .order_by("pk")
    )
    projects = {
        entry.pk: FrozenProject(
            id=entry.project_id,
            slug=entry.project_slug,
            name=entry.name,
            mission=missions.get(entry.mission_id),
            summary=entry.summary,
            meteo=entry.meteo,
            phase=entry.phase,
            progress=entry.progress,
            status_date=entry.status_date,
        )
        for entry in entries
    }
    rows = (
        SnapshotMilestone.objects.filter(entry__snapshot=snapshot)
        .order_by("entry", "pk")
        .values_list("entry", *MILESTONE_FIELDS)
    )
    for entry_id, *fields in rows:
        project = projects[entry_id]
        project.milestones.append(_milestone(project, snapshot.taken_on, *fields))
    return FrozenState(snapshot.taken_on, _sort(list(projects.values())), snapshot)


def state_on(day: date) -> FrozenState:
    """The portfolio on `day` from the dated history, as `freeze_snapshot` would freeze it."""
    from projects.snapshots.services import portfolio_state_on

    content = portfolio_state_on(day)
    missions = {mission.pk: mission for mission in Mission.objects.all()}
    slugs = dict(
        Project.objects.filter(pk__in=[row[0] for row in content]).values_list("pk", "slug")
    )
    projects = []
    for project_id, mission_id, name, summary, meteo, phase, progress, s_on, s_p, rows in content:
        project = FrozenProject(
            id=project_id,
            slug=slugs[project_id],
            name=name,
            mission=missions.get(mission_id),
            summary=summary,
            meteo=meteo,
            phase=phase,
            progress=progress,
            status_date=fuzzy(s_on, s_p),
        )
        project.milestones = [_milestone(project, day, *fields) for fields in rows]
        projects.append(project)
    return FrozenState(day, _sort(projects))
