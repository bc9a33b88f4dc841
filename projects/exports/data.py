"""Everything a snapshot's exports hold, read once in the request (a fixed number of queries).

Projects and milestones come from the snapshot's frozen rows. The updates and indicators sheets
come from the dated, append-only history as it was published on the snapshot's date (published
updates are never edited; a measurement is dated), so they read the same every time too.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from django.db.models import Count, Max, Q
from django.utils import timezone

from missions.models import Mission
from projects import figures
from projects.charts.kit import Chart
from projects.coverage import Coverage
from projects.enums import MilestoneState, SnapshotKind
from projects.exports.meta import Metadata, permalink, snapshot_metadata
from projects.fuzzydates import FuzzyDate, fuzzy
from projects.models import (
    Measurement,
    Project,
    Snapshot,
    SnapshotEntry,
    SnapshotMilestone,
    StatusUpdate,
)
from projects.overview import Overview, overview
from projects.portfolio import Portfolio
from projects.snapshots.state import FrozenProject, FrozenState, read

# Bump when an export's content or layout changes: cached files are then rebuilt.
EXPORT_VERSION = 4
# The formats that embed the charts (the others never build them).
DRAWN_FORMATS = {"pdf", "png", "svg", "zip"}


@dataclass(frozen=True)
class UpdateRow:
    project: FrozenProject
    date: FuzzyDate
    published_on: date
    meteo: str
    phase: str
    progress: int | None
    summary: str
    achievements: str = ""
    next_steps: str = ""
    meteo_justification: str = ""


@dataclass(frozen=True)
class IndicatorRow:
    indicator: str
    unit: str
    mission: str
    project: str
    date: FuzzyDate | None
    is_target: bool
    value: object
    text: str


@dataclass
class ExportData:
    snapshot: Snapshot
    state: FrozenState
    overview: Overview
    updates: list[UpdateRow] = field(default_factory=list)
    # The summary of each project's last update published on the snapshot's day, by project id.
    update_summaries: dict[int, str] = field(default_factory=dict)
    indicators: list[IndicatorRow] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)  # (url, description)
    permalink: str = ""  # the snapshot's permanent address (SITE_URL, never the Host)
    generated_at: datetime = field(default_factory=timezone.now)

    @cached_property
    def charts(self) -> list[Chart]:
        """The snapshot page's charts, drawn on first use (only the PDF and PNG files do)."""
        return self.overview.all_charts

    @property
    def coverage(self) -> Coverage:
        return self.overview.coverage

    @property
    def missions(self) -> list[Mission]:
        return self.overview.missions

    @property
    def slug(self) -> str:
        return self.snapshot.slug

    @property
    def day(self) -> date:
        return self.snapshot.taken_on

    @cached_property
    def meta(self) -> Metadata:
        """What the snapshot's files say of themselves (date, source, licence, caveat)."""
        return snapshot_metadata(self.snapshot, self.coverage)

    def prepare(self, fmt: str) -> "ExportData":
        """Read in the request everything the `fmt` file is made of (the files are written in a
        background thread, without database access): the figures, and the charts for the
        formats that draw them."""
        self.headline  # noqa: B018 — reads the figures and the coverage
        self.meta  # noqa: B018
        if fmt in DRAWN_FORMATS:
            self.charts  # noqa: B018
        return self

    @cached_property
    def headline(self) -> dict:
        """The headline figures of the snapshot page (the same `figures`)."""
        counts = self.overview.milestone_counts
        return {
            "caveat": self.coverage.caveat(),
            "meteo": self.overview.counts.meteo_items(),
            "projects": self.overview.counts.total,
            "done": counts[MilestoneState.DONE],
            "late": counts[MilestoneState.LATE],
            "unreported": counts[MilestoneState.UNREPORTED],
            "upcoming": counts[MilestoneState.UPCOMING],
            "milestones": sum(counts.values()),
        }


def collect(snapshot: Snapshot) -> ExportData:
    """Read the snapshot's exports' content (about ten queries, whatever the portfolio size)."""
    portfolio = Portfolio.of_snapshot(snapshot)
    state = read(portfolio)
    by_id = {project.id: project for project in state.projects}
    updates = [
        UpdateRow(
            project=by_id[row["project_id"]],
            date=fuzzy(row["as_of"], row["as_of_precision"]),
            published_on=row["published_on"],
            meteo=row["meteo"],
            phase=row["phase"],
            progress=row["progress"],
            summary=row["summary"],
            achievements=row["achievements"],
            next_steps=row["next_steps"],
            meteo_justification=row["meteo_justification"],
        )
        for row in StatusUpdate.objects.published(snapshot.taken_on)
        .filter(project__in=list(by_id))
        .order_by("project__name", "as_of", "pk")
        .values(
            "project_id",
            "as_of",
            "as_of_precision",
            "published_on",
            "meteo",
            "phase",
            "progress",
            "summary",
            "achievements",
            "next_steps",
            "meteo_justification",
        )
    ]
    indicators = [
        IndicatorRow(
            indicator=indicator.name,
            unit=indicator.unit,
            mission=indicator.mission.code if indicator.mission_id else "",
            project=indicator.project.name if indicator.project_id else "",
            date=measurement.date,
            is_target=measurement.is_target,
            value=measurement.value,
            text=measurement.text,
        )
        for indicator in figures.indicators_with_targets(snapshot.taken_on)
        for measurement in indicator.measurements.all()
    ]
    return ExportData(
        snapshot=snapshot,
        state=state,
        overview=overview(portfolio),
        updates=updates,
        update_summaries=Project.objects.filter(pk__in=list(by_id)).last_summaries(
            snapshot.taken_on
        ),
        indicators=indicators,
        sources=[(s.url, s.description) for s in snapshot.sources.all()],
        permalink=permalink(snapshot.get_absolute_url()),
    )


def fingerprint(snapshot: Snapshot) -> str:
    """What the cached exports of `snapshot` depend on (four aggregate queries).

    A published press snapshot never changes (the database refuses it), but an edition is
    re-frozen by `load_programme` when the reference changes (new rows, new ids), and the
    updates and indicators sheets read the history: any of these moves the fingerprint.
    """
    entries = SnapshotEntry.objects.filter(
        Q(snapshot=snapshot)
        | Q(snapshot__kind=SnapshotKind.EDITION, snapshot__taken_on__lte=snapshot.taken_on)
    ).aggregate(n=Count("pk"), last=Max("pk"))
    milestones = SnapshotMilestone.objects.filter(entry__snapshot=snapshot).aggregate(
        n=Count("pk"), last=Max("pk")
    )
    updates = StatusUpdate.objects.published(snapshot.taken_on).aggregate(
        n=Count("pk"), last=Max("pk")
    )
    measurements = Measurement.objects.aggregate(
        n=Count("pk"), last=Max("pk"), values=Count("pk", filter=Q(value__isnull=False))
    )
    parts = [
        EXPORT_VERSION,
        snapshot.pk,
        snapshot.published_at and snapshot.published_at.isoformat(),
        sorted(entries.items()),
        sorted(milestones.items()),
        sorted(updates.items()),
        sorted(measurements.items()),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
