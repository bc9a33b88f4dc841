"""Exports are built once per snapshot, format and language — never per Host — in a bounded
queue (issue 15, item 2)."""

import io
import threading
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from projects.exports import cache
from projects.snapshots.services import create_snapshot
from tests.conftest import SITE_URL, body, client_for
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(press):
    ProjectFactory(slug="tchap", name="Tchap")
    return create_snapshot(title="Point presse", taken_on=date(2021, 9, 14), note="", author=press)


def test_fifty_host_ports_build_one_pdf_that_prints_the_site_url(snapshot, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    client = client_for(None)

    answers = [
        client.get(f"/instantanes/{snapshot.slug}/export.pdf", HTTP_HOST=f"localhost:{port}")
        for port in range(8001, 8051)
    ]

    assert {answer.status_code for answer in answers} == {200}
    contents = [body(answer) for answer in answers]
    assert len(set(contents)) == 1
    files = [path for path in Path(settings.EXPORT_CACHE_DIR).rglob("*") if path.is_file()]
    assert [path.suffix for path in files] == [".pdf"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(contents[-1])).pages)
    assert f"{SITE_URL}/instantanes/{snapshot.slug}/" in text.replace("\n", "")
    assert "localhost" not in text


def _blocked_build(release: threading.Event):
    def build() -> bytes:
        release.wait(30)
        return b"fichier"

    return build


def test_a_visitor_cannot_queue_more_than_the_limit(settings, tmp_path):
    settings.EXPORT_QUEUE_PER_VISITOR = 2
    settings.EXPORT_QUEUE_LIMIT = 3
    release = threading.Event()
    paths = [tmp_path / f"export-{n}.xlsx" for n in range(5)]
    try:
        first = [
            cache.obtain(path, _blocked_build(release), wait=0, visitor="203.0.113.9")
            for path in paths[:3]
        ]
        assert first == [None, None, None]
        assert cache.pending() == 2  # the third was refused: no build started for it
        assert (
            cache.obtain(paths[3], _blocked_build(release), wait=0, visitor="198.51.100.7") is None
        )
        assert cache.pending() == 3
        # The queue is full: a new visitor gets « en préparation » without a build either.
        assert cache.obtain(paths[4], _blocked_build(release), wait=0, visitor="192.0.2.1") is None
        assert cache.pending() == 3
    finally:
        release.set()
        for future in list(cache._building.values()):
            future.result(timeout=30)
    assert [path.exists() for path in paths] == [True, True, False, True, False]


def test_past_the_visitor_limit_the_page_says_en_preparation_without_building(snapshot, settings):
    settings.EXPORT_QUEUE_PER_VISITOR = 0  # nothing may start for a visitor

    answer = client_for(None).get(f"/instantanes/{snapshot.slug}/export.xlsx")

    assert answer.status_code == 202 and "en préparation" in answer.text
    assert cache.pending() == 0
    assert not list(Path(settings.EXPORT_CACHE_DIR).rglob("*.xlsx"))
