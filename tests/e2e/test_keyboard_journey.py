"""A reader who uses only the keyboard: skip link, date picker, chart/table switch, main menu,
filters, a project. Every element reached shows where the focus is."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from projects.models import Project
from tests.factories import StatusUpdateFactory

pytestmark = pytest.mark.e2e

TAB_LIMIT = 400

FOCUS_IS_VISIBLE = """() => {
  const element = document.activeElement;
  const box = element.getBoundingClientRect();
  // DSFR hides radios and checkboxes behind their label, which carries the focus ring.
  const shown = element.matches('input[type=radio], input[type=checkbox]')
    ? document.querySelector(`label[for="${element.id}"]`)
    : element;
  const ring = getComputedStyle(shown, element === shown ? null : '::before');
  const own = getComputedStyle(element);
  return (box.width > 0 || shown.getBoundingClientRect().width > 0)
    && own.visibility !== 'hidden'
    && (own.outlineStyle !== 'none' || ring.outlineStyle !== 'none'
        || getComputedStyle(shown).outlineStyle !== 'none');
}"""


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the focus is on `selector`; fail if it never gets there."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            assert page.evaluate(FOCUS_IS_VISIBLE), f"the focus on {selector} is not visible"
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_a_keyboard_user_reads_the_programme(live_server, page: Page, programme, step):
    # A project that reports through the dashboard: its passed targets without news are late.
    StatusUpdateFactory(
        project=Project.objects.get(slug="franceconnect-generalisation"),
        as_of=timezone.localdate() - timedelta(days=100),
    )
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Contenu", exact=True)
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#contenu$"))
    step("lien-d-evitement")

    page.goto("/")
    tab_to(page, "#date-portefeuille")
    # Headless Chromium lays the date field out in its own UI language's order (mm/dd/yyyy),
    # whatever the page's language: a French browser takes 02102019.
    page.keyboard.type("10022019")
    expect(page.locator("#date-portefeuille")).to_have_value("2019-10-02")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?date=2019-10-02$"))
    expect(page.locator(".time-travel-banner")).to_contain_text("2 octobre 2019")
    step("date")

    first_chart = page.locator("figure.chart").filter(has=page.locator(".chart__graph")).first
    chart_id = first_chart.get_attribute("id")
    tab_to(page, f"#{chart_id}-vue-graphique")
    page.keyboard.press("ArrowRight")
    expect(page.locator(f"#{chart_id}-vue-tableau")).to_be_checked()
    expect(first_chart.locator(".chart__table table")).to_be_visible()
    expect(first_chart.locator(".chart__graph")).to_be_hidden()
    step("tableau-du-graphique")

    tab_to(page, "#navigation-principale a[href^='/projets/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/projets/\?date=2019-10-02$"))
    tab_to(page, ".time-travel-banner a")  # « Revenir à aujourd'hui »: no milestone was late then
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/projets/$"))
    tab_to(page, "input[name=late]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=late]")).to_be_checked()
    tab_to(page, "form.project-filters button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"late=on"))
    rows = page.locator("table.project-table tbody tr")
    expect(rows.first).to_be_visible()
    step("filtres")

    tab_to(page, "table.project-table tbody a")
    name = page.evaluate("() => document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    step("projet")


TAB_BUDGET = 40


def test_the_first_project_row_is_at_most_40_tab_presses_from_the_top(
    live_server, page: Page, programme
):
    """From the top of `/`: Tab to the in-page link « Les projets, mission par mission »,
    Enter, then Tab to the first project: no chart toolbar on the way (issue 13)."""
    page.goto("/")
    expect(page.locator(".chart--drawn").first).to_be_attached()
    presses = 0
    skip = page.get_by_role("link", name="Les projets, mission par mission", exact=True)
    while not page.evaluate("(s) => document.activeElement.matches(s)", "a[href='#missions']"):
        page.keyboard.press("Tab")
        presses += 1
        assert presses <= TAB_BUDGET, "the in-page link to the projects is too far"
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    while not page.evaluate(
        "() => !!document.activeElement.closest('section[aria-labelledby=missions] tbody')"
    ):
        page.keyboard.press("Tab")
        presses += 1
        assert presses <= TAB_BUDGET, f"{presses} Tab presses and still no project row"
    assert page.evaluate(FOCUS_IS_VISIBLE)
    assert presses <= TAB_BUDGET


def test_charts_add_no_toolbar_to_the_tab_order(live_server, page: Page, programme):
    page.goto("/")
    expect(page.locator(".chart--drawn").first).to_be_attached()

    assert page.locator(".modebar, .modebar-btn").count() == 0
