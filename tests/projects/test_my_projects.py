"""« Mes projets »: where a lead lands after signing in; her projects with the state of their
last update, drafts to finish, updates returned with the office's comment, updates due. The
office lands on its queue; anyone else on the dashboard. The account page switches the weekly
reminder off and on."""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from projects import roles
from projects.enums import Phase
from projects.models import Preferences
from tests.conftest import client_for, update_payload
from tests.factories import MilestoneFactory, ProjectFactory, StatusUpdateFactory, UserFactory

PATH = "/mes-projets/"


def flat(response) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


def sign_in(client, user):
    return client.post(
        reverse("login"), {"username": user.username, "password": "mot-de-passe-de-test"}
    )


@pytest.mark.parametrize(
    ("who", "landing"),
    [("lead_a", PATH), ("office", "/projets/a-valider/"), ("press", "/")],
)
def test_each_role_lands_on_its_page_after_signing_in(client, cast, who, landing):
    response = sign_in(client, cast[who])
    assert response.status_code == 302
    assert client.get(response["Location"]).url == landing


def test_a_next_page_wins_over_the_landing(client, lead_a):
    response = client.post(
        reverse("login") + "?next=/projets/",
        {"username": "cheffe-a", "password": "mot-de-passe-de-test"},
    )
    assert response["Location"] == "/projets/"


def test_my_projects_needs_an_account(client, db):
    response = client.get(PATH)
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")


def test_a_lead_sees_only_her_projects_with_their_last_update(lead_a, lead_b, project_a, project_b):
    text = flat(client_for(lead_a).get(PATH))
    assert "Projet A" in text and "Projet B" not in text
    assert "Validé" in text  # the state of project A's last update
    assert "Aucun point n'est attendu : vos projets sont à jour." in text


def test_a_returned_update_shows_the_office_comment(lead_a, office, project_a):
    office.first_name, office.last_name = "Hélène", "Duval"
    office.save()
    update = StatusUpdateFactory(project=project_a, submitted=True, author=lead_a)
    client_for(office).post(
        reverse("projects:send_back", args=[update.pk]),
        {f"renvoi-{update.pk}-comment": "Précisez le motif du report."},
    )

    text = flat(client_for(lead_a).get(PATH))

    assert "Renvoyés pour correction" in text
    assert "Renvoyé par Hélène Duval (bureau du programme)" in text
    assert "Précisez le motif du report." in text
    assert "Corriger le point de Projet A" in text


def test_a_draft_is_listed_to_finish(lead_a, project_a):
    client_for(lead_a).post(
        reverse("projects:update", args=[project_a.slug]),
        update_payload(project_a, action="draft"),
    )
    text = flat(client_for(lead_a).get(PATH))
    assert "Brouillons à terminer" in text
    assert "Reprendre le brouillon de Projet A" in text


def test_updates_due_say_why(clock, lead_a, project_a, today):
    stale = ProjectFactory(name="Projet ancien", leads=[lead_a])
    StatusUpdateFactory(project=stale, as_of=today - timedelta(days=120))
    MilestoneFactory(
        project=project_a,
        title="Recette",
        baseline_on=today - timedelta(days=3),
        baseline_precision="DAY",
    )
    finished = ProjectFactory(name="Projet achevé", leads=[lead_a])
    StatusUpdateFactory(project=finished, as_of=today - timedelta(days=400), phase=Phase.ACHEVE)

    text = flat(client_for(lead_a).get(PATH))

    assert "Points à faire" in text
    assert (
        "Projet ancien Aucun point publié depuis plus de 90 jours (dernier : 3 août 2026)." in text
    )
    assert (
        "Projet A Jalon « Recette » : échéance 28 novembre 2026 passée sans nouvelle de sa "
        "réalisation."
    ) in text
    assert "Mettre à jour Projet achevé" not in text.split("Mes projets et leur dernier point")[0]


def test_a_submitted_update_is_no_longer_due(clock, lead_a, project_a, today):
    MilestoneFactory(
        project=project_a,
        title="Recette",
        baseline_on=today - timedelta(days=3),
        baseline_precision="DAY",
    )
    StatusUpdateFactory(project=project_a, submitted=True, author=lead_a)
    text = flat(client_for(lead_a).get(PATH))
    assert "Aucun point n'est attendu" in text
    assert "Soumis à validation" in text


def test_the_office_without_projects_is_sent_to_its_queue(office):
    text = flat(client_for(office).get(PATH))
    assert "Vous n'êtes chef de projet d'aucun projet." in text
    assert "Points à valider" in text


def test_the_header_links_my_projects_for_leads_only(lead_a, office):
    assert "Mes projets" in flat(client_for(lead_a).get("/"))
    assert "Mes projets" not in flat(client_for(office).get("/"))


# --- The account page -------------------------------------------------------------------------


def test_the_account_page_names_the_person_and_their_role(lead_a, project_a):
    lead_a.first_name, lead_a.last_name = "Aurélie", "Moreau"
    lead_a.save()
    text = flat(client_for(lead_a).get("/compte/"))
    assert "Nom Aurélie Moreau" in text
    assert "Rôle chef de projet" in text
    assert "Projets suivis Projet A" in text
    assert "Rappel hebdomadaire par courriel" in text


def test_the_reminder_is_switched_off_then_on(lead_a):
    client = client_for(lead_a)
    page = client.get("/compte/").content.decode()
    assert re.search(r'class="fr-toggle__input" name="weekly_reminders"[^>]* checked', page)

    response = client.post("/compte/", {})  # an unchecked box sends nothing
    assert response.status_code == 302
    assert Preferences.objects.get(user=lead_a).weekly_reminders is False
    assert "Rappel hebdomadaire désactivé" in flat(client.get("/compte/"))
    assert " checked" not in client.get("/compte/").content.decode().split("fr-toggle")[1]

    client.post("/compte/", {"weekly_reminders": "on"})
    assert Preferences.objects.get(user=lead_a).weekly_reminders is True


def test_the_account_page_needs_an_account(client, db):
    assert client.get("/compte/").status_code == 302
    assert client.post("/compte/", {}).status_code == 302
    assert not Preferences.objects.exists()


def test_people_are_named_with_their_role_else_by_user_name(db):
    from projects.people import person

    named = UserFactory(username="hd", first_name="Hélène", last_name="Duval")
    office = UserFactory(
        username="bp", first_name="Hélène", last_name="Duval", groups=[roles.PROGRAMME_OFFICE]
    )
    lead = UserFactory(username="cheffe-x", groups=[roles.PROJECT_LEAD])
    assert person(office) == "Hélène Duval (bureau du programme)"
    assert person(lead) == "cheffe-x (chef de projet)"
    assert person(named) == "Hélène Duval"
    assert person(None) == "—"


def test_my_projects_costs_the_same_queries_whatever_the_number_of_projects(lead_a, office):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from projects import services

    def returned_project():
        project = ProjectFactory(leads=[lead_a])
        MilestoneFactory(project=project)
        update = StatusUpdateFactory(project=project, submitted=True, author=lead_a)
        services.return_update(update=update, reviewer=office, comment="À revoir.")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PATH).status_code == 200
        return len(queries)

    client = client_for(lead_a)
    returned_project()
    count()  # warm (session, content types)
    small = count()
    for _index in range(3):
        returned_project()
    assert count() == small
