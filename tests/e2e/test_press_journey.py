"""The press team's journey in headless Chromium: log in, freeze today's portfolio, open its
permanent page, download its report and charts, compare it with the 2021 edition and download
the comparison, download the project list in both CSV flavours, then the press kit. Each file
is read back: its name, the date of its data and the announced vs identified caveat."""

import csv
import hashlib
import io
import re
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from projects import roles
from projects.formats import longdate
from projects.models import Snapshot
from projects.snapshots.immutability import snapshots_unlocked
from tests.e2e.journeys import log_in, main_menu_link
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e

CAVEAT = re.compile(r"\d+ projets annoncés par la DINUM .*\d+ identifiés")


@pytest.fixture
def journey(transactional_db, settings, tmp_path):
    settings.EXPORT_CACHE_DIR = tmp_path / "exports"
    settings.EXPORT_PREPARE_ON_CREATE = True
    call_command("load_programme", stdout=StringIO())
    UserFactory(username="presse-e2e", groups=[roles.PRESS])
    yield
    # A published press snapshot cannot be deleted, not even by the test database's flush:
    # withdraw it through the documented escape hatch.
    with snapshots_unlocked():
        for snapshot in Snapshot.objects.filter(kind="PRESS"):
            snapshot.delete()


def download(page: Page, link) -> tuple[str, bytes]:
    # A first download may wait for its build (the server answers when the file is ready, up to
    # EXPORT_WAIT_SECONDS), beside the press kit started by the freeze.
    with page.expect_download(timeout=120_000) as download_info:
        link.click(timeout=120_000)
    download = download_info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def one_line(text: str) -> str:
    return " ".join(text.split())


