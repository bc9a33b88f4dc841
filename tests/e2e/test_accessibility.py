"""Every page type passes axe-core with no violation, in Debian's Chromium.

axe-core comes from the axe-playwright-python wheel (our own files, no network).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from projects import roles
from projects.enums import Phase
from projects.models import Project
from tests.e2e.journeys import log_in
from tests.factories import StatusUpdateFactory, UserFactory

pytestmark = pytest.mark.e2e

PAGES = [
    "/",
    "/?date=2019-10-02",
    "/missions/",
    "/missions/idnum/",
    "/projets/",
    "/projets/franceconnect-generalisation/",
    "/projets/numerique-ecoresponsable/",
    "/instantanes/",
    "/instantanes/feuille-de-route-2019/",
    "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/",
    "/instantanes/comparer/?du=2020-01-01&au=2021-09-14",
    "/compte/connexion/",
    "/accessibilite/",
    "/plan-du-site/",
    "/mentions-legales/",
    "/page-qui-n-existe-pas/",
]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def violations_of(axe: Axe, page: Page) -> list[str]:
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("url", PAGES)
def test_page_has_no_axe_violation(live_server, page: Page, programme, axe, url):
    response = page.goto(live_server.url + url)
    assert response.status == (404 if "n-existe-pas" in url else 200), url
    expect(page.locator("h1")).to_have_count(1)
    if page.locator(".chart__graph").count():
        expect(page.locator(".chart--drawn").first).to_be_visible()

    assert violations_of(axe, page) == []


def test_chart_tables_pass_axe_too(live_server, page: Page, programme, axe):
    page.goto(live_server.url + "/")
    for label in page.locator(".chart__switch label", has_text="Tableau").all():
        label.click()

    assert violations_of(axe, page) == []


SIGNED_IN_PAGES = [
    ("bureau-axe", "/projets/franceconnect-generalisation/mettre-a-jour/"),
    ("bureau-axe", "/projets/a-valider/"),
    ("bureau-axe", "/projets/a-valider/{pending}/valider/"),
    ("bureau-axe", "/projets/franceconnect-generalisation/"),
    ("cheffe-axe", "/mes-projets/"),
    ("cheffe-axe", "/compte/"),
]


@pytest.mark.parametrize(("username", "url"), SIGNED_IN_PAGES)
def test_signed_in_pages_have_no_axe_violation(
    live_server, page: Page, programme, axe, username, url
):
    """The pages of the update loop, with an update waiting for validation (the queue shows
    its diff and warnings, the project page its pending callout)."""
    UserFactory(username="bureau-axe", groups=[roles.PROGRAMME_OFFICE])
    lead = UserFactory(username="cheffe-axe", groups=[roles.PROJECT_LEAD])
    project = Project.objects.get(slug="franceconnect-generalisation")
    project.leads.add(lead)
    pending = StatusUpdateFactory(
        project=project, submitted=True, author=lead, phase=Phase.ACHEVE, progress=80
    )
    log_in(page, username)

    response = page.goto(url.format(pending=pending.pk))

    assert response.status == 200
    expect(page.locator("h1")).to_have_count(1)
    assert violations_of(axe, page) == []


def test_the_refusal_page_has_no_axe_violation(live_server, page: Page, programme, axe):
    UserFactory(username="presse-axe", groups=[roles.PRESS])
    log_in(page, "presse-axe")

    response = page.goto("/projets/franceconnect-generalisation/mettre-a-jour/")

    assert response.status == 403
    expect(page.locator("h1")).to_have_count(1)
    assert violations_of(axe, page) == []
