"""Every page and every export, read by each role, over a world whose every text is hostile:
XSS attempts are shown as text, spreadsheet cells cannot start a formula, and internal notes
(`StatusUpdate.risks`) never reach a visitor or the press.

The HTML guard of tests/conftest.py also fails any test-client page holding a live <script> or
`on…=` handler, which is what an unescaped payload would be.
"""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from tests.conftest import body, client_for
from tests.ops.conftest import (
    INTERNAL,
    SLOW_SUFFIXES,
    XSS,
    site_url,
    site_url_names,
)

FORMULA_STARTS = ("=", "+", "-", "@")
READ_URLS = [name for name in site_url_names() if name not in ("logout", "admin:logout")]
EXPORTS = ["csv", "xlsx", "json"]


def pages_for(world, who):
    client = client_for(world["users"][who])
    for url_name in READ_URLS:
        path = site_url(url_name, world)
        if path.endswith(SLOW_SUFFIXES):
            continue
        yield path, _read(client.get(path))
    for fmt in EXPORTS:
        path = f"/instantanes/{world['snapshot'].slug}/export.{fmt}"
        yield path, _read(client.get(path))


def _read(response):
    body(response)  # a file response is read and closed at once
    return response


def _cells_of(response, body: bytes) -> list[str]:
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/csv"):
        text = body.decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
        return [cell for row in csv.reader(io.StringIO(text), dialect) for cell in row]
    if "spreadsheetml" in content_type:
        workbook = load_workbook(io.BytesIO(body))
        return [
            cell.value
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, str) or cell.data_type == "f"
        ]
    return []


@pytest.mark.parametrize("who", ["visitor", "lead", "press", "office"])
def test_xss_attempts_are_shown_as_text_on_every_page(world, who):
    for path, response in pages_for(world, who):
        assert response.status_code in (200, 302, 403, 404, 405), (path, response.status_code)
        if response.get("Content-Type", "").startswith("text/html"):
            page = body(response).decode()
            assert XSS not in page, f"{path} shows the payload unescaped"
            assert "<img src=x" not in page, path


@pytest.mark.parametrize("who", ["visitor", "office"])
def test_spreadsheet_exports_never_start_a_cell_with_a_formula(world, who):
    checked = 0
    for path, response in pages_for(world, who):
        if response.status_code != 200:
            continue
        for cell in _cells_of(response, body(response)):
            assert not str(cell).startswith(FORMULA_STARTS), f"{path}: cell {cell!r}"
            checked += 1
    assert checked, "no spreadsheet export was read"


def test_json_exports_keep_the_text_as_data(world):
    response = client_for(None).get(f"/instantanes/{world['snapshot'].slug}/export.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert XSS in json.dumps(json.loads(body(response)), ensure_ascii=False)


@pytest.mark.parametrize("who", ["visitor", "press"])
def test_no_page_or_export_reveals_internal_notes_to_a_visitor_or_the_press(world, who):
    for path, response in pages_for(world, who):
        assert INTERNAL.encode() not in body(response), f"{path} shows internal notes"


def test_the_internal_marker_is_seen_by_the_lead_and_the_office(world):
    """The control: the marker is on the pages where the table says it must be."""
    for who in ("lead", "office"):
        page = client_for(world["users"][who]).get(world["project"].get_absolute_url())
        assert INTERNAL in page.content.decode()
