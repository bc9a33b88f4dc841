"""Press snapshots and editions: the portfolio of a day frozen into immutable rows."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from projects.cache import bump_portfolio_version
from projects.enums import SnapshotKind
from projects.models import Snapshot, SnapshotEntry, SnapshotMilestone
from projects.portfolio import Portfolio
from projects.services import audit
from projects.snapshots.state import FrozenState, read


@transaction.atomic
def freeze_snapshot(*, snapshot: Snapshot) -> int:
    """Freeze the portfolio as published on `snapshot.taken_on` into `snapshot`; return its size.

    What is stored is exactly `Portfolio.on(taken_on)`: its projects (those with an unknown
    entry date included when the day is after the last edition, `portfolio_q`) with their
    mission, name, summary, entry date and latest published status, and their milestones
    with the dates known that day and whether someone answered for them (`rules.tracked_on`).

    The rows are rewritten **only when the frozen content differs** from what the snapshot
    already holds: freezing twice (loading the reference twice) changes nothing, not even row
    ids. A fixed number of queries whatever the portfolio size. Returns the number of entries.
    """
    wanted = read(Portfolio.on(snapshot.taken_on))
    if read(Portfolio.of_snapshot(snapshot)).content() == wanted.content():
        return len(wanted.projects)
    SnapshotMilestone.objects.filter(entry__snapshot=snapshot).delete()
    SnapshotEntry.objects.filter(snapshot=snapshot).delete()
    _store(snapshot, wanted)
    return len(wanted.projects)


def _store(snapshot: Snapshot, state: FrozenState) -> None:
    entries = SnapshotEntry.objects.bulk_create(
        SnapshotEntry(
            snapshot=snapshot,
            project_id=project.id,
            mission_id=project.mission_id,
            name=project.name,
            summary=project.summary,
            meteo=project.meteo,
            phase=project.phase,
            progress=project.progress,
            status_on=project.status_date.end if project.status_date else None,
            status_precision=project.status_date.precision if project.status_date else "",
            entered_on=project.entered_on,
        )
        for project in state.projects
    )
    SnapshotMilestone.objects.bulk_create(
        SnapshotMilestone(
            entry=entry,
            title=milestone.title,
            **_dates("baseline", milestone.baseline),
            **_dates("forecast", milestone.forecast),
            **_dates("actual", milestone.actual),
            tracked=milestone.tracked,
        )
        for entry, project in zip(entries, state.projects, strict=True)
        for milestone in project.milestones
    )


def _dates(name: str, value) -> dict:
    return {
        f"{name}_on": value.end if value else None,
        f"{name}_precision": value.precision if value else "",
    }


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
