"""Draft → submitted → validated (public) or returned with a comment; never public before."""

import html
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from projects.enums import Meteo, Phase, UpdateState
from projects.models import AuditEvent, Project
from tests.conftest import client_for, update_payload
from tests.factories import ProjectFactory, StatusUpdateFactory


def public_page(project, user=None) -> str:
    return html.unescape(client_for(user).get(project.get_absolute_url()).content.decode())


def test_draft_then_submitted_then_validated_reaches_the_public_page(lead_a, office, project_a):
    lead = client_for(lead_a)
    path = reverse("projects:update", args=[project_a.slug])
    payload = update_payload(
        project_a, action="draft", meteo=Meteo.NUAGE, summary="Point de septembre"
    )
    assert lead.post(path, payload).status_code == 302
    draft = project_a.updates.order_by("-pk").first()
    assert draft.state == UpdateState.DRAFT
    assert "Brouillon non soumis" in public_page(project_a, lead_a)
    assert "Point de septembre" not in public_page(project_a)

    lead.post(reverse("projects:submit_draft", args=[project_a.slug, draft.pk]))
    draft.refresh_from_db()
    assert draft.state == UpdateState.SUBMITTED
    assert "En attente de validation" in public_page(project_a, lead_a)
    assert "Point de septembre" not in public_page(project_a)
    assert Project.objects.with_status().get(pk=project_a.pk).meteo == "COUVERT"

    client_for(office).post(reverse("projects:validate", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.state == UpdateState.VALIDATED
    page = public_page(project_a)
    assert "Point de septembre" in page
    assert Project.objects.with_status().get(pk=project_a.pk).meteo == "NUAGE"
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "update.drafted",
        "update.submitted",
        "update.validated",
    ]


def test_returned_update_shows_the_comment_to_its_lead_only(lead_a, office, project_a, press):
    update = StatusUpdateFactory(
        project=project_a, submitted=True, author=lead_a, summary="À revoir"
    )
    response = client_for(office).post(
        reverse("projects:send_back", args=[update.pk]),
        {f"renvoi-{update.pk}-comment": "Le motif du report manque."},
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert (update.state, update.reviewed_by) == (UpdateState.RETURNED, office)
    assert "Le motif du report manque." in public_page(project_a, lead_a)
    assert "Le motif du report manque." not in public_page(project_a, press)
    assert "À revoir" not in public_page(project_a)


def test_sending_back_without_a_comment_is_refused(office, project_a, lead_a):
    update = StatusUpdateFactory(project=project_a, submitted=True, author=lead_a)
    response = client_for(office).post(reverse("projects:send_back", args=[update.pk]), {})
    assert response.status_code == 400
    assert "Indiquez au chef de projet ce qui doit être corrigé." in html.unescape(
        response.content.decode()
    )
    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED


def test_a_superseded_submission_leaves_the_queue(office, lead_a, project_a):
    old = StatusUpdateFactory(project=project_a, submitted=True, author=lead_a, summary="Ancien")
    StatusUpdateFactory(project=project_a, submitted=True, author=lead_a, summary="Nouveau")
    page = html.unescape(client_for(office).get(reverse("projects:review")).content.decode())
    assert "Nouveau" in page and "Ancien" not in page
    client_for(office).post(reverse("projects:validate", args=[old.pk]))
    old.refresh_from_db()
    assert old.state == UpdateState.SUBMITTED


def test_internal_risks_never_reach_visitor_or_press(lead_a, office, project_a, press):
    client_for(lead_a).post(
        reverse("projects:update", args=[project_a.slug]),
        update_payload(project_a, risks="RISQUE-SECRET"),
    )
    update = project_a.updates.order_by("-pk").first()
    client_for(office).post(reverse("projects:validate", args=[update.pk]))
    assert "RISQUE-SECRET" not in public_page(project_a)
    assert "RISQUE-SECRET" not in public_page(project_a, press)
    assert "RISQUE-SECRET" in public_page(project_a, lead_a)


def test_stale_projects_are_those_without_a_recent_published_update(project_a, today):
    fresh = project_a
    never = ProjectFactory(name="Jamais mis à jour")
    old = ProjectFactory(name="Ancien")
    StatusUpdateFactory(project=old, as_of=today - timedelta(days=91))
    finished = ProjectFactory(name="Achevé")
    StatusUpdateFactory(project=finished, as_of=today - timedelta(days=400), phase=Phase.ACHEVE)
    pending = ProjectFactory(name="En attente")
    StatusUpdateFactory(project=pending, submitted=True, as_of=today)

    stale = list(Project.objects.stale())
    assert fresh not in stale and finished not in stale
    assert stale == [pending, never, old]  # never updated first, then oldest first
    assert stale[-1].status_on == today - timedelta(days=91)


def test_demo_accounts_refuse_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_accounts")


def test_demo_accounts_are_idempotent(db, settings):
    settings.DEBUG = True
    ProjectFactory(slug="franceconnect-generalisation")
    ProjectFactory(slug="franceconnect-agent")
    ProjectFactory(slug="snap-sac-a-dos-numerique-agent")
    call_command("create_demo_accounts", stdout=StringIO())
    call_command("create_demo_accounts", stdout=StringIO())
    users = get_user_model().objects.filter(
        username__in=["bureau", "cheffe-franceconnect", "chef-snap", "presse"]
    )
    assert users.count() == 4
    cheffe = users.get(username="cheffe-franceconnect")
    assert cheffe.check_password("demo-techgouv-2021")
    # Named as the pages and e-mails name people, with an address the console shows.
    assert (cheffe.get_full_name(), cheffe.email) == (
        "Aurélie Moreau",
        "cheffe-franceconnect@example.org",
    )
    assert sorted(cheffe.led_projects.values_list("slug", flat=True)) == [
        "franceconnect-agent",
        "franceconnect-generalisation",
    ]
