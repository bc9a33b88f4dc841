"""The comparison of two snapshots as files: the page's summary and figures, read back."""

import csv
import html
import io
import re
from collections import Counter

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from projects.models import Snapshot
from projects.portfolio import Portfolio
from projects.snapshots.comparison import comparison_of
from tests.conftest import SITE_URL, body, client_for

pytestmark = pytest.mark.django_db

A, B = "feuille-de-route-2019", "mise-a-jour-2021"
BASE = f"/instantanes/{A}/comparer/{B}/"


def download(fmt):
    response = client_for(None).get(f"{BASE}export.{fmt}")
    assert response.status_code == 200, response.status_code
    name = f"comparaison-{A}-2019-10-02-{B}-2021-09-14.{fmt}"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    return body(response)


def page_summary() -> str:
    page = client_for(None).get(BASE).text
    assert f"{BASE}export.pdf" in page and f"{BASE}export.csv" in page
    found = re.search(r'<p class="fr-text--lead comparison-summary">(.*?)</p>', page, re.S)
    return " ".join(html.unescape(found.group(1)).split())


def expected_counts() -> Counter:
    c = comparison_of(
        Portfolio.of_snapshot(Snapshot.objects.get(slug=A)),
        Portfolio.of_snapshot(Snapshot.objects.get(slug=B)),
    )
    return Counter(
        {
            "PROJET_ENTRE": len(c.entered),
            "PROJET_SORTI": len(c.left),
            "JALON_REALISE": len(c.delivered),
            "JALON_GLISSE": len(c.slipped),
            "JALON_AJOUTE": len(c.added),
        }
    )


def test_the_comparison_csv_holds_each_move_the_summary_and_the_caveat(programme):
    content = download("csv")

    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["Code du changement", "Changement", "Projet"]
    table = rows[1 : rows.index([])]
    counts = Counter(row[0] for row in table)
    expected = expected_counts()
    assert expected["PROJET_ENTRE"] > 0
    for code, n in expected.items():
        assert counts[code] == n, code
    notes = [row[0] for row in rows[rows.index([]) + 1 :]]
    assert f"Résumé : {page_summary()}" in notes
    assert "Date des données : 14 septembre 2021" in notes
    assert f"Adresse permanente : {SITE_URL}{BASE}" in notes
    assert any(note.startswith("Avertissement : ") and "annoncé" in note for note in notes)


def test_the_comparison_xlsx_has_the_figures_the_moves_and_metadata(programme):
    workbook = load_workbook(io.BytesIO(download("xlsx")))

    assert workbook.sheetnames == ["Résumé", "Changements", "Métadonnées"]
    figures = {row[0]: row[2] for row in workbook["Résumé"].iter_rows(min_row=2, values_only=True)}
    for code, n in expected_counts().items():
        assert figures[code] == n, code
    for sheet in workbook:
        assert sheet.auto_filter.ref.startswith("A1:") and sheet.freeze_panes == "A2"
    metadata = dict(workbook["Métadonnées"].iter_rows(min_row=2, values_only=True))
    assert metadata["Date des données"] == "14 septembre 2021"
    assert metadata["Note"] == f"Résumé : {page_summary()}"


def test_the_comparison_pdf_is_tagged_and_says_what_the_page_says(programme):
    reader = PdfReader(io.BytesIO(download("pdf")))

    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr" and "/StructTreeRoot" in root
    assert reader.metadata.title.startswith("Comparaison : Feuille de route")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert page_summary() in text
    assert "comparaison des instantanés du 2 octobre 2019 et du 14 septembre 2021" in text


def test_an_unpublished_snapshot_or_format_has_no_comparison_file(programme):
    assert client_for(None).get(f"/instantanes/{A}/comparer/inconnu/export.pdf").status_code == 404
    assert client_for(None).get(f"{BASE}export.json").status_code == 404
