"""Display helpers of the status update pages: roles for the header, journal labels."""

from django import template
from django.utils.translation import gettext_lazy as _

from projects import people, perms

register = template.Library()

AUDIT_LABELS = {
    "update.drafted": _("Brouillon enregistré"),
    "update.submitted": _("Point soumis à validation"),
    "update.validated": _("Point validé et publié"),
    "update.returned": _("Point renvoyé pour correction"),
    "project.withdrawn": _("Projet retiré du programme"),
    "milestone.withdrawn": _("Jalon retiré"),
    "admin.added": _("Ajout dans l'administration"),
    "admin.changed": _("Modification dans l'administration"),
    "admin.deleted": _("Suppression dans l'administration"),
}


@register.filter
def is_programme_office(user) -> bool:
    return perms.is_programme_office(user)


@register.filter
def is_project_lead(user) -> bool:
    return perms.is_project_lead(user)


@register.simple_tag
def pending_review_count() -> int:
    """How many updates wait for the programme office (one COUNT query; the header asks only
    for the office)."""
    from projects.models import StatusUpdate

    return StatusUpdate.objects.awaiting_review().count()


@register.filter
def person(user) -> str:
    """« Prénom Nom (rôle) » (`projects.people.person`)."""
    return people.person(user)


@register.filter
def display_name(user) -> str:
    return people.display_name(user)


@register.filter
def audit_label(action: str) -> str:
    return AUDIT_LABELS.get(action, action)
