"""Switching to English shows no French interface string on the main pages (issue 6).

Every French msgid of the English catalogue (cut at its placeholders, at least 12 characters)
is searched for in the text a reader perceives on the English page: its text and labelling
attributes, once `<script>` contents and the content marked `lang="fr"` (names, aims and
summaries with no English version) are set aside. The French pages are walked too, as the
proof that the search finds what it looks for.
"""

import re

import pytest
from django.test import Client
from django.utils import translation

from projects import roles
from projects.enums import Meteo, Phase
from projects.formats import percent
from projects.models import Project
from tests.factories import StatusUpdateFactory, UserFactory
from tests.i18n.pages import french_in, french_strings, perceived_text

PUBLIC_PAGES = [
    "/",
    "/?date=2019-10-02",
    "/missions/",
    "/missions/idnum/",
    "/projets/",
    "/projets/franceconnect-generalisation/",
    "/compte/connexion/",
    "/accessibilite/",
    "/plan-du-site/",
    "/mentions-legales/",
    "/instantanes/",
    "/instantanes/mise-a-jour-2021/",
    "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/",
    "/instantanes/comparer/?du=2019-10-02&au=2021-09-14",
]
NOT_FOUND = "/page-qui-n-existe-pas/"
OFFICE_PAGES = [
    "/projets/franceconnect-generalisation/mettre-a-jour/",
    "/projets/a-valider/",
    "/mes-projets/",
    "/compte/",
]
ALL_PAGES = [*PUBLIC_PAGES, NOT_FOUND, *OFFICE_PAGES]


@pytest.fixture
def office_client(programme, db) -> Client:
    """The programme office (as `create_demo_accounts` makes it), with one update to review."""
    user = UserFactory(username="bureau", groups=[roles.PROGRAMME_OFFICE], is_staff=True)
    StatusUpdateFactory(
        submitted=True,
        project=Project.objects.get(slug="franceconnect-generalisation"),
        meteo=Meteo.NUAGE,
        phase=Phase.DEPLOIEMENT,
        summary="Ouverture aux collectivités en cours.",
        author=user,
    )
    client = Client()
    client.force_login(user)
    return client


def _client_in(language: str, client: Client | None = None) -> Client:
    client = client or Client()
    response = client.get("/langue/", {"langue": language, "suivant": "/"})
    assert response.status_code == 302
    return client


def _get(client: Client, url: str):
    response = client.get(url)
    expected = 404 if url == NOT_FOUND else 200
    assert response.status_code == expected, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def pages(programme, office_client) -> dict[str, dict[str, str]]:
    """Each page of the walk, in French and in English: {language: {url: html}}."""
    walked = {}
    for language in ("fr", "en"):
        public = _client_in(language)
        office = _client_in(language, office_client)
        walked[language] = {
            url: _get(office if url in OFFICE_PAGES else public, url) for url in ALL_PAGES
        }
    return walked


def test_the_catalogue_has_french_strings_to_look_for():
    assert len(french_strings()) > 300
    assert "Objectifs compromis" in french_strings()
    assert "Déclaration d'accessibilité" in french_strings()


@pytest.mark.django_db
def test_english_pages_show_no_french_interface_string(pages):
    found = {}
    for url, page in pages["en"].items():
        text, lang = perceived_text(page)
        assert lang == "en", url
        if french := french_in(text):
            found[url] = french
    assert found == {}


@pytest.mark.django_db
def test_french_pages_do_show_those_strings(pages):
    """The reverse check: the same search finds the French strings of every French page."""
    for url, page in pages["fr"].items():
        text, lang = perceived_text(page)
        assert lang == "fr", url
        assert len(french_in(text)) >= 3, url
    home, _lang = perceived_text(pages["fr"]["/"])
    assert "Objectifs compromis" in home or "Objectifs atteignables" in home


@pytest.mark.django_db
def test_dates_and_numbers_follow_the_language(pages):
    english, _lang = perceived_text(pages["en"]["/?date=2019-10-02"])
    french, _lang = perceived_text(pages["fr"]["/?date=2019-10-02"])
    assert "2 October 2019" in english and "octobre" not in english
    assert "2 octobre 2019" in french and "October" not in french
    today_en, _lang = perceived_text(pages["en"]["/"])
    today_fr, _lang = perceived_text(pages["fr"]["/"])
    assert "14 September 2021" in today_en and "14 septembre 2021" in today_fr
    # Fuzzy dates: « S2 2019 » / "H2 2019" (project page's milestones).
    project_en, _lang = perceived_text(pages["en"]["/projets/franceconnect-generalisation/"])
    project_fr, _lang = perceived_text(pages["fr"]["/projets/franceconnect-generalisation/"])
    assert "H2 2019" in project_en and "S2 2019" not in project_en
    assert "S2 2019" in project_fr
    # Percentages: "12.5%" in English, « 12,5 % » (narrow no-break space) in French (the
    # météo chart that showed shares is one sentence since no source gives a météo).
    assert not re.search(r"\d,\d\s?%", english)
    with translation.override("en"):
        assert percent(12.5, 1) == "12.5%"
    with translation.override("fr"):
        assert percent(12.5, 1) == "12,5\u202f%"
