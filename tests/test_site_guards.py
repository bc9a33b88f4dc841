"""Whole-site guards: migrations up to date, one <h1> per page, no external asset, French first."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

PAGES = [
    "/",
    "/?date=2019-10-02",
    "/missions/",
    "/missions/idnum/",
    "/projets/",
    "/projets/?date=2019-10-02&mission=IDNUM",
    "/projets/franceconnect-generalisation/",
    "/projets/numerique-ecoresponsable/",
    "/accessibilite/",
    "/mentions-legales/",
    "/plan-du-site/",
]


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_one_h1_lang_fr_and_no_external_asset(client, programme, url):
    response = client.get(url)

    assert response.status_code == 200
    html = response.text
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert '<html lang="fr"' in html
    assert 'href="#contenu"' in html and 'id="contenu"' in html
    for asset in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html):
        assert asset.startswith("/"), asset


@pytest.mark.django_db
def test_pages_are_french_even_when_the_browser_asks_for_english(client, programme):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert "Tableau de bord" in response.text
    assert response.headers["Content-Language"] == "fr"
