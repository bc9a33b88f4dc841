"""The dashboard in a real browser: charts drawn, a chart switched to its table, the project
table filtered by mission."""

import re

import pytest
from playwright.sync_api import Page, expect

from projects.models import Project

pytestmark = pytest.mark.e2e


def test_dashboard_draws_its_charts_and_switches_one_to_its_table(
    live_server,
    page: Page,
    programme,
):
    page.goto(live_server.url + "/")

    expect(page.locator(".chart__graph svg.main-svg").first).to_be_attached()
    chart = page.locator("figure.chart.chart--drawn").first
    graph, table = chart.locator(".chart__graph"), chart.locator(".chart__table")
    expect(graph).to_be_visible()
    expect(table).to_be_hidden()

    chart.locator(".chart__switch label", has_text="Tableau").click()

    expect(table).to_be_visible()
    expect(table.locator("tbody tr").first).to_be_visible()
    expect(graph).to_be_hidden()


def test_project_table_filters_by_mission(live_server, page: Page, programme):
    idnum = sorted(
        p.display_name for p in Project.objects.in_portfolio().filter(mission__code="IDNUM")
    )
    page.goto(live_server.url + "/projets/")
    rows = page.locator("table.project-table tbody tr")
    expect(rows).to_have_count(Project.objects.in_portfolio().count())

    page.get_by_label("Mission").select_option("IDNUM")
    page.get_by_role("button", name="Filtrer").click()

    expect(page).to_have_url(re.compile(r"/projets/\?.*mission=IDNUM"))
    expect(rows).to_have_count(len(idnum))
    expect(rows.locator("td:first-child")).to_have_text(["IDNUM"] * len(idnum))
    names = rows.locator("td:nth-child(2) a").all_inner_texts()
    assert sorted(names) == idnum
