"""Withdrawal: what replaces deletion for anything that was ever public (projects, milestones).

A withdrawn row is kept with its whole history, marked with the date, the reason and the
person; from that date on it is out of every dashboard, count, list and new snapshot, while the
dates before it (time travel, frozen snapshots) still show it as it was. Written only by
`history.withdraw_project` and `history.withdraw_milestone`.
"""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models.fields import person_field


class Withdrawable(models.Model):
    withdrawn_on = models.DateField(_("retiré le"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(
        _("motif du retrait"), max_length=2000, blank=True, editable=False
    )
    withdrawn_by = person_field(_("retiré par"), editable=False)

    class Meta:
        abstract = True


def withdrawal_constraint(table: str) -> models.CheckConstraint:
    """A withdrawal always has its reason; no reason without a withdrawal."""
    return models.CheckConstraint(
        condition=Q(withdrawn_on__isnull=True, withdrawal_reason="")
        | Q(withdrawn_on__isnull=False) & ~Q(withdrawal_reason=""),
        name=f"{table}_withdrawal_has_reason",
        violation_error_message=_("Un retrait a toujours un motif."),
    )


def active_q(as_of: date | None = None, prefix: str = "") -> Q:
    """Not withdrawn on `as_of` (today when None): a withdrawal counts from its date on.

    `prefix` reaches the fields from a related model (e.g. "projects__").
    """
    not_withdrawn = Q(**{f"{prefix}withdrawn_on__isnull": True})
    if as_of is None:
        return not_withdrawn
    return not_withdrawn | Q(**{f"{prefix}withdrawn_on__gt": as_of})
