"""People as the pages and e-mails name them: « Prénom Nom (rôle) », never a bare user name
unless the account has no name."""

from django.utils.translation import gettext as _

from projects import perms


def role_label(user) -> str:
    """The role the person acts in (the programme office first), "" for none.

    Reads the user's groups once (prefetch `groups` when naming a list of people)."""
    if perms.is_programme_office(user):
        return _("bureau du programme")
    if perms.is_project_lead(user):
        return _("chef de projet")
    if perms.is_press(user):
        return _("équipe presse")
    return ""


def display_name(user) -> str:
    """« Prénom Nom », or the user name when the account has no name."""
    return user.get_full_name().strip() or user.get_username()


def person(user) -> str:
    """« Prénom Nom (rôle) »; « — » for nobody (a row imported from the reference)."""
    if user is None:
        return "—"
    role = role_label(user)
    name = display_name(user)
    return _("%(name)s (%(role)s)") % {"name": name, "role": role} if role else name
