"""Under the strict Content Security Policy, in Chromium: the charts draw, the DSFR and plotly
styles apply, and the browser reports no violation (plotly.js injects no <style>)."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

PAGES = ["/", "/projets/franceconnect-generalisation/", "/missions/idnum/"]


@pytest.mark.parametrize("path", PAGES)
def test_charts_draw_under_the_csp_without_any_violation(
    live_server,
    page: Page,
    programme,
    path,
):
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    response = page.goto(live_server.url + path)
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    charts = page.locator(".chart__graph[data-figure]")
    expect(page.locator(".chart--drawn")).to_have_count(charts.count())
    page.locator(".chart__graph").first.hover()  # static charts: no mode bar appears
    expect(page.locator(".modebar-btn")).to_have_count(0)
    expect(page.locator(".chart__graph .main-svg").first).to_have_css("position", "absolute")
    # plotly.js found its stylesheet (static/techgouv/plotly.css) and injected nothing.
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    # DSFR's stylesheet and script are applied (its script marks the page as started).
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    violations = [m for m in messages if "Content Security Policy" in m or "CSP" in m]
    assert violations == []
