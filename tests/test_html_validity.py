"""The main pages are valid HTML for the Nu HTML Checker (npm `vnu-jar`, run with Java)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = {
    "tableau-de-bord": "/",
    "tableau-de-bord-2019": "/?date=2019-10-02",
    "missions": "/missions/",
    "mission": "/missions/idnum/",
    "projets": "/projets/",
    "projet": "/projets/franceconnect-generalisation/",
    "instantanes": "/instantanes/",
    "instantane": "/instantanes/feuille-de-route-2019/",
    "comparaison": "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/",
    "connexion": "/compte/connexion/",
    "accessibilite": "/accessibilite/",
    "introuvable": "/page-qui-n-existe-pas/",
}


def vnu_errors(pages: dict[str, bytes], folder: Path) -> list[str]:
    """The Nu HTML Checker's errors over `pages` (name → HTML), written to `folder` first."""
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker (`make test` installs it as root)."
    assert VNU.exists(), f"{VNU} is missing: run `npm ci`."
    files = []
    for name, html in pages.items():
        path = folder / f"{name}.html"
        path.write_bytes(html)
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


@pytest.mark.django_db
def test_main_pages_have_no_html_error(client, programme, tmp_path):
    pages = {}
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "introuvable" else 200), url
        pages[name] = response.content

    assert vnu_errors(pages, tmp_path) == []


@pytest.mark.django_db
def test_the_update_loop_pages_have_no_html_error(programme, tmp_path):
    """The pages of the update loop, signed in: the form, the queue and its confirmation step,
    « Mes projets » and the account page."""
    from projects import roles
    from projects.models import Project
    from tests.conftest import client_for
    from tests.factories import StatusUpdateFactory, UserFactory

    office = UserFactory(username="bureau-vnu", groups=[roles.PROGRAMME_OFFICE], is_staff=True)
    lead = UserFactory(username="cheffe-vnu", groups=[roles.PROJECT_LEAD])
    project = Project.objects.get(slug="franceconnect-generalisation")
    project.leads.add(lead)
    update = StatusUpdateFactory(project=project, submitted=True, author=lead, progress=85)
    urls = {
        "formulaire": (lead, "/projets/franceconnect-generalisation/mettre-a-jour/"),
        "a-valider": (office, "/projets/a-valider/"),
        "confirmation": (office, f"/projets/a-valider/{update.pk}/valider/"),
        "mes-projets": (lead, "/mes-projets/"),
        "compte": (lead, "/compte/"),
    }
    pages = {}
    for name, (user, url) in urls.items():
        response = client_for(user).get(url)
        assert response.status_code == 200, url
        pages[name] = response.content

    assert vnu_errors(pages, tmp_path) == []
