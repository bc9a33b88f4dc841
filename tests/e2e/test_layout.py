"""Pages that read well at every width and in both languages (issue 13), in Debian's Chromium:
at 1440 and 390 px, in French and English, nothing scrolls sideways, every table cell (status
columns first) lies inside the viewport, no text is clipped, and axe finds nothing. The README's
screenshots are taken here too (`UPDATE_SCREENSHOTS=1` writes them to docs/)."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import violations_of

pytestmark = pytest.mark.e2e

PAGES = [
    "/",
    "/missions/idnum/",
    "/projets/",
    "/projets/franceconnect-generalisation/",
    "/instantanes/mise-a-jour-2021/",
    "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/",
]
WIDTHS = [1440, 390]
DOCS = Path(settings.BASE_DIR) / "docs"
SCREENSHOT_LIMIT = 400_000  # bytes: small enough to keep in the repository

# Visible table cells and chart labels: clipped (their text wider than their box) or out of the
# viewport. Visually hidden headers (phones' cards keep them for screen readers) are skipped.
LAYOUT_PROBLEMS = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) return false;
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
      if (style.position === 'absolute' && node.getBoundingClientRect().width <= 1) return false;
    }
    return true;
  };
  document.querySelectorAll('main td, main th, .chart__graph svg text').forEach((el) => {
    if (!shown(el)) return;
    const box = el.getBoundingClientRect();
    const text = (el.textContent || '').trim().slice(0, 50);
    const clipped = el.tagName !== 'text' && el.scrollWidth > el.clientWidth + 1;
    if (clipped) problems.push('clipped: ' + text);
    if (box.right > width + 1 || box.left < -1) problems.push('outside: ' + text);
  });
  return problems;
}"""


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def in_language(page: Page, language: str) -> None:
    page.goto(f"/langue/?langue={language}&suivant=/")


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_the_screen(live_server, page: Page, programme, axe, width, language):
    page.set_viewport_size({"width": width, "height": 900})
    in_language(page, language)
    found = {}
    for url in PAGES:
        response = page.goto(url)
        assert response.status == 200, url
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("html.tables-js")).to_have_count(1)
        if page.locator(".chart__graph").count():
            expect(page.locator(".chart--drawn").first).to_be_attached()
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        problems = page.evaluate(LAYOUT_PROBLEMS)
        if scroll > width:
            problems.append(f"page {scroll} px wide")
        problems += violations_of(axe, page)
        if problems:
            found[url] = problems[:5]
    assert found == {}


def test_phone_tables_are_cards_with_their_column_names(live_server, page: Page, programme):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/projets/")
    first = page.locator("table.project-table tbody tr").first
    expect(first).to_have_css("display", "block")
    expect(first.locator("td[data-label='Météo']")).to_be_visible()
    # The date picker is in the mobile menu, not squeezed beside the logo.
    expect(page.locator("#date-portefeuille")).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(page.locator("#date-portefeuille-menu")).to_be_visible()


@pytest.mark.parametrize(
    ("name", "url", "width"),
    [
        ("tableau-de-bord", "/", 1440),
        ("page-projet", "/projets/franceconnect-generalisation/", 1440),
        ("telephone", "/projets/", 390),
    ],
)
def test_readme_screenshots(live_server, page: Page, programme, tmp_path, name, url, width):
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
    page.goto(url)
    if page.locator(".chart__graph").count():
        expect(page.locator(".chart--drawn").first).to_be_attached()
    target = DOCS if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path
    target.mkdir(exist_ok=True)
    path = target / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)

    assert 0 < path.stat().st_size <= SCREENSHOT_LIMIT
