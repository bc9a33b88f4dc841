"""Operations that change several rows at once, each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from projects.cache import bump_portfolio_version
from projects.enums import SnapshotKind, UpdateState
from projects.fuzzydates import Precision
from projects.models import (
    AuditEvent,
    Milestone,
    MilestoneChange,
    Project,
    Snapshot,
    SnapshotEntry,
    SnapshotMilestone,
    StatusUpdate,
)
from projects.models.snapshot import MILESTONE_FIELDS


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


# --- Status updates: written by the project leads, validated by the programme office ---------


class StaleUpdateError(ValidationError):
    """Another update was saved for the project since the author opened the form."""


def latest_update_id(project_id) -> int | None:
    """The id of the project's latest update, whatever its state (the `based_on` of a form)."""
    return (
        StatusUpdate.objects.filter(project_id=project_id)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )


def _lock_project(project_id) -> Project:
    """Lock the project row: two writers of the same project queue up here."""
    return Project.objects.select_for_update().get(pk=project_id)


def _audit(*, actor, action: str, project, **details) -> AuditEvent:
    return AuditEvent.objects.create(actor=actor, action=action, project=project, details=details)


@transaction.atomic
def save_update(*, project, author, data: dict, milestone_moves: list[dict], submit: bool):
    """Record a NEW status update of `project` by `author`, with its milestone changes.

    `data` holds the update form's cleaned data, `based_on` included: the id of the project's
    latest update (any state) when the author opened the form. If another update was saved since,
    nothing is written and StaleUpdateError is raised (optimistic concurrency; the project row is
    locked first, so two concurrent saves cannot both pass the check). Updates are append-only:
    a correction is a new update, never an edit. `milestone_moves` are dicts (`milestone`,
    `forecast_on`/`forecast_precision`, `actual_on`/`actual_precision`, `reason`) stored as
    MilestoneChanges tied to the update; they count publicly once it is validated. The update is
    a draft, or submitted for validation when `submit`. Returns the update.
    """
    _lock_project(project.pk)
    latest_id = latest_update_id(project.pk)
    if data.get("based_on") != latest_id:
        raise StaleUpdateError(
            _(
                "Un autre point d'avancement a été enregistré pour ce projet depuis que vous avez "
                "ouvert le formulaire. Vos saisies sont conservées ci-dessous : relisez le point "
                "le plus récent, puis enregistrez à nouveau."
            ),
            code="stale",
        )
    today = timezone.localdate()
    update = StatusUpdate.objects.create(
        project=project,
        as_of=today,
        as_of_precision=Precision.DAY,
        meteo=data["meteo"],
        phase=data["phase"],
        progress=data["progress"],
        summary=data["summary"],
        achievements=data.get("achievements", ""),
        next_steps=data.get("next_steps", ""),
        risks=data.get("risks", ""),
        decisions=data.get("decisions", ""),
        meteo_justification=data.get("meteo_justification", ""),
        state=UpdateState.SUBMITTED if submit else UpdateState.DRAFT,
        author=author,
        based_on_id=latest_id,
    )
    MilestoneChange.objects.bulk_create(
        MilestoneChange(status_update=update, author=author, **move) for move in milestone_moves
    )
    _audit(
        actor=author,
        action="update.submitted" if submit else "update.drafted",
        project=project,
        update=update.pk,
        meteo=update.meteo,
        milestone_changes=len(milestone_moves),
    )
    return update


def _check_latest(update, message):
    if latest_update_id(update.project_id) != update.pk:
        raise ValidationError(message, code="superseded")


@transaction.atomic
def submit_update(*, update, author):
    """Submit a draft for validation by the programme office (only the project's latest)."""
    _lock_project(update.project_id)
    update.refresh_from_db()
    if update.state != UpdateState.DRAFT:
        raise ValidationError(_("Seul un brouillon peut être soumis à validation."))
    _check_latest(update, _("Un point plus récent a été enregistré : ce brouillon est remplacé."))
    update.state = UpdateState.SUBMITTED
    update.save(update_fields=["state"])
    _audit(actor=author, action="update.submitted", project=update.project, update=update.pk)
    return update


