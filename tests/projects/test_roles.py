"""Least privilege, in production too: each group holds exactly its role's permissions (given
by a migration, not by the demo accounts); the programme office manages the portfolio in the
admin, never the accounts; `grant_role` gives a person a role."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from projects import roles
from tests.conftest import client_for
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

OFFICE_PERMISSIONS = {
    "missions.add_mission",
    "missions.change_mission",
    "missions.delete_mission",
    "missions.view_mission",
    "missions.add_source",
    "missions.change_source",
    "missions.delete_source",
    "missions.view_source",
    "projects.add_project",
    "projects.change_project",
    "projects.view_project",
    "projects.add_milestone",
    "projects.change_milestone",
    "projects.delete_milestone",
    "projects.view_milestone",
    "projects.view_milestonechange",
    "projects.add_announcement",
    "projects.change_announcement",
    "projects.view_announcement",
    "projects.view_statusupdate",
    "projects.add_indicator",
    "projects.change_indicator",
    "projects.delete_indicator",
    "projects.view_indicator",
    "projects.add_measurement",
    "projects.change_measurement",
    "projects.delete_measurement",
    "projects.view_measurement",
    "projects.view_snapshot",
    "projects.view_auditevent",
}


def group_permissions(name: str) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


@pytest.fixture
def office_member(db):
    """A programme-office member made as production makes one: `grant_role`, nothing else."""
    user = UserFactory(username="agent-du-bureau")
    call_command("grant_role", "agent-du-bureau", "bureau", stdout=StringIO())
    user.refresh_from_db()
    return user


def test_the_office_group_holds_exactly_the_role_table_permissions():
    assert group_permissions(roles.PROGRAMME_OFFICE) == OFFICE_PERMISSIONS


def test_leads_and_press_hold_no_admin_permission():
    assert group_permissions(roles.PROJECT_LEAD) == set()
    assert group_permissions(roles.PRESS) == set()


def test_the_office_manages_projects_in_the_admin(office_member):
    client = client_for(office_member)
    for name in ("projects_project", "projects_milestone", "missions_mission"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:projects_project_add")).status_code == 200


@pytest.mark.parametrize("name", ["auth_user", "auth_group"])
def test_the_office_cannot_reach_the_user_and_group_admin(office_member, name):
    client = client_for(office_member)
    assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403
    assert client.get(reverse(f"admin:{name}_add")).status_code == 403
    page = client.get(reverse("admin:index")).content.decode()
    assert reverse(f"admin:{name}_changelist") not in page


def test_the_office_cannot_make_itself_superuser(office_member):
    path = reverse("admin:auth_user_change", args=[office_member.pk])
    response = client_for(office_member).post(
        path,
        {"username": office_member.username, "is_superuser": "on", "is_staff": "on"},
    )
    assert response.status_code == 403
    office_member.refresh_from_db()
    assert not office_member.is_superuser
    assert not office_member.user_permissions.exists()


def test_grant_role_makes_an_office_member_staff(office_member):
    assert office_member.is_staff
    assert list(office_member.groups.values_list("name", flat=True)) == [roles.PROGRAMME_OFFICE]


def test_grant_role_makes_a_lead_of_the_named_projects(db):
    UserFactory(username="cheffe")
    ProjectFactory(slug="france-connect", name="FranceConnect")
    ProjectFactory(slug="agent-connect", name="AgentConnect")
    out = StringIO()
    call_command(
        "grant_role",
        "cheffe",
        "chef-de-projet",
        "--projet",
        "france-connect",
        "--projet",
        "agent-connect",
        stdout=out,
    )
    cheffe = get_user_model().objects.get(username="cheffe")
    assert sorted(cheffe.led_projects.values_list("slug", flat=True)) == [
        "agent-connect",
        "france-connect",
    ]
    assert not cheffe.is_staff
    assert "« cheffe » a le rôle chef de projet de : " in out.getvalue()


def test_grant_role_changes_nothing_when_a_project_is_unknown(db):
    user = UserFactory(username="cheffe")
    with pytest.raises(CommandError, match="Projets introuvables : inconnu. Rien n'a changé."):
        call_command("grant_role", "cheffe", "chef-de-projet", "--projet", "inconnu")
    assert not user.groups.exists()


def test_grant_role_refuses_an_unknown_account(db):
    with pytest.raises(CommandError, match="Aucun compte « personne »"):
        call_command("grant_role", "personne", "presse")


def test_grant_role_refuses_projects_for_another_role(db):
    UserFactory(username="journaliste")
    ProjectFactory(slug="france-connect")
    with pytest.raises(CommandError, match="--projet ne s'emploie qu'avec le rôle chef-de-projet"):
        call_command("grant_role", "journaliste", "presse", "--projet", "france-connect")


def test_demo_accounts_add_no_permission_of_their_own(db, settings):
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=StringIO(), stderr=StringIO())
    bureau = get_user_model().objects.get(username="bureau")
    assert bureau.is_staff and not bureau.is_superuser
    assert not bureau.user_permissions.exists()
    assert group_permissions(roles.PROGRAMME_OFFICE) == OFFICE_PERMISSIONS
    assert not bureau.has_perm("auth.change_user")
