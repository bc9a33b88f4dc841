"""English reads as English (issue 13): the reference data's content (mission names and aims,
edition titles and notes, indicator names) and the vocabularies (phases, météo) are in English
on English pages, in the text and in the charts' labels; French remains only where it is marked
`lang="fr"` (proper names, content with no English version yet)."""

import json
import re

import pytest
from django.test import Client

from missions.models import Mission
from projects.enums import Meteo, Phase
from projects.models import Indicator, Milestone, Snapshot
from tests.i18n.pages import normalise, perceived_text

PAGES = [
    "/",
    "/?date=2020-09-01",
    "/missions/",
    "/missions/idnum/",
    "/projets/",
    "/projets/franceconnect-generalisation/",
    "/instantanes/",
    "/instantanes/mise-a-jour-2021/",
    "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/",
]
FIGURE = re.compile(r'<script id="[^"]+-donnees" type="application/json">(.*?)</script>', re.S)


def french_content() -> set[str]:
    """The French texts that have an English version: none of them may show in English."""
    texts = set()
    for mission in Mission.objects.all():
        texts |= {mission.name, mission.aim}
    for edition in Snapshot.objects.editions():
        texts |= {edition.title, edition.note}
    texts |= {indicator.name for indicator in Indicator.objects.exclude(name_en="")}
    texts |= {str(label) for label in Phase.labels} | {str(label) for label in Meteo.labels}
    return {normalise(text) for text in texts if text}


def strings_of(value):
    """Every text of a figure (trace names, categories, tick labels), whole, `<br>` undone."""
    if isinstance(value, str):
        yield normalise(value.replace("<br>", " "))
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)


def english(url: str) -> str:
    client = Client()
    client.get("/langue/", {"langue": "en", "suivant": "/"})
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
def test_reference_content_is_in_english_on_english_pages(programme):
    with_french = french_content()
    assert "Identité numérique / identification unifiée pour les services en ligne" in with_french
    assert "Expérimentation" in with_french and "Objectifs compromis" in with_french
    found = {}
    for url in PAGES:
        page = english(url)
        text, _lang = perceived_text(page)
        labels = set()
        for figure in FIGURE.findall(page):
            labels |= set(strings_of(json.loads(figure)))
        if french := sorted(t for t in with_french if t in text or t in labels):
            found[url] = french
    assert found == {}


@pytest.mark.django_db
def test_english_uses_the_programme_vocabulary(programme):
    home = english("/")
    text, _lang = perceived_text(home)

    assert "Trial" in str(Phase.EXPERIMENTATION.label) or "Trial" in text
    assert "Delivery confidence" in text and "Weather" not in text and "weather" not in text
    assert "Pilot" not in text.replace("PILOT", "")
    assert "(Mid-2021 update)" in text  # « 43 projects announced by DINUM (Mid-2021 update) »
    missions, _lang = perceived_text(english("/missions/"))
    assert "Digital identity / unified sign-in for online services" in missions


@pytest.mark.django_db
def test_content_without_english_falls_back_to_french_marked_as_such(programme):
    page = english("/projets/franceconnect-generalisation/")

    assert '<span lang="fr">Industrialisation et généralisation de FranceConnect</span>' in page


@pytest.mark.django_db
def test_calendar_gives_a_milestone_its_english_title(programme):
    milestone = Milestone.objects.get(
        project__slug="franceconnect-generalisation", title="Cap des 10 millions d'utilisateurs"
    )
    milestone.title_en = "10 million users reached"
    milestone.save(update_fields=["title_en"])

    for url in ["/", "/projets/franceconnect-generalisation/"]:
        page = english(url)
        # The calendar's table (its « Milestone » cells), its drawing, the project's milestones.
        assert '<td data-label="Milestone">10 million users reached</td>' in page, url
        assert "Cap des 10 millions" not in page, url
    labels = set()
    for figure in FIGURE.findall(english("/projets/franceconnect-generalisation/")):
        labels |= set(strings_of(json.loads(figure)))
    assert any(label.endswith("— 10 million users reached") for label in labels)
