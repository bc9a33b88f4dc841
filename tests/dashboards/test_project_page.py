from datetime import date

import pytest
from django.urls import reverse

from projects.enums import Meteo
from projects.fuzzydates import Precision
from projects.models import Project
from tests.factories import (
    MilestoneChangeFactory,
    MilestoneFactory,
    ProjectFactory,
    StatusUpdateFactory,
)
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db


def test_project_page_shows_milestones_updates_indicators_and_sources(client, programme):
    project = Project.objects.get(slug="franceconnect-generalisation")
    response = client.get(project.get_absolute_url())

    assert response.status_code == 200
    assert "Cap des 10 millions d&#x27;utilisateurs" in response.text
    assert "en production, généralisé" in response.text
    assert "Nombre d&#x27;utilisateurs de FranceConnect" in response.text
    for source in project.sources.all():
        assert (source.url or source.description)[:40] in response.text
    assert "Feuille de route 2019-2021 (2 octobre 2019)" in response.text


def test_unknown_facts_are_shown_as_unknown(client, programme):
    response = client.get(reverse("projects:detail", args=["numerique-ecoresponsable"]))

    assert "non connu" in response.text
    assert "Phase non connue" in response.text


def test_a_low_confidence_fact_is_marked(client, programme):
    response = client.get(reverse("projects:detail", args=["plateforme-echange-donnees"]))

    assert "Confiance faible" in response.text  # its published name is of low confidence


def test_a_candidate_says_it_is_to_be_confirmed(client, programme):
    response = client.get(reverse("projects:detail", args=["souverainete-numerique"]))

    assert "Projet à confirmer" in response.text


def test_slippage_is_measured_against_the_original_baseline(client):
    milestone = MilestoneFactory(
        baseline_on=date(2020, 3, 31), baseline_precision=Precision.QUARTER
    )
    MilestoneChangeFactory(
        milestone=milestone, actual_on=date(2021, 5, 17), actual_precision=Precision.DAY
    )

    response = client.get(milestone.project.get_absolute_url())

    (shown,) = response.context["milestones"]
    assert shown.drift_days == (date(2021, 5, 17) - date(2020, 3, 31)).days == 412
    assert "+412 j" in response.text
    assert "T1 2020" in response.text and "17 mai 2021" in response.text


def test_latest_update_wins_and_no_update_means_non_renseignee(client):
    project = ProjectFactory()
    empty = client.get(project.get_absolute_url())
    StatusUpdateFactory(project=project, as_of=date(2021, 1, 1), meteo=Meteo.ORAGE)
    StatusUpdateFactory(project=project, as_of=date(2021, 6, 1), meteo=Meteo.COUVERT)
    StatusUpdateFactory(project=project, as_of=date(2021, 9, 1), meteo=Meteo.SOLEIL, draft=True)

    filled = client.get(project.get_absolute_url())

    assert empty.context["project"].meteo == Meteo.NON_RENSEIGNEE
    assert filled.context["project"].meteo == Meteo.COUVERT


def test_project_page_query_count_is_fixed(client):
    project = ProjectFactory()
    StatusUpdateFactory(project=project)
    MilestoneFactory(project=project)
    small = queries_for(client, project.get_absolute_url())
    for milestone in MilestoneFactory.create_batch(15, project=project):
        MilestoneChangeFactory(milestone=milestone)
    StatusUpdateFactory.create_batch(15, project=project)

    assert queries_for(client, project.get_absolute_url()) == small


def test_unknown_project_is_a_404(client):
    assert client.get("/projets/inconnu/").status_code == 404
