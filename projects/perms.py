"""Who may do what: one predicate per cell of the permission table (issue 4).

| | visitor | project lead | press | programme office |
| --- | --- | --- | --- | --- |
| read published dashboards and snapshots | yes | yes | yes | yes |
| read internal notes (risks) and unvalidated updates | no | own projects | no | yes |
| post a status update / move milestones | no | own projects only | no | any project |
| validate (publish) an update | no | no | no | yes |
| manage missions, projects, milestones, leads (admin) | no | no | no | yes |
| manage accounts (users, groups, permissions) | no | no | no | no: superusers only |

The programme office is the group « Bureau du programme » (or a superuser); a project lead is a
member of « Chef de projet » who is also one of `project.leads`; the press is « Presse ». What
each group may do in the admin is its permissions, given by migration `role_permissions`.
Group names are read once per request and kept on the user object (from `groups` when they
were prefetched with a list of users).
"""

from projects import roles


def _groups(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_techgouv_groups"):
        prefetched = getattr(user, "_prefetched_objects_cache", {}).get("groups")
        names = (
            [group.name for group in prefetched]
            if prefetched is not None
            else user.groups.values_list("name", flat=True)
        )
        user._techgouv_groups = frozenset(names)
    return user._techgouv_groups


def is_programme_office(user) -> bool:
    """A member of « Bureau du programme », or a superuser."""
    return user.is_authenticated and (user.is_superuser or roles.PROGRAMME_OFFICE in _groups(user))


def is_press(user) -> bool:
    """A member of « Presse »: reads what is public, freezes and exports snapshots."""
    return roles.PRESS in _groups(user)


def is_project_lead(user) -> bool:
    """A member of « Chef de projet » (of whichever projects)."""
    return roles.PROJECT_LEAD in _groups(user)


def is_lead_of(user, project) -> bool:
    """A member of « Chef de projet » named among the project's leads.

    Uses `project.leads` when prefetched, one query otherwise.
    """
    if roles.PROJECT_LEAD not in _groups(user):
        return False
    prefetched = getattr(project, "_prefetched_objects_cache", {}).get("leads")
    if prefetched is not None:
        return any(lead.pk == user.pk for lead in prefetched)
    return project.leads.filter(pk=user.pk).exists()


def can_read_published(user) -> bool:
    """Published dashboards and snapshots are public."""
    return True


def can_read_internal(user, project) -> bool:
    """Internal notes (risks), unvalidated updates and the project's journal: the project's own
    leads and the programme office."""
    return is_programme_office(user) or is_lead_of(user, project)


def can_post_update(user, project) -> bool:
    """Post a status update and move milestones: a lead for their own projects, the programme
    office for any project; nobody for a withdrawn project."""
    if project.withdrawn_on is not None:
        return False
    return is_programme_office(user) or is_lead_of(user, project)


def can_validate(user) -> bool:
    """Validate (publish) or send back an update: the programme office only."""
    return is_programme_office(user)


def can_read_journal(user) -> bool:
    """The audit trail: the programme office only."""
    return is_programme_office(user)


def can_manage(user) -> bool:
    """Missions, projects, milestones and leads are managed in the admin by the programme office
    (staff members of the group, or superusers); accounts by superusers only."""
    return is_programme_office(user) and user.is_staff


def can_freeze_snapshot(user) -> bool:
    """Freeze (create and publish) a press snapshot: the press and the programme office."""
    return is_press(user) or is_programme_office(user)
