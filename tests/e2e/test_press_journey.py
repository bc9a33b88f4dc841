"""The press team's journey in headless Chromium: log in, freeze today's portfolio, open its
permanent page, compare it with the 2021 edition, download the press kit."""

import hashlib
import io
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from projects import roles
from projects.models import Snapshot
from projects.snapshots.immutability import snapshots_unlocked
from tests.e2e.journeys import log_in, main_menu_link
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e


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


def test_press_freezes_compares_and_downloads_the_press_kit(page: Page, journey):
    log_in(page, "presse-e2e")
    main_menu_link(page, "Instantanés").click()
    page.get_by_label("Titre").fill("Point presse de bout en bout")
    page.get_by_role("button", name="Figer et publier l'instantané").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Point presse de bout en bout")
    expect(
        page.get_by_text("Instantané figé : le portefeuille tel qu'il était publié le")
    ).to_be_visible()
    permalink = page.url
    snapshot = Snapshot.objects.get(kind="PRESS")
    assert permalink.endswith(f"/instantanes/{snapshot.slug}/")

    page.get_by_label("Comparer cet instantané avec").select_option("mise-a-jour-2021")
    page.get_by_role("button", name="Comparer", exact=True).click()
    expect(page).to_have_url(f"{permalink}comparer/mise-a-jour-2021/")
    expect(page.locator(".comparison-summary")).to_contain_text("Entre le")

    page.goto(permalink)
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("link", name="Dossier de presse (ZIP)").click()
    download = download_info.value
    assert download.suggested_filename == f"{snapshot.slug}.zip"
    kit = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    assert kit.testzip() is None
    prefix = f"{snapshot.slug}/"
    for line in kit.read(prefix + "SHA256SUMS").decode().splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(kit.read(prefix + name)).hexdigest() == digest
    assert prefix + f"{snapshot.slug}.pdf" in kit.namelist()
