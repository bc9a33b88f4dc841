"""The portfolio on a day: the one builder behind every dashboard, snapshot, comparison and file.

A `Portfolio` is two querysets of the same shape, its projects and its milestones, whatever
they come from:

- `Portfolio.on(day)`: the live history as it was published on `day` (today by default):
  `Project.objects.in_portfolio(day).with_status(day)` and
  `Milestone.objects.with_dates(day).visible_on(day)`;
- `Portfolio.of_snapshot(snapshot)`: a snapshot's frozen rows, judged on its date by the same
  rules (`SnapshotMilestone.objects.judged`).

The figures (`projects.figures`) aggregate either in the database; `rows()` reads either into
the plain objects of `projects.snapshots.state` (comparison, exports, freezing). Freezing a
snapshot on a day stores exactly what `Portfolio.on(that day)` gives, so a snapshot and the
dashboard of its day agree figure by figure.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, QuerySet, Value
from django.utils import timezone

from missions.models import Mission
from projects.models import Milestone, Project, Snapshot, SnapshotEntry, SnapshotMilestone

# The columns of a project and of a milestone, by the same names whatever the source.
PROJECT_COLUMNS = (
    "project_id",
    "slug",
    "name",
    "name_en",
    "mission_id",
    "summary",
    "meteo",
    "phase",
    "progress",
    "status_on",
    "status_precision",
    "entered_on",
)
MILESTONE_COLUMNS = (
    "project_id",
    "title",
    "baseline_on",
    "baseline_precision",
    "forecast_on",
    "forecast_precision",
    "actual_on",
    "actual_precision",
    "tracked",
    "state",
    "drift",
    "drift_latest",
)


@dataclass(frozen=True)
class Portfolio:
    day: date
    projects: QuerySet
    milestones: QuerySet
    snapshot: Snapshot | None = None
    mission: Mission | None = None
    is_today: bool = False

    @classmethod
    def on(cls, day: date | None = None, mission: Mission | None = None) -> "Portfolio":
        """The portfolio as published on `day` (today when None or not in the past)."""
        today = timezone.localdate()
        as_of = day if day is not None and day < today else None
        scope = Project.objects.in_portfolio(as_of)
        if mission is not None:
            scope = scope.filter(mission=mission)
        milestones = (
            Milestone.objects.filter(project__in=scope.values("pk"))
            .with_dates(as_of)
            .visible_on(as_of)
        )
        return cls(
            day=as_of or today,
            projects=scope.with_status(as_of),
            milestones=milestones,
            mission=mission,
            is_today=as_of is None,
        )

    @classmethod
    def of_snapshot(cls, snapshot: Snapshot, mission: Mission | None = None) -> "Portfolio":
        """The portfolio frozen in `snapshot`, judged on the snapshot's date."""
        entries = SnapshotEntry.objects.filter(snapshot=snapshot)
        milestones = SnapshotMilestone.objects.filter(entry__snapshot=snapshot)
        if mission is not None:
            entries = entries.filter(mission=mission)
            milestones = milestones.filter(entry__mission=mission)
        return cls(
            day=snapshot.taken_on,
            projects=entries,
            milestones=milestones.judged(snapshot.taken_on),
            snapshot=snapshot,
            mission=mission,
        )

    @property
    def key(self) -> str:
        """What tells this portfolio apart in the shared figure cache."""
        source = f"instantane-{self.snapshot.pk}" if self.snapshot else "historique"
        scope = self.mission.code if self.mission else "programme"
        return f"{source}|{self.day.isoformat()}|{scope}"

    def project_rows(self) -> QuerySet:
        """One dict per project, keys `PROJECT_COLUMNS`, by mission then name."""
        if self.snapshot is None:
            rows = self.projects.values(*PROJECT_COLUMNS[1:], project_id=F("pk"))
        else:
            rows = self.projects.values(
                *PROJECT_COLUMNS[2:],
                "project_id",
                slug=F("project__slug"),
                name_en=Value(""),
            )
        return rows.order_by(F("mission__order").asc(nulls_last=True), "name", "project_id")

    def milestone_rows(self) -> QuerySet:
        """One dict per milestone, keys `MILESTONE_COLUMNS`, each project's in their order."""
        if self.snapshot is None:
            order = ("project_id", "position", "pk")
        else:
            order = ("entry_id", "pk")
        return self.milestones.order_by(*order).values(*MILESTONE_COLUMNS)
