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

from datetime import date
from functools import cached_property

from django.db.models import F, QuerySet, Value
from django.utils import timezone

from missions.models import Mission
from projects.models import Milestone, Project, Snapshot, SnapshotEntry, SnapshotMilestone
from projects.models.queries import prepared

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


class Portfolio:
    """The portfolio on `day`: `projects` and `milestones`, built on first use."""

    def __init__(self, day, *, as_of=None, snapshot=None, mission=None):
        self.day = day
        self.as_of = as_of  # None: today's (the stored copies); else a past day's history
        self.snapshot = snapshot
        self.mission = mission

    @classmethod
    def on(cls, day: date | None = None, mission: Mission | None = None) -> "Portfolio":
        """The portfolio as published on `day` (today when None or not in the past)."""
        today = timezone.localdate()
        as_of = day if day is not None and day < today else None
        return cls(as_of or today, as_of=as_of, mission=mission)

    @classmethod
    def of_snapshot(cls, snapshot: Snapshot, mission: Mission | None = None) -> "Portfolio":
        """The portfolio frozen in `snapshot`, judged on the snapshot's date."""
        return cls(snapshot.taken_on, snapshot=snapshot, mission=mission)

    @property
    def is_today(self) -> bool:
        return self.snapshot is None and self.as_of is None

    @cached_property
    def projects(self) -> QuerySet:
        """The projects, with their status on the day (meteo, phase, progress, status_on…)."""
        if self.snapshot is not None:
            entries = SnapshotEntry.objects.filter(snapshot=self.snapshot)
            return entries.filter(mission=self.mission) if self.mission else entries
        return prepared(
            ("portfolio-projects", self.day, self.as_of is None, self._mission_pk),
            lambda: self._scope().with_status(self.as_of),
        )

    @cached_property
    def milestones(self) -> QuerySet:
        """The milestones a reader could know on the day, with their `state`."""
        if self.snapshot is not None:
            rows = SnapshotMilestone.objects.filter(entry__snapshot=self.snapshot)
            if self.mission is not None:
                rows = rows.filter(entry__mission=self.mission)
            return rows.judged(self.day)
        return prepared(
            ("portfolio-milestones", self.day, self.as_of is None, self._mission_pk),
            lambda: (
                Milestone.objects.filter(project__in=self._scope().values("pk"))
                .with_dates(self.as_of, drift=False)
                .visible_on(self.as_of)
            ),
        )

    @property
    def _mission_pk(self):
        return self.mission.pk if self.mission else None

    def _scope(self) -> QuerySet:
        scope = Project.objects.in_portfolio(self.as_of)
        return scope.filter(mission=self.mission) if self.mission else scope

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
        rows = self.milestones.with_drift(self.as_of if self.snapshot is None else self.day)
        return rows.order_by(*order).values(*MILESTONE_COLUMNS)
