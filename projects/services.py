"""Status updates: written by the project leads, validated by the programme office. Each
operation changes several rows in one transaction, writes its journal entry, and tells the
people concerned by e-mail once the transaction commits (`projects.notifications`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from projects import notifications
from projects.cache import bump_portfolio_version
from projects.enums import UpdateState
from projects.fuzzydates import Precision
from projects.models import (
    AuditEvent,
    Milestone,
    MilestoneChange,
    NewMilestone,
    Project,
    StatusUpdate,
)


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


def lock_project(project_id) -> Project:
    """Lock the project row: two writers of the same project queue up here."""
    return Project.objects.select_for_update().get(pk=project_id)


def audit(*, actor, action: str, project, **details) -> AuditEvent:
    return AuditEvent.objects.create(actor=actor, action=action, project=project, details=details)


@transaction.atomic
def save_update(
    *,
    project,
    author,
    data: dict,
    milestone_moves: list[dict],
    submit: bool,
    new_milestones: list[dict] = (),
):
    """Record a NEW status update of `project` by `author`, with its milestone changes.

    `data` holds the update form's cleaned data, `based_on` included: the id of the project's
    latest update (any state) when the author opened the form. If another update was saved since,
    nothing is written and StaleUpdateError is raised (optimistic concurrency; the project row is
    locked first, so two concurrent saves cannot both pass the check). Updates are append-only:
    a correction is a new update, never an edit. `milestone_moves` are dicts (`milestone`,
    `forecast_on`/`forecast_precision`, `actual_on`/`actual_precision`, `reason`) stored as
    MilestoneChanges tied to the update; they count publicly once it is validated.
    `new_milestones` are dicts (`title`, `forecast_on`, `forecast_precision`) stored as
    NewMilestones: the milestones themselves are created when the update is validated. The
    update is a draft, or submitted for validation when `submit`. Returns the update.
    """
    lock_project(project.pk)
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
    NewMilestone.objects.bulk_create(
        NewMilestone(status_update=update, **new) for new in new_milestones
    )
    audit(
        actor=author,
        action="update.submitted" if submit else "update.drafted",
        project=project,
        update=update.pk,
        meteo=update.meteo,
        milestone_changes=len(milestone_moves),
        new_milestones=len(new_milestones),
    )
    if submit:
        notifications.after_commit(notifications.update_submitted, update.pk)
    return update


def _check_latest(update, message):
    if latest_update_id(update.project_id) != update.pk:
        raise ValidationError(message, code="superseded")


@transaction.atomic
def submit_update(*, update, author):
    """Submit a draft for validation by the programme office (only the project's latest)."""
    lock_project(update.project_id)
    update.refresh_from_db()
    if update.state != UpdateState.DRAFT:
        raise ValidationError(_("Seul un brouillon peut être soumis à validation."))
    _check_latest(update, _("Un point plus récent a été enregistré : ce brouillon est remplacé."))
    update.state = UpdateState.SUBMITTED
    update.save(update_fields=["state"])
    audit(actor=author, action="update.submitted", project=update.project, update=update.pk)
    notifications.after_commit(notifications.update_submitted, update.pk)
    return update


@transaction.atomic
def validate_update(*, update, reviewer):
    """Publish a submitted update: VALIDATED, published today, and so are its milestone changes.

    A milestone that had no baseline takes its first published forecast as its baseline (the
    first published date stays the original baseline). The milestones the update adds
    (`NewMilestone`) are created now, after the project's others: their target date is their
    first published date, today their publication; nothing of them was public before. Only the
    project's latest update can be validated: an older one has been superseded by its author.
    The stored copies of the published history (the milestones' current dates, the project's
    latest update and the day it started reporting) are refreshed in the same transaction.
    """
    lock_project(update.project_id)
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
    Project.objects.filter(pk=update.project_id).refresh_status()
    for change in changes.filter(
        forecast_on__isnull=False, milestone__baseline_on__isnull=True
    ).select_related("milestone"):
        milestone = change.milestone
        milestone.baseline_on = change.forecast_on
        milestone.baseline_precision = change.forecast_precision
        milestone.published_on = milestone.published_on or today
        milestone.save(update_fields=["baseline_on", "baseline_precision", "published_on"])
    _create_new_milestones(update, today)
    audit(actor=reviewer, action="update.validated", project=update.project, update=update.pk)
    bump_portfolio_version()
    notifications.after_commit(notifications.update_published, update.pk)
    return update


def _create_new_milestones(update, today) -> None:
    proposals = list(update.new_milestones.filter(milestone__isnull=True).order_by("pk"))
    if not proposals:
        return
    last = Milestone.objects.filter(project_id=update.project_id).aggregate(m=Max("position"))
    position = last["m"] if last["m"] is not None else -1
    for offset, proposal in enumerate(proposals, 1):
        proposal.milestone = Milestone.objects.create(
            project_id=update.project_id,
            title=proposal.title,
            position=position + offset,
            baseline_on=proposal.forecast_on,
            baseline_precision=proposal.forecast_precision,
            published_on=today,
        )
        proposal.save(update_fields=["milestone"])


@transaction.atomic
def return_update(*, update, reviewer, comment: str):
    """Send a submitted update back to its author with the programme office's comment."""
    lock_project(update.project_id)
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
    audit(actor=reviewer, action="update.returned", project=update.project, update=update.pk)
    notifications.after_commit(notifications.update_returned, update.pk)
    return update
