"""The three groups of users and how a person is given one.

The groups are created by migration 0002 and given exactly the permissions of their role by
migration `role_permissions`; names are what the admin shows. Accounts themselves (creating a
user, changing a password, making a superuser) are a superuser's business, never a group's.
"""

from django.db import transaction

PROGRAMME_OFFICE = "Bureau du programme"
PROJECT_LEAD = "Chef de projet"
PRESS = "Presse"

ALL = [PROGRAMME_OFFICE, PROJECT_LEAD, PRESS]

# What an operator types (`manage.py grant_role <username> <role>`) → the group.
BY_KEY = {"bureau": PROGRAMME_OFFICE, "chef-de-projet": PROJECT_LEAD, "presse": PRESS}


@transaction.atomic
def grant_role(user, group_name: str, projects=()) -> None:
    """Put `user` in the group `group_name`; a lead also leads `projects`.

    The programme office works in the admin: its members become staff (the admin lets in staff
    only; what they may do there is their group's permissions). Nothing is ever taken away.
    """
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    if group_name == PROGRAMME_OFFICE and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    for project in projects:
        project.leads.add(user)