@transaction.atomic
def validate_update(*, update, reviewer):
    """Publish a submitted update: VALIDATED, published today, and so are its milestone changes.

    A milestone that had no baseline takes its first published forecast as its baseline (the
    first published date stays the original baseline). Only the project's latest update can be
    validated: an older one has been superseded by its author.
    """
    _lock_project(update.project_id)
    update.refresh_from_db()
    if update.state != UpdateState.SUBMITTED:
        raise ValidationError(_("Seul un point soumis à validation peut être validé."))
    _check_latest(update, _("Un point plus récent a été enregistré : validez plutôt celui-ci."))
    today = timezone.localdate()
    update.state = UpdateState.VALIDATED
    update.published_on = today
    update.reviewed_at = timezone.now()
    update.reviewed_by = reviewer
    update.save(update_fields=["state", "published_on", "reviewed_at", "reviewed_by"])
    changes = MilestoneChange.objects.filter(status_update=update)
    changes.update(published_on=today)
    Milestone.objects.filter(pk__in=changes.values("milestone")).refresh_current()
    for change in changes.filter(
        forecast_on__isnull=False, milestone__baseline_on__isnull=True
    ).select_related("milestone"):
        milestone = change.milestone
        milestone.baseline_on = change.forecast_on
        milestone.baseline_precision = change.forecast_precision
        milestone.published_on = milestone.published_on or today
        milestone.save(update_fields=["baseline_on", "baseline_precision", "published_on"])
    _audit(actor=reviewer, action="update.validated", project=update.project, update=update.pk)
    bump_portfolio_version()
    return update


@transaction.atomic
def return_update(*, update, reviewer, comment: str):
    """Send a submitted update back to its author with the programme office's comment."""
    _lock_project(update.project_id)
    update.refresh_from_db()
    if update.state != UpdateState.SUBMITTED:
        raise ValidationError(_("Seul un point soumis à validation peut être renvoyé."))
    if not comment.strip():
        raise ValidationError(_("Indiquez au chef de projet ce qui doit être corrigé."))
    update.state = UpdateState.RETURNED
    update.review_comment = comment
    update.reviewed_at = timezone.now()
    update.reviewed_by = reviewer
    update.save(update_fields=["state", "review_comment", "reviewed_at", "reviewed_by"])
    _audit(actor=reviewer, action="update.returned", project=update.project, update=update.pk)
    return update


# --- Press snapshots: frozen by the press team or the programme office ---------------------


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
    _audit(
        actor=author,
        action="snapshot.published",
        project=None,
        snapshot=snapshot.slug,
        taken_on=taken_on.isoformat(),
        entries=size,
    )
    bump_portfolio_version()
    return snapshot


# --- Withdrawal: what replaces deletion for projects and milestones --------------------------


def _withdrawal_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Indiquez le motif du retrait."), code="reason")
    return reason


@transaction.atomic
def withdraw_project(*, project, reason: str, actor) -> Project:
    """Withdraw `project` from the programme instead of deleting it.

    It is kept with its whole history and marked withdrawn today, with `reason` and `actor`;
    from today on it is out of every dashboard, count, list and new snapshot, while past dates
    and frozen snapshots still show it. ValidationError without a reason or when it is already
    withdrawn. Journaled as `project.withdrawn`. Returns the project.
    """
    reason = _withdrawal_reason(reason)
    project = _lock_project(project.pk)
    if project.withdrawn_on is not None:
        raise ValidationError(_("Ce projet est déjà retiré du programme."), code="withdrawn")
    project.withdrawn_on = timezone.localdate()
    project.withdrawal_reason = reason
    project.withdrawn_by = actor
    project.save(update_fields=["withdrawn_on", "withdrawal_reason", "withdrawn_by"])
    _audit(actor=actor, action="project.withdrawn", project=project, reason=reason)
    bump_portfolio_version()
    return project


@transaction.atomic
def withdraw_milestone(*, milestone, reason: str, actor) -> Milestone:
    """Withdraw `milestone` instead of deleting it: it keeps its baseline chain, is marked
    withdrawn today with `reason` and `actor`, and from today on is out of every dashboard,
    count and new snapshot (past dates still show it). ValidationError without a reason or when
    it is already withdrawn. Journaled on its project as `milestone.withdrawn`.
    """
    reason = _withdrawal_reason(reason)
    _lock_project(milestone.project_id)
    milestone = Milestone.objects.select_related("project").get(pk=milestone.pk)
    if milestone.withdrawn_on is not None:
        raise ValidationError(_("Ce jalon est déjà retiré."), code="withdrawn")
    milestone.withdrawn_on = timezone.localdate()
    milestone.withdrawal_reason = reason
    milestone.withdrawn_by = actor
    milestone.save(update_fields=["withdrawn_on", "withdrawal_reason", "withdrawn_by"])
    _audit(
        actor=actor,
        action="milestone.withdrawn",
        project=milestone.project,
        milestone=milestone.pk,
        title=milestone.title,
        reason=reason,
    )
    bump_portfolio_version()
    return milestone


def journal_admin_change(*, actor, action: str, obj, project, **details) -> AuditEvent:
    """Write a change made in the admin (`admin.added`, `admin.changed`, `admin.deleted`) to
    the journal: who, which object, and `details` (its field values before and after). Called
    inside the admin's own transaction (`projects/admin_history.py`)."""
    return _audit(
        actor=actor,
        action=action,
        project=project,
        model=obj._meta.label_lower,
        object_id=obj.pk,
        object=str(obj),
        **details,
    )
