"""The figures the dashboards show, each computed in the database in a fixed number of queries.

Every function takes the portfolio's date (`as_of`, None for today) and a queryset of projects
already restricted to the page's scope (the whole programme, or one mission).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Value, When

from projects.cache import shared_figure
from projects.enums import Meteo, Phase
from projects.models import Indicator, Measurement, Milestone, Snapshot, SnapshotEntry
from projects.models.milestone import MilestoneState
from projects.models.withdrawal import active_q

TIMELINE_LIMIT = 25


@dataclass
class StatusCounts:
    """Projects counted by (mission, phase, météo): what every status chart is made of."""

    cells: Counter = field(default_factory=Counter)  # (mission_id, phase, meteo) -> n

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    def by_phase(self) -> Counter:
        return Counter({phase: n for (_, phase, _), n in self._sum(1).items()})

    def by_meteo(self) -> Counter:
        return Counter({meteo: n for (_, _, meteo), n in self._sum(2).items()})

    def meteo_items(self) -> list[tuple[str, int]]:
        """(météo, n) worst to best, then « non renseignée »; every value, even at zero."""
        counts = self.by_meteo()
        return [(meteo, counts.get(meteo, 0)) for meteo in METEO_ORDER]

    def phase_items(self) -> list[tuple[str, int]]:
        """(phase, n) in pipeline order, then unknown; only phases that occur."""
        counts = self.by_phase()
        return [(phase, counts[phase]) for phase in PHASE_ORDER if counts.get(phase)]

    def by_mission(self) -> Counter:
        counts = Counter()
        for (mission_id, _phase, _meteo), n in self.cells.items():
            counts[mission_id] += n
        return counts

    def by_mission_and(self, axis: str) -> Counter:
        """(mission_id, phase) or (mission_id, meteo) -> n."""
        index = 1 if axis == "phase" else 2
        counts = Counter()
        for key, n in self.cells.items():
            counts[(key[0], key[index])] += n
        return counts

    def _sum(self, index: int) -> Counter:
        counts = Counter()
        for key, n in self.cells.items():
            counts[tuple(value if i == index else None for i, value in enumerate(key))] += n
        return counts


@shared_figure
def status_counts(projects, as_of: date | None) -> StatusCounts:
    """One GROUP BY query over the current status of every project in scope."""
    rows = (
        projects.with_current_status(as_of)
        .order_by()
        .values("mission_id", "current_phase", "current_meteo")
        .annotate(n=Count("pk"))
    )
    counts = StatusCounts()
    for row in rows:
        counts.cells[(row["mission_id"], row["current_phase"] or "", row["current_meteo"])] += row[
            "n"
        ]
    return counts


def milestones_in_scope(projects, as_of: date | None):
    return (
        Milestone.objects.filter(project__in=projects.values("pk"))
        .with_dates(as_of)
        .visible_on(as_of)
    )


@shared_figure
def milestone_counts(projects, as_of: date | None) -> Counter:
    """Milestones done / late / upcoming / undated, in one query."""
    rows = milestones_in_scope(projects, as_of).order_by().values("state").annotate(n=Count("pk"))
    counts = Counter({state: 0 for state in MilestoneState.values})
    counts.update({row["state"]: row["n"] for row in rows})
    return counts


@shared_figure
def milestone_timeline(projects, as_of: date | None) -> list:
    """The milestones that matter on `as_of`: late ones first (oldest due date first), then the
    next ones to come, then the latest delivered; at most TIMELINE_LIMIT, in one query."""
    rows = (
        milestones_in_scope(projects, as_of)
        .exclude(state=MilestoneState.UNDATED)
        .select_related("project")
        .order_by(
            # late, then upcoming, then done; within each, the nearest to the date first
            _state_rank(),
            F("forecast_on").asc(nulls_last=True),
            F("actual_on").desc(nulls_last=True),
            "pk",
        )[:TIMELINE_LIMIT]
    )
    return list(rows)


def _state_rank():
    return Case(
        When(state=MilestoneState.LATE, then=Value(0)),
        When(state=MilestoneState.UPCOMING, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    ).asc()


@dataclass(frozen=True)
class EditionCounts:
    edition: Snapshot
    by_phase: Counter
    by_meteo: Counter

    @property
    def identified(self) -> int:
        return sum(self.by_phase.values())


def edition_evolution(as_of: date | None, mission=None) -> list[EditionCounts]:
    """Projects per phase and per météo in each published edition up to `as_of`: two queries."""
    editions = Snapshot.objects.editions()
    if as_of is not None:
        editions = editions.filter(taken_on__lte=as_of)
    editions = list(editions)
    entries = SnapshotEntry.objects.filter(snapshot__in=editions)
    if mission is not None:
        entries = entries.filter(mission=mission)
    rows = entries.order_by().values("snapshot_id", "phase", "meteo").annotate(n=Count("pk"))
    phases = {edition.pk: Counter() for edition in editions}
    meteos = {edition.pk: Counter() for edition in editions}
    for row in rows:
        phases[row["snapshot_id"]][row["phase"] or ""] += row["n"]
        meteos[row["snapshot_id"]][row["meteo"]] += row["n"]
    return [EditionCounts(edition, phases[edition.pk], meteos[edition.pk]) for edition in editions]


def indicators_with_targets(as_of: date | None, projects=None, mission=None) -> list[Indicator]:
    """Indicators that have at least one figure, with their figures known on `as_of`; not those
    of a project withdrawn by then (2 queries)."""
    measurements = Measurement.objects.filter(value__isnull=False)
    if as_of is not None:
        measurements = measurements.filter(Q(is_target=True) | Q(on__lte=as_of)).filter(
            Q(set_on__isnull=True) | Q(set_on__lte=as_of)
        )
    indicators = Indicator.objects.filter(measurements__value__isnull=False).distinct()
    indicators = indicators.filter(Q(project__isnull=True) | active_q(as_of, prefix="project__"))
    if mission is not None:
        indicators = indicators.filter(Q(mission=mission) | Q(project__mission=mission))
    if projects is not None:
        indicators = indicators.filter(
            Q(project__isnull=True) | Q(project__in=projects.values("pk"))
        )
    return list(
        indicators.order_by("name").prefetch_related(
            Prefetch("measurements", queryset=measurements.order_by("is_target", "on", "pk"))
        )
    )


PHASE_ORDER = [*Phase.values, ""]
METEO_ORDER = [Meteo.ORAGE, Meteo.NUAGE, Meteo.COUVERT, Meteo.SOLEIL, Meteo.NON_RENSEIGNEE]
