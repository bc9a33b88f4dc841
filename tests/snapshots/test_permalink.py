"""A snapshot's permanent page renders the dashboard as frozen, whatever happens afterwards."""

import re
from datetime import date

import pytest

from projects.enums import Meteo, Phase
from projects.snapshots.services import create_snapshot
from tests.conftest import client_for
from tests.factories import MilestoneFactory, ProjectFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen(press):
    projects = [ProjectFactory(name=f"Projet {n}") for n in range(3)]
    for project in projects:
        StatusUpdateFactory(
            project=project, as_of=date(2021, 3, 1), meteo=Meteo.COUVERT, phase=Phase.CADRAGE
        )
    MilestoneFactory(project=projects[0], title="Ouverture", baseline_on=date(2021, 12, 31))
    snapshot = create_snapshot(
        title="Point presse de mars", taken_on=date(2021, 3, 31), note="", author=press
    )
    return snapshot, projects


def chart(response, slug):
    return next(c for c in response.context["charts"] if c.slug == slug)


def test_the_permalink_shows_the_frozen_figures_and_the_date(frozen):
    snapshot, _projects = frozen

    response = client_for(None).get(f"/instantanes/{snapshot.slug}/")

    assert response.status_code == 200
    assert "Instantané figé : le portefeuille tel qu'il était publié le 31 mars 2021." in (
        response.text
    )
    assert re.search(r'<span class="headline__value">3</span>', response.text)
    meteo = {row[0]: row[1] for row in chart(response, "meteo").rows}
    assert meteo["Objectifs atteignables"] == "3"


def test_live_changes_after_freezing_do_not_change_the_snapshot_page(frozen):
    snapshot, projects = frozen
    before = client_for(None).get(f"/instantanes/{snapshot.slug}/")

    projects[0].name = "Nom changé"
    projects[0].save()
    ProjectFactory(name="Projet arrivé après")
    StatusUpdateFactory(project=projects[1], as_of=date(2021, 3, 15), meteo=Meteo.ORAGE)
    StatusUpdateFactory(project=projects[2], as_of=date(2022, 1, 1), meteo=Meteo.SOLEIL)
    after = client_for(None).get(f"/instantanes/{snapshot.slug}/")

    assert [c.rows for c in after.context["charts"]] == [c.rows for c in before.context["charts"]]
    assert "Nom changé" not in after.text and "Projet arrivé après" not in after.text
    assert "Projet 0" in after.text


def test_an_unknown_snapshot_is_a_404():
    assert client_for(None).get("/instantanes/inconnu/").status_code == 404


def test_editions_are_the_first_snapshots(programme):
    response = client_for(None).get("/instantanes/")

    text = response.text
    for title in ["Feuille de route 2019-2021", "Mise à jour mi-2020", "Mise à jour mi-2021"]:
        assert title in text
    page = client_for(None).get("/instantanes/mise-a-jour-2021/")
    assert page.status_code == 200
    assert re.search(r'<span class="headline__value">24</span>', page.text)
    assert "Instantanés" in client_for(None).get("/").text  # main navigation
    assert "/instantanes/" in client_for(None).get("/plan-du-site/").text
