"""The figures the dashboards show, each computed in the database in a fixed number of queries.

Every figure of the portfolio of a day takes a `Portfolio` (`projects.portfolio`): the live
history on a day or a snapshot's frozen rows, for the whole programme or one mission. The same
function on both is what makes a snapshot's page equal to the dashboard of its day. Figures are
shared by every reader through the cache (`remember`, keyed by the portfolio and its version).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Prefetch, Q, Value
from django.db.models.functions import Coalesce

from projects.cache import remember
from projects.enums import METEO_ORDER, PHASE_ORDER, MilestoneState
from projects.models import Indicator, Measurement, Snapshot, SnapshotEntry
from projects.models.withdrawal import active_q
from projects.portfolio import MILESTONE_COLUMNS, Portfolio
from projects.snapshots.state import FrozenProject, milestone_from_row

CALENDAR_LIMIT = 25  # milestones drawn
CALENDAR_TABLE_LIMIT = 500  # milestones in the calendar's table (all 71 of the real programme)
# What the calendar shows of each milestone (no drift).
CALENDAR_COLUMNS = tuple(c for c in MILESTONE_COLUMNS if c not in ("drift", "drift_latest"))


@dataclass
class StatusCounts:
    """Projects counted by (mission, phase, météo): what every status chart is made of."""

    cells: Counter = field(default_factory=Counter)  # (mission_id, phase, meteo) -> n

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    def by_phase(self) -> Counter:
        return self._by(1)

    def by_meteo(self) -> Counter:
        return self._by(2)

    def by_mission(self) -> Counter:
        return self._by(0)

    def meteo_items(self) -> list[tuple[str, int]]:
        """(météo, n) worst to best, then « non renseignée »; every value, even at zero."""
        counts = self.by_meteo()
        return [(meteo, counts.get(meteo, 0)) for meteo in METEO_ORDER]

    def phase_items(self) -> list[tuple[str, int]]:
        """(phase, n) in pipeline order, then unknown; only phases that occur."""
        counts = self.by_phase()
        return [(phase, counts[phase]) for phase in PHASE_ORDER if counts.get(phase)]

    @property
    def phase_known(self) -> int:
        return self.total - self.by_phase().get("", 0)

    def by_mission_and(self, axis: str) -> Counter:
        """(mission_id, phase) or (mission_id, meteo) -> n."""
        index = 1 if axis == "phase" else 2
        counts = Counter()
        for key, n in self.cells.items():
            counts[(key[0], key[index])] += n
        return counts

    def _by(self, index: int) -> Counter:
        counts = Counter()
        for key, n in self.cells.items():
            counts[key[index]] += n
        return counts


def _shared(name: str, portfolio: Portfolio, compute):
    return remember([name, portfolio.key], compute)


def status_counts(portfolio: Portfolio) -> StatusCounts:
    """One GROUP BY over the status of every project of the portfolio."""

    def compute():
        rows = (
            portfolio.projects.order_by()
            .values("mission_id", "phase", "meteo")
            .annotate(n=Count("pk"))
        )
        counts = StatusCounts()
        for row in rows:
            counts.cells[(row["mission_id"], row["phase"] or "", row["meteo"])] += row["n"]
        return counts

    return _shared("status_counts", portfolio, compute)


def milestone_counts(portfolio: Portfolio) -> Counter:
    """Milestones by state (`MilestoneState`), every state present even at zero; one query."""

    def compute():
        rows = portfolio.milestones.order_by().values("state").annotate(n=Count("pk"))
        counts = Counter({state: 0 for state in MilestoneState.values})
        counts.update({row["state"]: row["n"] for row in rows})
        return counts

    return _shared("milestone_counts", portfolio, compute)


def milestone_counts_by_mission(portfolio: Portfolio) -> dict:
    """{mission id: Counter of milestone states}, every mission of the portfolio; one query."""

    def compute():
        mission = "entry__mission_id" if portfolio.snapshot else "project__mission_id"
        rows = portfolio.milestones.order_by().values(mission, "state").annotate(n=Count("pk"))
        counts = {}
        for row in rows:
            counts.setdefault(row[mission], Counter())[row["state"]] += row["n"]
        return counts

    return _shared("milestone_counts_by_mission", portfolio, compute)


@dataclass
class Calendar:
    """The dated milestones of a day, most recent first: `rows` (at most `CALENDAR_TABLE_LIMIT`)
    for the table, the first `CALENDAR_LIMIT` of them for the drawing, out of `total`."""

    rows: list
    total: int
    limit: int = CALENDAR_LIMIT

    @property
    def milestones(self) -> list:
        """The ones drawn: « les N plus récents sur M »."""
        return self.rows[: self.limit]

    @property
    def truncated(self) -> bool:
        return self.total > len(self.milestones)


def calendar(portfolio: Portfolio, limit: int = CALENDAR_LIMIT) -> Calendar:
    """The dated milestones, most recent first (by the date that counts: done on, else due on,
    else first announced for); two queries, whatever the portfolio's size."""

    def compute():
        dated = portfolio.milestones.exclude(state=MilestoneState.UNDATED)
        ordered = dated.order_by(
            Coalesce("actual_on", "forecast_on", "baseline_on").desc(nulls_last=True), "pk"
        )
        # English titles and names exist for the live programme only: a freeze keeps its French.
        if portfolio.snapshot:
            columns = CALENDAR_COLUMNS
            names = {
                "project_name": F("entry__name"),
                "project_name_en": Value(""),
                "title_en": Value(""),
            }
        else:
            columns = (*CALENDAR_COLUMNS, "title_en")
            names = {"project_name": F("project__name"), "project_name_en": F("project__name_en")}
        rows = list(ordered.values(*columns, **names)[:CALENDAR_TABLE_LIMIT])
        milestones = [
            milestone_from_row(row, _named_project(row["project_name"], row["project_name_en"]))
            for row in rows
        ]
        counts = milestone_counts(portfolio)
        total = sum(counts.values()) - counts[MilestoneState.UNDATED]
        return Calendar(milestones, total, limit)

    return _shared(f"calendar-{limit}", portfolio, compute)


def _named_project(name: str, name_en: str = "") -> FrozenProject:
    return FrozenProject(0, "", name, None, "", "", "", None, None, None, name_en=name_en)


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
    measurements = Measurement.objects.known_on(as_of).filter(value__isnull=False)
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
