"""The English pages are valid HTML too: translations carry markup (links, `lang="fr"` spans)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.fixtures_programme import programme  # noqa: F401
from tests.test_html_validity import VNU

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
def test_english_pages_have_no_html_error(client, programme, tmp_path):  # noqa: F811
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker (`make test` installs it as root)."
    assert VNU.exists(), f"{VNU} is missing: run `npm ci`."
    client.get("/langue/", {"langue": "en", "suivant": "/"})
    files = []
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="en"' in response.text, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))

    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )

    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == []
