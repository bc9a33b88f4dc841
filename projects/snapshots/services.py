"""Press snapshots and editions: freezing the portfolio of a day into immutable rows."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from projects.cache import bump_portfolio_version
from projects.enums import SnapshotKind
from projects.models import Milestone, Project, Snapshot, SnapshotEntry, SnapshotMilestone
from projects.models.snapshot import MILESTONE_FIELDS
from projects.services import audit


def _frozen_content(snapshot: Snapshot) -> list[tuple]:
    """The portfolio as it stood on `snapshot.taken_on`, as comparable plain tuples.

    One tuple per project (ordered by slug): its entry's fields, then the tuple of its
    milestones' fields (ordered by position). Two queries, whatever the portfolio size.
    """
    day = snapshot.taken_on
    projects = list(
        Project.objects.in_portfolio(day)
        .with_current_status(day)
        .order_by("slug")
        .values(
            "pk",
            "mission_id",
            "name",
            "summary",
            "current_meteo",
            "current_phase",
            "current_progress",
            "status_on",
            "status_precision",
        )
    )
    milestones: dict[int, list[tuple]] = {project["pk"]: [] for project in projects}
    rows = (
        Milestone.objects.filter(project__in=[project["pk"] for project in projects])
        .with_dates(day)
        .visible_on(day)
        .order_by("project", "position", "pk")
        .values_list("project", *MILESTONE_FIELDS)
    )
    for project_id, title, *dates in rows:
        baseline_on, baseline_p, forecast_on, forecast_p, actual_on, actual_p = dates
        milestones[project_id].append(
            (
                title,
                baseline_on,
                baseline_p or "",
                forecast_on,
                (forecast_p or "") if forecast_on else "",
                actual_on,
                (actual_p or "") if actual_on else "",
            )
        )
    return [
        (
            project["pk"],
            project["mission_id"],
            project["name"],
            project["summary"],
            project["current_meteo"],
            project["current_phase"] or "",
            project["current_progress"],
            project["status_on"],
            (project["status_precision"] or "") if project["status_on"] else "",
            tuple(milestones[project["pk"]]),
        )
        for project in projects
    ]


def _stored_content(snapshot: Snapshot) -> list[tuple]:
    """What `snapshot` holds now, in the shape of `_frozen_content`. Two queries."""
    entries = list(
        SnapshotEntry.objects.filter(snapshot=snapshot)
        .order_by("project__slug")
        .values_list(
            "pk",
            "project_id",
            "mission_id",
            "name",
            "summary",
            "meteo",
            "phase",
            "progress",
            "status_on",
            "status_precision",
        )
    )
    milestones: dict[int, list[tuple]] = {entry[0]: [] for entry in entries}
    rows = (
        SnapshotMilestone.objects.filter(entry__snapshot=snapshot)
        .order_by("entry", "pk")
        .values_list("entry", *MILESTONE_FIELDS)
    )
    for entry_id, *fields in rows:
        milestones[entry_id].append(tuple(fields))
    return [(*entry[1:], tuple(milestones[entry[0]])) for entry in entries]


@transaction.atomic
def freeze_snapshot(*, snapshot: Snapshot) -> int:
    """Freeze the portfolio as it stood on `snapshot.taken_on` into `snapshot`; return its size.

    The entries are the projects `Project.objects.in_portfolio(taken_on)` (identified projects
    that had entered the programme by then), each with its mission, name, summary and the météo,
    phase, progress and date of its latest status update published by then; their milestones
    are those a reader could know on that day (`with_dates(taken_on).visible_on(taken_on)`),
    with their baseline, forecast and actual dates as known then.

    The snapshot's SnapshotEntry and SnapshotMilestone rows are rewritten **only when the frozen
    content differs** from what the snapshot already holds: freezing twice (e.g. loading the
    reference twice) changes nothing, not even row ids. A fixed number of queries whatever the
    portfolio size (four reads to compare; when rewriting, the deletes and two bulk inserts).
    Returns the number of entries.
    """
    wanted = _frozen_content(snapshot)
    if _stored_content(snapshot) == wanted:
        return len(wanted)

    SnapshotMilestone.objects.filter(entry__snapshot=snapshot).delete()
    SnapshotEntry.objects.filter(snapshot=snapshot).delete()
    entries = SnapshotEntry.objects.bulk_create(
        SnapshotEntry(
            snapshot=snapshot,
            project_id=project_id,
            mission_id=mission_id,
            name=name,
            summary=summary,
            meteo=meteo,
            phase=phase,
            progress=progress,
            status_on=status_on,
            status_precision=status_precision,
        )
        for (
            project_id,
            mission_id,
            name,
            summary,
            meteo,
            phase,
            progress,
            status_on,
            status_precision,
            _milestones,
        ) in wanted
    )
    SnapshotMilestone.objects.bulk_create(
        SnapshotMilestone(
            entry=entry,
            title=title,
            baseline_on=baseline_on,
            baseline_precision=baseline_precision,
            forecast_on=forecast_on,
            forecast_precision=forecast_precision,
            actual_on=actual_on,
            actual_precision=actual_precision,
        )
        for entry, content in zip(entries, wanted, strict=True)
        for (
            title,
            baseline_on,
            baseline_precision,
            forecast_on,
            forecast_precision,
            actual_on,
            actual_precision,
        ) in content[-1]
    )
    return len(entries)


def portfolio_state_on(day) -> list[tuple]:
    """The portfolio as it stood on `day`, computed from the dated history (nothing stored).

    The same content `freeze_snapshot` would store for a snapshot taken that day: what a
    comparison between two arbitrary dates reads.
    """
    return _frozen_content(Snapshot(taken_on=day))


def _unique_snapshot_slug(title: str, taken_on) -> str:
    base = slugify(f"{title} {taken_on.isoformat()}")[:70].strip("-") or "instantane"
    if base == "comparer":  # reserved by /instantanes/comparer/
        base = "instantane-comparer"
    slug, n = base, 2
    while Snapshot.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_snapshot(*, title: str, taken_on, note: str, author) -> Snapshot:
    """Freeze the portfolio as it stood on `taken_on` into a new press snapshot and publish it.

    The snapshot gets a permanent slug (from its title and date), its entries and milestones
    are frozen by `freeze_snapshot`, then it is published: from then on the database refuses
    any change to it (triggers of migration `snapshot_immutability`). Journaled as
    `snapshot.published`. Returns the snapshot.
    """
    snapshot = Snapshot.objects.create(
        slug=_unique_snapshot_slug(title, taken_on),
        title=title,
        taken_on=taken_on,
        note=note,
        kind=SnapshotKind.PRESS,
        created_by=author,
    )
    size = freeze_snapshot(snapshot=snapshot)
    snapshot.published_at = timezone.now()
    snapshot.save(update_fields=["published_at"])
    audit(
        actor=author,
        action="snapshot.published",
        project=None,
        snapshot=snapshot.slug,
        taken_on=taken_on.isoformat(),
        entries=size,
    )
    bump_portfolio_version()
    return snapshot
