"""The main pages are valid HTML for the Nu HTML Checker (npm `vnu-jar`, run with Java)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.fixtures_programme import programme  # noqa: F401

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = {
    "tableau-de-bord": "/",
    "tableau-de-bord-2019": "/?date=2019-10-02",
    "missions": "/missions/",
    "mission": "/missions/idnum/",
    "projets": "/projets/",
    "projet": "/projets/franceconnect-generalisation/",
    "connexion": "/compte/connexion/",
    "accessibilite": "/accessibilite/",
    "introuvable": "/page-qui-n-existe-pas/",
}


@pytest.mark.django_db
def test_main_pages_have_no_html_error(client, programme, tmp_path):  # noqa: F811
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker (`make test` installs it as root)."
    assert VNU.exists(), f"{VNU} is missing: run `npm ci`."
    files = []
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "introuvable" else 200), url
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