def pdf_text(content: bytes) -> str:
    return one_line(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def excel_rows(content: bytes) -> tuple[list[list[str]], list[str]]:
    """The table and the notes under it, as French Excel reads the file."""
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    blank = rows.index([])
    return rows[:blank], [row[0] for row in rows[blank + 1 :]]


def test_press_freezes_downloads_compares_and_publishes(page: Page, journey):
    today = timezone.localdate()
    day, long_day = today.isoformat(), longdate(today)
    log_in(page, "presse-e2e")
    main_menu_link(page, "Instantanés").click()
    page.get_by_label("Titre").fill("Point presse de bout en bout")
    page.get_by_role("button", name="Figer et publier l'instantané").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Point presse de bout en bout")
    permalink = page.url
    snapshot = Snapshot.objects.get(kind="PRESS")
    assert permalink.endswith(f"/instantanes/{snapshot.slug}/")
    assert day in snapshot.slug

    # The report.
    name, content = download(page, page.get_by_role("link", name="Rapport (PDF)"))
    assert name == f"{snapshot.slug}.pdf"
    text = pdf_text(content)
    assert f"Le portefeuille tel qu'il était publié le {long_day}" in text
    assert CAVEAT.search(text)
    assert PdfReader(io.BytesIO(content)).trailer["/Root"]["/Lang"] == "fr"

    # A chart, as PNG and SVG.
    title = "Projets par phase de maturité et par mission"
    name, content = download(page, page.get_by_role("link", name=f"Image : {title} (PNG)"))
    assert name == f"{snapshot.slug}-pipeline.png"
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    name, content = download(page, page.get_by_role("link", name=f"Image : {title} (SVG)"))
    assert name == f"{snapshot.slug}-pipeline.svg"
    svg = ElementTree.fromstring(content)
    texts = one_line(" ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")))
    assert f"Données au {long_day}" in texts
    assert f"Source : DINUM, programme TECH.GOUV — tableau de bord, instantané du {long_day}" in (
        texts
    )
    assert CAVEAT.search(texts)

    # The comparison with the 2021 edition, as files.
    page.get_by_label("Comparer cet instantané avec").select_option("mise-a-jour-2021")
    page.get_by_role("button", name="Comparer", exact=True).click()
    expect(page).to_have_url(f"{permalink}comparer/mise-a-jour-2021/")
    summary = one_line(page.locator(".comparison-summary").inner_text())
    assert summary.startswith("Au ")
    base = f"comparaison-{snapshot.slug}-mise-a-jour-2021-2021-09-14"
    name, content = download(page, page.get_by_role("link", name="Comparaison (PDF)"))
    assert name == f"{base}.pdf"
    text = pdf_text(content)
    assert summary in text and CAVEAT.search(text)
    name, content = download(page, page.get_by_role("link", name="Comparaison, tableur Excel FR"))
    assert name == f"{base}.csv"
    table, notes = excel_rows(content)
    assert table[0][:2] == ["Code du changement", "Changement"]
    assert f"Date des données : {long_day}" in notes and f"Résumé : {summary}" in notes
    assert any(CAVEAT.search(note) for note in notes)
    name, content = download(page, page.get_by_role("link", name="Comparaison (XLSX)"))
    assert name == f"{base}.xlsx"
    metadata = dict(load_workbook(io.BytesIO(content))["Métadonnées"].iter_rows(values_only=True))
    assert metadata["Date des données"] == long_day and CAVEAT.search(metadata["Avertissement"])

    # The project list of one mission, in both CSV flavours.
    page.goto("/projets/?mission=IDNUM")
    name, content = download(page, page.get_by_role("link", name="Télécharger : Tableur Excel"))
    assert name == f"projets-tech-gouv-{day}-mission-idnum-excel-fr.csv"
    table, notes = excel_rows(content)
    assert table[0][:2] == ["Projet", "Mission"] and {row[1] for row in table[1:]} == {"IDNUM"}
    assert f"Date des données : {long_day}" in notes
    assert any(CAVEAT.search(note) for note in notes)
    link = page.get_by_role("link", name="Télécharger : Données ouvertes (CSV)")
    name, content = download(page, link)
    assert name == f"projets-tech-gouv-{day}-mission-idnum.csv"
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert {row["date_donnees"] for row in rows} == {day} and {r["mission"] for r in rows} == {
        "IDNUM"
    }
    described = page.request.get("/projets/?mission=IDNUM&export=datapackage").json()
    assert described["date_donnees"] == day and CAVEAT.search(described["avertissement"])

    # The press kit, built in the background since the freeze.
    page.goto(permalink)
    name, content = download(page, page.get_by_role("link", name="Dossier de presse (ZIP)"))
    assert name == f"{snapshot.slug}.zip"
    kit = zipfile.ZipFile(io.BytesIO(content))
    assert kit.testzip() is None
    prefix = f"{snapshot.slug}/"
    for line in kit.read(prefix + "SHA256SUMS").decode().splitlines():
        digest, member = line.split("  ", 1)
        assert hashlib.sha256(kit.read(prefix + member)).hexdigest() == digest
    assert prefix + f"{snapshot.slug}.pdf" in kit.namelist()
    assert CAVEAT.search(one_line(kit.read(prefix + "README.txt").decode()))


@pytest.fixture
def newspaper(live_server):
    """Another site on this machine (its own origin, 127.0.0.1 and another port) whose article
    frames the embed page and the dashboard."""
    frames = {
        "embed": f"{live_server.url}/instantanes/mise-a-jour-2021/integrer/pipeline/",
        "dashboard": f"{live_server.url}/",
    }
    article = (
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>Article</title>"
        "</head><body><h1>Un article de presse</h1>"
        + "".join(
            f'<iframe name="{name}" src="{url}" width="900" height="700"></iframe>'
            for name, url in frames.items()
        )
        + "</body></html>"
    ).encode()

    class Article(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(article)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Article)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/article"
    server.shutdown()
    server.server_close()


def test_an_embed_page_renders_in_another_sites_iframe_and_the_dashboard_does_not(
    page: Page, journey, newspaper
):
    page.goto(newspaper)

    chart = page.frame_locator("iframe[name=embed]")
    expect(chart.get_by_role("heading", level=1)).to_have_text(
        "Projets par phase de maturité et par mission"
    )
    expect(chart.locator(".chart__graph .main-svg").first).to_be_visible(timeout=20_000)
    expect(chart.get_by_text("Source : DINUM, programme TECH.GOUV")).to_be_visible()
    page.wait_for_load_state("load")
    dashboard = page.frame(name="dashboard")
    # Chromium refuses the framed dashboard (X-Frame-Options: DENY, frame-ancestors 'none'):
    # the frame shows the browser's error page, never the site.
    assert dashboard.url.startswith("chrome-error://")
    assert "ERR_BLOCKED_BY_RESPONSE" in dashboard.content()
