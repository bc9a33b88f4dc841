"""History is append-only in the admin too: nothing published is deleted (it is withdrawn), a
milestone's first published date never changes, status updates are written by the services
only, and every change made in the admin is journaled with its values before and after.

Each rule is tried as the admin is used (the programme office's client posting what a browser
would post, forged fields included) and through the ORM calls the admin makes."""

from datetime import date, timedelta

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.urls import reverse

from missions.models import Mission
from projects.admin_history import MilestoneAdminForm
from projects.enums import Meteo, Phase, UpdateState
from projects.models import AuditEvent, Milestone, MilestoneChange, Project, StatusUpdate
from tests.admin_forms import admin_form_data
from tests.conftest import client_for
from tests.factories import (
    IndicatorFactory,
    MilestoneChangeFactory,
    MilestoneFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated(project_a):
    """Project A's milestone: dated (public at once), with a validated move in its chain."""
    milestone = project_a.milestones.get()
    MilestoneChangeFactory(
        milestone=milestone,
        actual_on=None,
        actual_precision="",
        forecast_on=milestone.baseline_on + timedelta(days=30),
        forecast_precision="DAY",
        reason="Recette prolongée.",
        published_on=date.today() - timedelta(days=3),
    )
    return milestone


@pytest.fixture
def superuser(db):
    return UserFactory(username="racine", is_staff=True, is_superuser=True)


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def delete_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])


