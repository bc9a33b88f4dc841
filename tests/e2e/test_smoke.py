"""The browser chain works: Debian's Chromium, driven by Playwright, against the live server."""

import re

import pytest
from playwright.sync_api import Page, Response, expect

pytestmark = pytest.mark.e2e

STYLESHEET = re.compile(r"/static/(admin/css|dsfr)/")


def test_admin_login_page_shows_its_form_with_its_stylesheets(live_server, page: Page):
    stylesheets: list[Response] = []

    def record(response: Response) -> None:
        if response.request.resource_type == "stylesheet":
            stylesheets.append(response)

    page.on("response", record)

    response = page.goto(live_server.url + "/admin/login/")

    assert response is not None and response.status == 200
    expect(page.locator("#login-form")).to_be_visible()
    expect(page.locator("input[name=username]")).to_be_visible()
    expect(page.locator("input[name=password]")).to_be_visible()
    loaded = [sheet.url for sheet in stylesheets if sheet.status == 200]
    assert any(STYLESHEET.search(url) for url in loaded), [
        (sheet.url, sheet.status) for sheet in stylesheets
    ]
    # The browser kept and parsed them (a failed integrity check would drop the sheet).
    rules = page.evaluate(
        """() => Array.from(document.styleSheets)
            .filter((sheet) => sheet.href && sheet.href.includes("/static/"))
            .map((sheet) => sheet.cssRules.length)"""
    )
    assert rules and all(count > 0 for count in rules), rules
