"""The review queue is a decision tool: before → after for every changed value, the suggested
météo with its evidence beside the lead's justification, consistency warnings, a confirmation
step before publishing, a comment required to send back, people named with their role, and the
number of updates waiting in the office's header."""

import html
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.enums import Meteo, Phase, UpdateState
from projects.fuzzydates import FuzzyDate, Precision
from tests.conftest import client_for, update_payload
from tests.factories import MilestoneFactory, ProjectFactory, StatusUpdateFactory, UserFactory


def flat(response) -> str:
    """The page's text, tags removed, white space collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


def submit(lead, project, **kwargs):
    response = client_for(lead).post(
        reverse("projects:update", args=[project.slug]), update_payload(project, **kwargs)
    )
    assert response.status_code == 302, flat(response)[:2000]
    return project.updates.order_by("-pk").first()


@pytest.fixture
def named(lead_a, office):
    lead_a.first_name, lead_a.last_name = "Aurélie", "Moreau"
    lead_a.save()
    office.first_name, office.last_name = "Hélène", "Duval"
    office.save()


def queue(office):
    return client_for(office).get(reverse("projects:review"))


def test_the_queue_shows_before_and_after_for_each_changed_value(
    clock, named, lead_a, office, project_a
):
    # Published: COUVERT, Conception, progress 50; milestone « Ouverture au public » 11/03/2027.
    submit(
        lead_a,
        project_a,
        meteo=Meteo.NUAGE,
        phase=Phase.EXPERIMENTATION,
        progress="50",
        milestones={0: {"forecast_on": "2027-06-30", "reason": "Recette prolongée"}},
        new=[{"title": "API ouverte", "target": FuzzyDate(date(2027, 12, 31), Precision.YEAR)}],
    )

    text = flat(queue(office))

    assert "Point du 1er décembre 2026, soumis par Aurélie Moreau (chef de projet)." in text
    assert "Météo Objectifs atteignables Appuis nécessaires (modifié)" in text
    assert "Phase Conception / Réalisation Expérimentation (modifié)" in text
    assert "Avancement 50 % 50 % (inchangé)" in text
    assert (
        "Ouverture au public 11 mars 2027 → 30 juin 2027 — Recette prolongée" in text
    )  # date prévue, then réalisation (none), then the reason
    assert "API ouverte : date cible 2027" in text


def test_the_queue_shows_the_suggested_meteo_its_evidence_and_the_justification(
    clock, lead_a, office, project_a, today
):
    MilestoneFactory(
        project=project_a,
        title="Recette",
        baseline_on=today - timedelta(days=40),
        baseline_precision="DAY",
    )
    submit(lead_a, project_a, meteo=Meteo.SOLEIL, meteo_justification="Recette faite hier.")

    text = flat(queue(office))

    assert "Météo suggérée par les éléments (interne) Appuis nécessaires" in text
    assert "Le jalon « Recette » est en retard de 40 jours." in text
    assert "Justification de la météo par le chef de projet Recette faite hier." in text
    assert (
        "La météo déclarée (« Objectifs sécurisés ») est meilleure que celle que suggèrent les "
        "éléments du projet (« Appuis nécessaires ») : lisez la justification."
    ) in text


def test_insufficient_evidence_is_said_with_what_is_missing(programme, office):
    from projects.models import Project

    project = Project.objects.get(slug="franceconnect-generalisation")
    StatusUpdateFactory(project=project, submitted=True, meteo=Meteo.SOLEIL, as_of=date(2026, 1, 5))

    text = flat(queue(office))

    assert "Météo suggérée par les éléments (interne) Éléments insuffisants Il manque :" in text
    assert "Nombre de services en ligne accessibles via FranceConnect" in text


def test_an_ended_project_with_work_left_and_a_large_move_is_flagged(
    clock, lead_a, office, project_a
):
    submit(
        lead_a,
        project_a,
        phase=Phase.ACHEVE,
        progress="85",
        milestones={0: {"forecast_on": "2028-06-30", "reason": "Marché relancé"}},
        meteo_justification="Le projet est livré, le jalon restant est hors périmètre.",
    )

    text = flat(queue(office))

    assert "Points à vérifier avant de publier" in text
    assert "Phase « Achevé » avec un avancement de 85 % : un projet achevé est à 100 %." in text
    assert "Phase « Achevé » alors qu'1 jalon n'est pas réalisé : « Ouverture au public »." in text
    assert (
        "Le jalon « Ouverture au public » est déplacé de 477 jours, plus d'un an "
        "(11 mars 2027 → 30 juin 2028)." in text
    )


def test_a_consistent_update_has_no_warning(clock, lead_a, office, project_a):
    submit(lead_a, project_a, meteo=Meteo.COUVERT)
    assert "Points à vérifier avant de publier" not in flat(queue(office))


def test_validating_asks_for_confirmation_first(clock, lead_a, office, project_a):
    update = submit(lead_a, project_a, phase=Phase.ACHEVE, progress="85")
    client = client_for(office)

    page = client.get(reverse("projects:validate", args=[update.pk]))

    assert page.status_code == 200
    text = flat(page)
    assert "Publier le point d'avancement de Projet A ?" in text
    assert "un projet achevé est à 100 %" in text
    assert "Confirmer la publication" in text
    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED  # nothing published by looking
    # The queue and the project page link to this step; only its form publishes.
    assert (
        f'href="{reverse("projects:validate", args=[update.pk])}"' in queue(office).content.decode()
    )
    response = client.post(reverse("projects:validate", args=[update.pk]))
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.state == UpdateState.VALIDATED


def test_the_confirmation_of_an_update_no_longer_waiting_goes_back_to_the_queue(
    lead_a, office, project_a
):
    update = StatusUpdateFactory(project=project_a, author=lead_a)  # already validated
    response = client_for(office).get(reverse("projects:validate", args=[update.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:review")


def test_the_confirmation_step_is_the_office_only(cast, lead_a, project_a):
    update = StatusUpdateFactory(project=project_a, submitted=True, author=lead_a)
    path = reverse("projects:validate", args=[update.pk])
    for who in ("lead_a", "lead_b", "press"):
        assert client_for(cast[who]).get(path).status_code == 403


def test_returning_requires_a_comment(lead_a, office, project_a):
    update = StatusUpdateFactory(project=project_a, submitted=True, author=lead_a)
    response = client_for(office).post(
        reverse("projects:send_back", args=[update.pk]), {f"renvoi-{update.pk}-comment": "  "}
    )
    assert response.status_code == 400
    assert "Indiquez au chef de projet ce qui doit être corrigé." in flat(response)


def test_the_office_header_counts_the_updates_waiting(lead_a, lead_b, office, project_a, project_b):
    client = client_for(office)
    assert "Points à valider (0)" in flat(client.get(reverse("home")))
    StatusUpdateFactory(project=project_a, submitted=True, author=lead_a)
    StatusUpdateFactory(project=project_b, submitted=True, author=lead_b)
    assert "Points à valider (2)" in flat(client.get(reverse("home")))
    # Leads and the press see no counter.
    for user in (lead_a, UserFactory(username="presse-x", groups=["Presse"])):
        assert "Points à valider" not in flat(client_for(user).get(reverse("home")))


def test_the_queue_lists_the_projects_to_chase(office, project_a, today):
    old = ProjectFactory(name="Projet sans nouvelles")
    StatusUpdateFactory(project=old, as_of=today - timedelta(days=200))
    text = flat(queue(office))
    assert "À mettre à jour" in text
    assert "Projet sans nouvelles" in text
    assert "Projet A —" not in text  # published 10 days ago


def test_the_queue_costs_the_same_queries_whatever_its_length(clock, office, today):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert queue(office).status_code == 200
        return len(queries)

    def pending_project():
        project = ProjectFactory()
        MilestoneFactory(project=project, baseline_on=today + timedelta(days=30))
        author = UserFactory(groups=["Chef de projet"])
        project.leads.add(author)
        StatusUpdateFactory(project=project, as_of=today - timedelta(days=5))
        update = StatusUpdateFactory(project=project, submitted=True, author=author)
        from tests.factories import MilestoneChangeFactory

        MilestoneChangeFactory(
            milestone=project.milestones.get(),
            status_update=update,
            forecast_on=today + timedelta(days=60),
            forecast_precision="DAY",
            reason="Report",
            actual_on=None,
            actual_precision="",
            published_on=None,
        )

    pending_project()
    count()  # warm (sessions, content types)
    small = count()
    for _index in range(4):
        pending_project()
    assert count() == small
