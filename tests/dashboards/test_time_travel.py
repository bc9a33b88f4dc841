"""`?date=AAAA-MM-JJ` shows the portfolio as it stood that day, from the dated history."""

from datetime import date

import pytest
from django.urls import reverse

from projects.enums import Meteo, Phase
from projects.models import Project, SnapshotEntry
from tests.factories import ProjectFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db


def listed_slugs(response) -> set[str]:
    return {p.slug for group in response.context["groups"] for p in group.projects}


def test_the_2019_view_is_the_2019_snapshot(client, programme):
    response = client.get(reverse("home"), {"date": "2019-10-02"})

    frozen = SnapshotEntry.objects.filter(snapshot__slug="feuille-de-route-2019")
    assert listed_slugs(response) == set(frozen.values_list("project__slug", flat=True))
    assert "35 actions annoncées par la DINUM (Feuille de route 2019-2021)" in response.text
    assert "19 identifiées au 2 octobre 2019" in response.text
    assert frozen.count() == 19


@pytest.mark.parametrize(
    "day, slug",
    [("2020-08-28", "mise-a-jour-2020"), ("2021-09-14", "mise-a-jour-2021")],
)
def test_each_edition_date_shows_that_editions_projects(client, programme, day, slug):
    response = client.get(reverse("home"), {"date": day})

    frozen = SnapshotEntry.objects.filter(snapshot__slug=slug)
    assert listed_slugs(response) == set(frozen.values_list("project__slug", flat=True))


def test_projects_not_yet_entered_are_absent(client, programme):
    response = client.get(reverse("home"), {"date": "2019-10-02"})

    later = Project.objects.identified().filter(entered_on__gt=date(2019, 10, 2))
    assert later.exists()
    assert not listed_slugs(response) & set(later.values_list("slug", flat=True))


def test_status_is_the_latest_published_on_that_day(client):
    project = ProjectFactory()
    StatusUpdateFactory(project=project, as_of=date(2020, 1, 15), meteo=Meteo.NUAGE)
    StatusUpdateFactory(project=project, as_of=date(2021, 3, 1), meteo=Meteo.SOLEIL)

    then = client.get(reverse("projects:detail", args=[project.slug]), {"date": "2020-06-01"})
    now = client.get(reverse("projects:detail", args=[project.slug]))

    assert then.context["project"].meteo == Meteo.NUAGE
    assert now.context["project"].meteo == Meteo.SOLEIL
    assert "Appuis nécessaires" in then.text and "Objectifs sécurisés" not in then.text


def test_an_update_published_after_the_day_does_not_count(client):
    project = ProjectFactory()
    StatusUpdateFactory(
        project=project, as_of=date(2020, 1, 15), published_on=date(2020, 9, 1), phase=Phase.CADRAGE
    )

    response = client.get(reverse("projects:detail", args=[project.slug]), {"date": "2020-06-01"})

    assert response.context["project"].phase == ""


@pytest.mark.parametrize("raw", ["2021-13-45", "hier", "1850-01-01"])
def test_an_unreadable_date_explains_itself_in_french_and_shows_today(client, raw):
    response = client.get(reverse("home"), {"date": raw})

    assert response.status_code == 200
    assert response.context["travel"].as_of is None
    assert 'class="fr-error-text"' in response.text
    assert "La date" in response.text


def test_links_keep_the_date(client, programme):
    response = client.get(reverse("home"), {"date": "2020-08-28"})

    assert "/missions/idnum/?date=2020-08-28" in response.text
    assert "/projets/franceconnect-generalisation/?date=2020-08-28" in response.text


@pytest.mark.parametrize(
    "url",
    ["/missions/", "/missions/idnum/", "/projets/franceconnect-generalisation/"],
)
def test_every_dashboard_page_accepts_a_date(client, programme, url):
    response = client.get(url, {"date": "2019-10-02"})

    assert response.status_code == 200
    assert "Portefeuille tel qu'il était connu le 2 octobre 2019" in response.text