def journal(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


# --- Nothing published is deleted ------------------------------------------------------------


@pytest.mark.parametrize("who", ["office", "superuser"])
def test_a_milestone_with_a_published_chain_cannot_be_deleted_in_the_admin(request, dated, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(delete_url(dated)).status_code == 403
    assert client.post(delete_url(dated), {"post": "yes"}).status_code == 403
    assert Milestone.objects.filter(pk=dated.pk).exists()
    assert dated.changes.count() == 1


def test_the_bulk_delete_action_refuses_a_dated_milestone(office, project_a):
    milestone = project_a.milestones.get()  # dated, no move yet: public all the same
    response = client_for(office).post(
        reverse("admin:projects_milestone_changelist"),
        {"action": "delete_selected", "_selected_action": [milestone.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_the_admin_delete_calls_refuse_a_dated_milestone(office, dated):
    milestone_admin = site._registry[Milestone]
    request = RequestFactory().post("/")
    request.user = office
    with pytest.raises(PermissionDenied):
        milestone_admin.delete_queryset(request, Milestone.objects.filter(pk=dated.pk))
    with pytest.raises(PermissionDenied):
        milestone_admin.delete_model(request, dated)
    assert Milestone.objects.filter(pk=dated.pk).exists()


def test_the_orm_refuses_to_delete_a_milestone_with_its_chain(dated):
    with pytest.raises(ProtectedError):
        dated.delete()
    with pytest.raises(ProtectedError):
        Milestone.objects.filter(pk=dated.pk).delete()
    assert MilestoneChange.objects.filter(milestone=dated).count() == 1


def test_an_undated_milestone_nothing_was_published_about_can_be_deleted_and_is_journaled(
    office, project_a
):
    draft = MilestoneFactory(
        project=project_a, title="Idée", baseline_on=None, baseline_precision=""
    )
    response = client_for(office).post(delete_url(draft), {"post": "yes"})
    assert response.status_code == 302
    assert not Milestone.objects.filter(pk=draft.pk).exists()
    [event] = journal("admin.deleted")
    assert event.actor == office and event.project == project_a
    assert event.details["object"] == "Idée"
    assert event.details["before"]["title"] == "Idée"


@pytest.mark.parametrize("who", ["office", "superuser"])
def test_a_project_is_never_deleted_in_the_admin(request, project_a, who):
    client = client_for(request.getfixturevalue(who))
    assert client.post(delete_url(project_a), {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "delete_selected", "_selected_action": [project_a.pk], "post": "yes"},
    )
    assert Project.objects.filter(pk=project_a.pk).exists()


def test_the_orm_refuses_to_delete_a_project_with_history(project_a):
    with pytest.raises(ProtectedError):
        project_a.delete()
    assert project_a.updates.count() == 1 and project_a.milestones.count() == 1


# --- The first published date never changes ----------------------------------------------------


def test_the_first_published_date_cannot_be_edited_on_the_milestone_page(office, dated):
    client = client_for(office)
    data = admin_form_data(client.get(change_url(dated)), "milestone_form")
    assert "baseline_on" not in data  # disabled: a browser does not even send it
    forged = {
        **data,
        "title": "Ouverture au public (V2)",
        "baseline_on": "01/01/2020",
        "baseline_precision": "YEAR",
        "published_on": "01/01/2020",
        "project": str(UserFactory().pk),
    }
    assert client.post(change_url(dated), forged).status_code == 302

    after = Milestone.objects.get(pk=dated.pk)
    assert (after.baseline_on, after.baseline_precision) == (dated.baseline_on, "DAY")
    assert after.published_on is None and after.project_id == dated.project_id
    assert after.title == "Ouverture au public (V2)"
    [event] = journal("admin.changed")
    assert event.details["before"] == {"title": "Ouverture au public"}
    assert event.details["after"] == {"title": "Ouverture au public (V2)"}


def test_the_first_published_date_cannot_be_edited_in_the_project_page(office, project_a):
    milestone = project_a.milestones.get()
    client = client_for(office)
    data = admin_form_data(client.get(change_url(project_a)), "project_form")
    forged = {
        **data,
        "milestones-0-baseline_on": "01/01/2020",
        "milestones-0-baseline_precision": "YEAR",
    }
    assert client.post(change_url(project_a), forged).status_code == 302
    assert Milestone.objects.get(pk=milestone.pk).baseline_on == milestone.baseline_on


def test_the_admin_form_keeps_the_first_published_date_whatever_is_posted(dated):
    form = MilestoneAdminForm(
        instance=dated,
        data={
            "project": dated.project_id,
            "title": dated.title,
            "position": 0,
            "baseline_on": "2020-01-01",
            "baseline_precision": "YEAR",
            "confidence": "HIGH",
        },
    )
    assert form.is_valid(), form.errors
    form.save()
    dated.refresh_from_db()
    assert dated.baseline_on != date(2020, 1, 1) and dated.baseline_precision == "DAY"


def test_an_undated_milestone_takes_its_first_date_in_the_admin(office, project_a):
    undated = MilestoneFactory(project=project_a, baseline_on=None, baseline_precision="")
    client = client_for(office)
    data = admin_form_data(client.get(change_url(undated)), "milestone_form")
    data |= {"baseline_on": "31/12/2027", "baseline_precision": "DAY"}
    assert client.post(change_url(undated), data).status_code == 302
    assert Milestone.objects.get(pk=undated.pk).baseline_on == date(2027, 12, 31)


# --- Status updates are the services' only -----------------------------------------------------


@pytest.mark.parametrize("who", ["office", "superuser"])
def test_a_back_dated_update_cannot_be_added_in_the_admin(request, project_a, lead_b, who):
    client = client_for(request.getfixturevalue(who))
    add = reverse("admin:projects_statusupdate_add")
    assert client.get(add).status_code == 403
    forged = {
        "project": project_a.pk,
        "as_of": "2020-06-01",
        "as_of_precision": "DAY",
        "meteo": Meteo.SOLEIL,
        "phase": Phase.DEPLOIEMENT,
        "state": UpdateState.VALIDATED,
        "published_on": "2020-06-01",
        "author": lead_b.pk,
        "summary": "Réécriture de l'histoire.",
        "confidence": "HIGH",
    }
    assert client.post(add, forged).status_code == 403
    assert not StatusUpdate.objects.filter(summary="Réécriture de l'histoire.").exists()
    page = client_for(None).get(project_a.get_absolute_url() + "?date=2020-06-02")
    assert "Réécriture de l'histoire." not in page.content.decode()


@pytest.mark.parametrize("who", ["office", "superuser"])
def test_an_update_cannot_be_revalidated_reauthored_or_deleted_in_the_admin(
    request, project_a, lead_b, who
):
    update = project_a.updates.get()
    client = client_for(request.getfixturevalue(who))
    response = client.post(change_url(update), {"author": lead_b.pk, "published_on": "2019-01-01"})
    assert response.status_code == 403
    assert client.post(delete_url(update), {"post": "yes"}).status_code == 403
    after = StatusUpdate.objects.get(pk=update.pk)
    assert (after.author_id, after.published_on) == (update.author_id, update.published_on)


def test_the_office_reads_updates_in_the_admin_without_any_write_button(office, project_a):
    page = client_for(office).get(change_url(project_a.updates.get())).content.decode()
    assert 'name="_save"' not in page and "deletelink" not in page


# --- Every admin change is journaled ----------------------------------------------------------


def test_a_project_change_is_journaled_with_its_values_before_and_after(office, project_a, lead_a):
    client = client_for(office)
    data = admin_form_data(client.get(change_url(project_a)), "project_form")
    data |= {"name": "Projet A renommé", "entered_on": "28/08/2020", "leads": []}
    assert client.post(change_url(project_a), data).status_code == 302

    [event] = journal("admin.changed")
    assert event.actor == office and event.project == project_a
    assert event.details["model"] == "projects.project"
    assert event.details["before"] == {
        "name": "Projet A",
        "entered_on": "2019-10-02",
        "leads": [lead_a.pk],
    }
    assert event.details["after"] == {
        "name": "Projet A renommé",
        "entered_on": "2020-08-28",
        "leads": [],
    }


def test_a_milestone_changed_from_its_project_page_is_journaled_on_the_project(office, project_a):
    milestone = project_a.milestones.get()
    client = client_for(office)
    data = admin_form_data(client.get(change_url(project_a)), "project_form")
    data |= {"milestones-0-title": "Ouverture à tous", "milestones-0-position": "3"}
    assert milestone.position != 3
    assert client.post(change_url(project_a), data).status_code == 302

    [event] = journal("admin.changed")
    assert "before" not in event.details  # the project's own fields did not change
    assert event.details["inlines"] == [
        {
            "model": "projects.milestone",
            "object_id": milestone.pk,
            "before": {"position": milestone.position, "title": "Ouverture au public"},
            "after": {"position": 3, "title": "Ouverture à tous"},
        }
    ]


def test_adding_a_project_in_the_admin_is_journaled(office, project_a):
    client = client_for(office)
    data = admin_form_data(client.get(reverse("admin:projects_project_add")), "project_form")
    data |= {
        "mission": str(project_a.mission_id),
        "slug": "nouveau",
        "name": "Nouveau projet",
        "summary": "Résumé.",
    }
    assert client.post(reverse("admin:projects_project_add"), data).status_code == 302

    project = Project.objects.get(slug="nouveau")
    [event] = journal("admin.added")
    assert event.project == project and event.actor == office
    assert event.details["after"]["name"] == "Nouveau projet"
    assert event.details["after"]["mission"] == project_a.mission_id


def test_an_indicator_and_a_mission_change_are_journaled(office, project_a):
    indicator = IndicatorFactory(project=project_a, unit="comptes")
    client = client_for(office)
    data = admin_form_data(client.get(change_url(indicator)), "indicator_form")
    assert client.post(change_url(indicator), {**data, "unit": "usagers"}).status_code == 302

    mission = Mission.objects.get(pk=project_a.mission_id)
    data = admin_form_data(client.get(change_url(mission)), "mission_form")
    assert client.post(change_url(mission), {**data, "aim": "Nouvel objectif."}).status_code == 302

    indicator_event, mission_event = journal("admin.changed")
    assert indicator_event.project == project_a
    assert indicator_event.details["before"] == {"unit": "comptes"}
    assert indicator_event.details["after"] == {"unit": "usagers"}
    assert mission_event.project is None and mission_event.details["model"] == "missions.mission"
    assert mission_event.details["after"] == {"aim": "Nouvel objectif."}


def test_saving_unchanged_writes_nothing_to_the_journal(office, project_a):
    client = client_for(office)
    data = admin_form_data(client.get(change_url(project_a)), "project_form")
    assert client.post(change_url(project_a), data).status_code == 302
    assert not journal("admin.changed")


def test_nobody_edits_or_deletes_the_journal(superuser, project_a):
    event = AuditEvent.objects.create(action="update.validated", project=project_a)
    client = client_for(superuser)
    assert client.post(change_url(event), {"action": "x"}).status_code == 403
    assert client.post(delete_url(event), {"post": "yes"}).status_code == 403
    with pytest.raises(ProtectedError):
        Project.objects.filter(pk=project_a.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()
