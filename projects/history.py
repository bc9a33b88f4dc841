"""Public history is append-only: what replaces deletion for projects and milestones
(withdrawal, with its date, reason and author), and the journal of changes made in the admin."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.cache import bump_portfolio_version
from projects.models import AuditEvent, Milestone, Project
from projects.services import audit, lock_project


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
    project = lock_project(project.pk)
    if project.withdrawn_on is not None:
        raise ValidationError(_("Ce projet est déjà retiré du programme."), code="withdrawn")
    project.withdrawn_on = timezone.localdate()
    project.withdrawal_reason = reason
    project.withdrawn_by = actor
    project.save(update_fields=["withdrawn_on", "withdrawal_reason", "withdrawn_by"])
    audit(actor=actor, action="project.withdrawn", project=project, reason=reason)
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
    lock_project(milestone.project_id)
    milestone = Milestone.objects.select_related("project").get(pk=milestone.pk)
    if milestone.withdrawn_on is not None:
        raise ValidationError(_("Ce jalon est déjà retiré."), code="withdrawn")
    milestone.withdrawn_on = timezone.localdate()
    milestone.withdrawal_reason = reason
    milestone.withdrawn_by = actor
    milestone.save(update_fields=["withdrawn_on", "withdrawal_reason", "withdrawn_by"])
    audit(
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
    return audit(
        actor=actor,
        action=action,
        project=project,
        model=obj._meta.label_lower,
        object_id=obj.pk,
        object=str(obj),
        **details,
    )
