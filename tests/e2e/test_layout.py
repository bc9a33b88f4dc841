"""Pages that read well at every width and in both languages (issue 13), in Debian's Chromium:
at 1440, 1280, 390 and 320 px, in French and English, nothing scrolls sideways, no text is
clipped, axe finds nothing, and every table shows its first row whole: on wide screens as a row
inside its box (no horizontal scrolling to reach the status columns), under 576 px as a card
whose every value is visible and names its column. The README's screenshots are taken here too
(`UPDATE_SCREENSHOTS=1` writes them to docs/)."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import PAGES as EVERY_PAGE
from tests.e2e.test_accessibility import violations_of

pytestmark = pytest.mark.e2e

PAGES = [
    "/",
    "/missions/idnum/",
    "/projets/",
    "/projets/?date=2021-09-14",  # next milestones named: the widest /projets/ of the programme
    "/projets/franceconnect-generalisation/",
    "/instantanes/mise-a-jour-2021/",
    "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/",
]
WIDTHS = [1440, 1280, 390, 320]
PHONE = 576  # below this width (DSFR's sm breakpoint) table rows are cards
DOCS = Path(settings.BASE_DIR) / "docs"
SCREENSHOT_LIMIT = 400_000  # bytes: small enough to keep in the repository

# Chart labels and the cells of the tables on show: clipped (their text wider than their box)
# or out of the viewport. Hidden elements are skipped here (a chart's table behind its switch,
# the header row phones keep for screen readers); TABLE_PROBLEMS checks every table's cells.
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

# What runs past the right edge of the page (to say why it scrolls sideways).
PAST_THE_EDGE = """() => Array.from(document.querySelectorAll('body *'))
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 3).map((el) => `${el.tagName}.${el.className}`)"""

# Every table of the page (charts' tables too, once SHOW_CHART_TABLES has run): each
# cell of its first row must have a box inside the viewport that is really on show (the browser
# finds the cell at its centre: not hidden, covered or scrolled out of its table's box) and
# whose text is not cut. On phones the row is a card and each cell shows its column's name (the
# ::before label, compared with the header's text); on wide screens the row is a table row and
# the table fits its box, so nothing needs horizontal scrolling.
TABLE_PROBLEMS = r"""(phone) => {
  const width = document.documentElement.clientWidth;
  const words = (text) => (text || '').replace(/\s+/g, ' ').trim();
  const problems = [];
  const tables = Array.from(document.querySelectorAll('main table'));
  tables.forEach((table, index) => {
    const name = words(table.caption ? table.caption.textContent : 'table ' + index).slice(0, 40);
    const headers = Array.from(table.querySelectorAll('thead tr:last-child th')).map((th) => {
      const copy = th.cloneNode(true);
      copy.querySelectorAll('.fr-sr-only').forEach((hidden) => hidden.remove());
      return words(copy.textContent);
    });
    const row = table.querySelector('tbody tr');
    if (!row) { problems.push(name + ': no row'); return; }
    const display = getComputedStyle(row).display;
    if (phone && display !== 'block') problems.push(name + ': row shown as ' + display);
    if (!phone && display !== 'table-row') problems.push(name + ': row shown as ' + display);
    const box = table.closest('.fr-table__container');
    if (box && box.scrollWidth > box.clientWidth + 1) {
      problems.push(`${name}: scrolls sideways (${box.scrollWidth} > ${box.clientWidth})`);
    }
    const message = row.children.length === 1 && row.children[0].colSpan > 1;
    let column = 0;
    Array.from(row.children).forEach((cell) => {
      const header = headers[column];
      column += cell.colSpan || 1;
      const what = name + ' / ' + (header || '?') + ': ';
      const top = cell.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, Math.max(0, top - 100));
      const rect = cell.getBoundingClientRect();
      if (rect.width < 1 || rect.height < 1) { problems.push(what + 'no box'); return; }
      if (rect.left < -1 || rect.right > width + 1) {
        const span = `${Math.round(rect.left)}–${Math.round(rect.right)}`;
        problems.push(`${what}outside the viewport (${span})`);
        return;
      }
      const x = rect.left + Math.min(rect.width / 2, 20);
      const y = rect.top + Math.min(rect.height / 2, 12);
      const found = document.elementFromPoint(x, y);
      if (!found || !cell.contains(found)) {
        const there = found ? `${found.tagName}.${found.className}` : 'nothing';
        problems.push(`${what}not on show (${there} is there)`);
      }
      if (cell.scrollWidth > cell.clientWidth + 1) problems.push(what + 'text cut');
      if (!words(cell.textContent)) problems.push(what + 'empty');
      if (!phone || message) return;
      const before = getComputedStyle(cell, '::before');
      const label = JSON.stringify(cell.dataset.label || '');
      const content = before.content.replace(/attr\(data-label\)/, label);
      const shown = before.display === 'none' ? '' : words(
        (content.match(/"((?:[^"\\]|\\.)*)"/g) || []).map((part) => JSON.parse(part)).join('')
      );
      if (!header || shown.replace(/\s*:$/, '') !== header) {
        problems.push(what + 'label « ' + shown + ' » instead of its column « ' + header + ' »');
      }
    });
  });
  window.scrollTo(0, 0);
  return {tables: tables.length, problems: problems};
}"""


# The charts' tables in sight, as a reader who clicks « Tableau » sees them (the DSFR places a
# table's caption from the next frame on).
SHOW_CHART_TABLES = """() => {
  document.querySelectorAll('.chart__switch input[value="tableau"]').forEach((input) => {
    input.checked = true;
  });
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def in_language(page: Page, language: str) -> None:
    page.goto(f"/langue/?langue={language}&suivant=/")


def settled(page: Page) -> None:
    """Every chart drawn (or, too narrow, left to its table) and web fonts loaded, so that
    widths are final."""
    waiting = page.locator(".chart:has(.chart__graph):not(.chart--drawn):not(.chart--no-graph)")
    expect(waiting).to_have_count(0)
    page.evaluate("() => document.fonts.ready.then(() => true)")


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
        settled(page)
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        problems = page.evaluate(LAYOUT_PROBLEMS)
        if scroll > width:
            problems.append(f"page {scroll} px wide: {page.evaluate(PAST_THE_EDGE)}")
        problems += violations_of(axe, page)
        page.evaluate(SHOW_CHART_TABLES)
        tables = page.evaluate(TABLE_PROBLEMS, width < PHONE)
        if tables["tables"] == 0:
            problems.append("no table found")
        problems += tables["problems"]
        if problems:
            found[url] = problems[:8]
    assert found == {}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_page_scrolls_sideways_at_320_px(live_server, page: Page, programme, language):
    page.set_viewport_size({"width": 320, "height": 844})
    in_language(page, language)
    wide = {}
    for url in EVERY_PAGE:
        page.goto(url)
        settled(page)
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll > 320:
            wide[url] = scroll
    assert wide == {}


@pytest.mark.parametrize("width", [390, 320])
def test_phone_tables_are_cards_with_their_column_names(live_server, page: Page, programme, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto("/projets/")
    first = page.locator("table.project-table tbody tr").first
    expect(first).to_have_css("display", "block")
    meteo = first.locator("td[data-label='Météo']")
    meteo.scroll_into_view_if_needed()
    expect(meteo).to_be_in_viewport(ratio=1)
    # The sort links stay on show above the cards.
    sort = page.locator("table.project-table thead a", has_text="Glissement maximal")
    sort.scroll_into_view_if_needed()
    expect(sort).to_be_in_viewport(ratio=1)
    # The date picker is in the mobile menu, not squeezed beside the logo.
    expect(page.locator("#date-portefeuille")).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(page.locator("#date-portefeuille-menu")).to_be_visible()


def test_phone_cards_need_no_javascript(live_server, new_context, programme):
    page = new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False).new_page()
    for url in ["/projets/", "/projets/franceconnect-generalisation/"]:
        page.goto(url)
        tables = page.evaluate(TABLE_PROBLEMS, True)

        assert tables["tables"] > 0, url
        assert tables["problems"] == [], url


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
    settled(page)
    target = DOCS if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path
    target.mkdir(exist_ok=True)
    path = target / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)

    assert 0 < path.stat().st_size <= SCREENSHOT_LIMIT
