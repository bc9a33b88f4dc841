"""The English pages are valid HTML too: translations carry markup (links, `lang="fr"` spans)."""

import pytest

from tests.test_html_validity import vnu_errors

PAGES = {
    "dashboard": "/",
    "mission": "/missions/idnum/",
    "project": "/projets/franceconnect-generalisation/",
    "projects": "/projets/",
    "snapshot": "/instantanes/mise-a-jour-2021/",
    "accessibility": "/accessibilite/",
    "legal": "/mentions-legales/",
}


@pytest.mark.django_db
def test_english_pages_have_no_html_error(client, programme, tmp_path):
    client.get("/langue/", {"langue": "en", "suivant": "/"})
    pages = {}
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="en"' in response.text, url
        pages[name] = response.content

    assert vnu_errors(pages, tmp_path) == []
