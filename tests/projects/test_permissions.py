"""The whole permission table of issue 4, cell by cell, allowed and refused side."""

import pytest
from django.urls import reverse

from projects import perms
from projects.enums import UpdateState
from projects.models import AuditEvent, StatusUpdate
from tests.conftest import client_for, update_payload
from tests.factories import StatusUpdateFactory

EVERYONE = ["visitor", "lead_a", "lead_b", "press", "office"]
INTERNAL_READERS = ["lead_a", "office"]
WRITERS_OF_A = ["lead_a", "office"]


@pytest.fixture
def submitted_a(project_a, lead_a):
    return StatusUpdateFactory(
        project=project_a,
        submitted=True,
        author=lead_a,
        summary="POINT-EN-ATTENTE-A",
        risks="RISQUE-EN-ATTENTE-A",
    )


def login_redirect(response, path):
    return response.status_code == 302 and response["Location"].startswith(
        f"{reverse('login')}?next={path}"
    )


# --- read published dashboards and snapshots: yes for everyone ------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_everyone_reads_the_published_project_page(cast, project_a, who):
    response = client_for(cast[who]).get(project_a.get_absolute_url())
    assert response.status_code == 200
    assert "Résumé public du projet A." in response.content.decode()


@pytest.mark.parametrize("who", EVERYONE)
def test_everyone_reads_the_dashboard(cast, project_a, who):
    assert client_for(cast[who]).get(reverse("home")).status_code == 200


# --- read internal notes (risks) and unvalidated updates: own projects, programme office -----


@pytest.mark.parametrize("who", EVERYONE)
def test_internal_notes_and_unvalidated_updates_only_for_own_lead_and_office(
    cast, project_a, submitted_a, who
):
    page = client_for(cast[who]).get(project_a.get_absolute_url()).content.decode()
    allowed = who in INTERNAL_READERS
    assert ("RISQUE-INTERNE-A" in page) is allowed
    assert ("POINT-EN-ATTENTE-A" in page) is allowed
    assert ("RISQUE-EN-ATTENTE-A" in page) is allowed
    assert ("En attente de validation" in page) is allowed
    assert perms.can_read_internal(cast[who] or _anonymous(), project_a) is allowed


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


# --- post a status update / move milestones: own projects only, office any project ----------


@pytest.mark.parametrize("who", EVERYONE)
def test_update_form_opens_only_for_own_lead_and_office(cast, project_a, who):
    path = reverse("projects:update", args=[project_a.slug])
    response = client_for(cast[who]).get(path)
    if who == "visitor":
        assert login_redirect(response, path)
    elif who in WRITERS_OF_A:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("who", EVERYONE)
def test_posting_an_update_is_refused_to_others_and_changes_nothing(cast, project_a, who):
    path = reverse("projects:update", args=[project_a.slug])
    before = StatusUpdate.objects.count()
    response = client_for(cast[who]).post(path, update_payload(project_a))
    if who in WRITERS_OF_A:
        assert response.status_code == 302
        assert StatusUpdate.objects.count() == before + 1
        assert AuditEvent.objects.filter(action="update.submitted").count() == 1
    else:
        assert login_redirect(response, path) if who == "visitor" else response.status_code == 403
        assert StatusUpdate.objects.count() == before
        assert not AuditEvent.objects.exists()


def test_lead_cannot_update_another_project(lead_b, project_a):
    path = reverse("projects:update", args=[project_a.slug])
    assert client_for(lead_b).post(path, update_payload(project_a)).status_code == 403


def test_office_can_update_any_project(office, project_b):
    path = reverse("projects:update", args=[project_b.slug])
    response = client_for(office).post(path, update_payload(project_b))
    assert response.status_code == 302
    assert project_b.updates.get().author == office


def test_lead_outside_the_lead_group_cannot_update(lead_a, project_a):
    lead_a.groups.clear()
    path = reverse("projects:update", args=[project_a.slug])
    assert client_for(lead_a).get(path).status_code == 403


def test_unknown_project_is_404_for_a_lead(lead_a):
    path = reverse("projects:update", args=["projet-inconnu"])
    assert client_for(lead_a).get(path).status_code == 404


@pytest.mark.parametrize("who", EVERYONE)
def test_submitting_a_draft_is_refused_to_others(cast, project_a, lead_a, who):
    draft = StatusUpdateFactory(project=project_a, draft=True, author=lead_a)
    path = reverse("projects:submit_draft", args=[project_a.slug, draft.pk])
    response = client_for(cast[who]).post(path)
    draft.refresh_from_db()
    if who in WRITERS_OF_A:
        assert response.status_code == 302
        assert draft.state == UpdateState.SUBMITTED
    else:
        assert login_redirect(response, path) if who == "visitor" else response.status_code == 403
        assert draft.state == UpdateState.DRAFT


# --- validate (publish) an update: programme office only -------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_validation_queue_is_for_the_office_only(cast, submitted_a, who):
    path = reverse("projects:review")
    response = client_for(cast[who]).get(path)
    if who == "office":
        assert response.status_code == 200
        assert "POINT-EN-ATTENTE-A" in response.content.decode()
    elif who == "visitor":
        assert login_redirect(response, path)
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_office_validates_and_a_refusal_changes_nothing(cast, submitted_a, who):
    path = reverse("projects:validate", args=[submitted_a.pk])
    response = client_for(cast[who]).post(path)
    submitted_a.refresh_from_db()
    if who == "office":
        assert response.status_code == 302
        assert submitted_a.state == UpdateState.VALIDATED
        assert submitted_a.published_on is not None
    else:
        assert login_redirect(response, path) if who == "visitor" else response.status_code == 403
        assert submitted_a.state == UpdateState.SUBMITTED
        assert submitted_a.published_on is None
        assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_office_sends_back_and_a_refusal_changes_nothing(cast, submitted_a, who):
    path = reverse("projects:send_back", args=[submitted_a.pk])
    data = {f"renvoi-{submitted_a.pk}-comment": "Précisez le motif du report."}
    response = client_for(cast[who]).post(path, data)
    submitted_a.refresh_from_db()
    if who == "office":
        assert response.status_code == 302
        assert submitted_a.state == UpdateState.RETURNED
    else:
        assert login_redirect(response, path) if who == "visitor" else response.status_code == 403
        assert submitted_a.state == UpdateState.SUBMITTED
        assert submitted_a.review_comment == ""


# --- manage missions, projects, leads, users: programme office (admin) -----------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_office_manages_projects_in_the_admin(cast, project_a, who):
    path = reverse("admin:projects_project_changelist")
    response = client_for(cast[who]).get(path)
    if who == "office":
        assert response.status_code == 200
        assert perms.can_manage(cast[who])
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("who", EVERYONE)
def test_journal_is_shown_to_the_office_only(cast, project_a, lead_a, who):
    client_for(lead_a).post(
        reverse("projects:update", args=[project_a.slug]), update_payload(project_a)
    )
    page = client_for(cast[who]).get(project_a.get_absolute_url()).content.decode()
    assert ("Point soumis à validation" in page and "Journal" in page) is (who == "office")
