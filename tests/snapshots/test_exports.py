"""Every export of a snapshot, opened with a real reader and checked against the database."""

import csv
import hashlib
import io
import json
import struct
import zipfile
from datetime import date

import django_tables2 as tables
import pytest
from frictionless import Resource, Schema, validate
from openpyxl import load_workbook
from pypdf import PdfReader

from projects.enums import Meteo, Phase
from projects.exports import cache
from projects.exports.tables import SafeTableExport
from projects.models import SnapshotEntry
from projects.snapshots.services import create_snapshot
from tests.conftest import body, client_for
from tests.factories import MilestoneFactory, ProjectFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(press):
    formula = ProjectFactory(slug="formule", name='=HYPERLINK("http://x")', summary="@SUM(A1)")
    plain = ProjectFactory(slug="tchap", name="Tchap", summary="Messagerie de l'État.")
    StatusUpdateFactory(
        project=plain,
        as_of=date(2021, 5, 31),
        meteo=Meteo.SOLEIL,
        phase=Phase.DEPLOIEMENT,
        progress=75,
        summary="Déploiement en cours.",
        risks="RISQUE-INTERNE",
    )
    StatusUpdateFactory(project=formula, as_of=date(2021, 4, 1), meteo=Meteo.NUAGE, progress=None)
    MilestoneFactory(project=plain, title="Généralisation", baseline_on=date(2021, 12, 31))
    MilestoneFactory(project=plain, title="Pilote", baseline_on=date(2020, 12, 31))
    return create_snapshot(
        title="Point presse", taken_on=date(2021, 9, 14), note="Conférence.", author=press
    )


def export(snapshot, fmt, query=""):
    response = client_for(None).get(f"/instantanes/{snapshot.slug}/export.{fmt}{query}")
    assert response.status_code == 200, response.status_code
    return response, body(response)


def test_open_data_csv_validates_against_the_published_schema(snapshot, tmp_path):
    response, content = export(snapshot, "csv")
    schema = client_for(None).get("/donnees/schema.json").json()

    (tmp_path / "instantane.csv").write_bytes(content)
    report = validate(
        Resource(
            path="instantane.csv", basepath=str(tmp_path), schema=Schema.from_descriptor(schema)
        )
    )

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert not content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    entries = SnapshotEntry.objects.filter(snapshot=snapshot)
    assert {row["projet"] for row in rows} == {e.project.slug for e in entries}
    tchap = next(row for row in rows if row["projet"] == "tchap")
    assert tchap | {"resume": ""} == tchap | {
        "date_instantane": "2021-09-14",
        "meteo": "SOLEIL",
        "phase": "DEPLOIEMENT",
        "avancement": "75",
        "date_dernier_point": "2021-05-31",
        "jalons": "2",
        "jalons_en_retard": "1",
        "jalons_a_venir": "1",
        "resume": "",
    }


def test_excel_fr_csv_has_bom_semicolons_french_labels_and_no_formula(snapshot):
    response, content = export(snapshot, "csv", "?format=excel")

    assert content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Disposition"].endswith('-excel-fr.csv"')
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Instantané", "Date de l'état figé", "Projet"]
    tchap = next(row for row in rows if row[2] == "Tchap")
    assert tchap[1] == "14/09/2021"
    assert tchap[4:7] == ["Déploiement", "Objectifs sécurisés", "75"]
    assert tchap[13] == "0,0"  # decimal comma
    formula = next(row for row in rows if "HYPERLINK" in row[2])
    assert formula[2].startswith("'=") and formula[14] == "'@SUM(A1)"
    assert "RISQUE-INTERNE" not in content.decode("utf-8-sig")


def test_xlsx_has_four_sheets_matching_the_database(snapshot):
    response, content = export(snapshot, "xlsx")

    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Projets", "Jalons", "Points d'avancement", "Indicateurs"]
    projects = list(workbook["Projets"].iter_rows(values_only=True))
    assert len(projects) - 1 == SnapshotEntry.objects.filter(snapshot=snapshot).count()
    tchap = next(row for row in projects if row[0] == "Tchap")
    assert tchap[2:5] == ("Déploiement", "Objectifs sécurisés", 75)
    assert tchap[5].date() == date(2021, 5, 31)
    sheet = workbook["Projets"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    share = next(cell for cell in sheet[sheet.max_row] if cell.number_format == "0.0%")
    assert share.column == 12  # « Part des jalons réalisés », a fraction shown as « 50,0 % »
    formula = next(row for row in projects if "HYPERLINK" in str(row[0]))
    assert formula[0].startswith("'=")  # a text cell, never a formula
    milestones = list(workbook["Jalons"].iter_rows(values_only=True))[1:]
    assert sorted(row[2] for row in milestones) == ["Généralisation", "Pilote"]
    updates = list(workbook["Points d'avancement"].iter_rows(values_only=True))[1:]
    assert {row[7] for row in updates} >= {"Déploiement en cours."}
    assert "RISQUE-INTERNE" not in repr(list(workbook["Points d'avancement"].values))


def test_json_lists_each_project_with_its_milestones(snapshot):
    _response, content = export(snapshot, "json")

    document = json.loads(content)
    assert document["instantane"]["identifiant"] == snapshot.slug
    assert document["instantane"]["licence"] == "Licence Ouverte / Etalab 2.0"
    tchap = next(p for p in document["projets"] if p["projet"] == "tchap")
    assert tchap["avancement"] == 75
    assert {m["intitule"] for m in tchap["jalons_detail"]} == {"Généralisation", "Pilote"}


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    assert content[12:16] == b"IHDR"
    return struct.unpack(">II", content[16:24])


def test_png_draws_the_chosen_chart(snapshot):
    response, content = export(snapshot, "png", "?chart=meteo")

    assert response["Content-Type"] == "image/png"
    width, height = png_size(content)
    assert width == 2000 and height > 400
    default = client_for(None).get(f"/instantanes/{snapshot.slug}/export.png")
    assert default.status_code == 302 and default["Location"].endswith("?chart=pipeline")
    missing = client_for(None).get(f"/instantanes/{snapshot.slug}/export.png?chart=inconnu")
    assert missing.status_code == 404


def test_pdf_report_text_holds_the_title_date_figures_and_projects(snapshot):
    _response, content = export(snapshot, "pdf")

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Point presse" in text
    assert "14 septembre 2021" in text
    assert "Tchap" in text and "Sources et méthode" in text
    assert "Licence Ouverte / Etalab 2.0" in text
    assert "RISQUE-INTERNE" not in text


def test_the_press_kit_holds_every_export_readme_and_valid_checksums(snapshot):
    response, content = export(snapshot, "zip")

    assert response["Content-Type"] == "application/zip"
    kit = zipfile.ZipFile(io.BytesIO(content))
    assert kit.testzip() is None
    prefix = f"{snapshot.slug}/"
    names = {name.removeprefix(prefix) for name in kit.namelist()}
    slug = snapshot.slug
    assert {
        f"{slug}.csv",
        f"{slug}-excel-fr.csv",
        f"{slug}.xlsx",
        f"{slug}.json",
        f"{slug}.pdf",
        "schema.json",
        "README.txt",
        "SHA256SUMS",
        "graphiques/meteo.png",
    } <= names
    sums = kit.read(prefix + "SHA256SUMS").decode().splitlines()
    assert len(sums) == len(names) - 1
    for line in sums:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(kit.read(prefix + name)).hexdigest() == digest
    readme = kit.read(prefix + "README.txt").decode()
    assert "Licence Ouverte / Etalab 2.0" in readme and "14 septembre 2021" in readme
    assert kit.read(prefix + f"{slug}.csv") == export(snapshot, "csv")[1]


def test_a_long_export_answers_en_preparation_then_serves_the_file(snapshot, settings):
    settings.EXPORT_WAIT_SECONDS = 0

    first = client_for(None).get(f"/instantanes/{snapshot.slug}/export.xlsx")

    assert first.status_code == 202
    assert "en préparation" in first.text
    assert '<meta http-equiv="refresh"' in first.text
    for future in list(cache._building.values()):
        future.result(timeout=60)
    settings.EXPORT_WAIT_SECONDS = 60
    _response, content = export(snapshot, "xlsx")
    assert load_workbook(io.BytesIO(content)).sheetnames[0] == "Projets"


def test_an_export_is_built_once_then_served_from_disk(snapshot, django_assert_max_num_queries):
    export(snapshot, "csv")

    with django_assert_max_num_queries(6):
        export(snapshot, "csv")


def test_an_unknown_snapshot_or_format_is_a_404(snapshot):
    assert client_for(None).get("/instantanes/inconnu/export.csv").status_code == 404
    assert client_for(None).get(f"/instantanes/{snapshot.slug}/export.doc").status_code == 404


def test_freezing_a_snapshot_starts_building_its_press_kit(press, settings):
    settings.EXPORT_PREPARE_ON_CREATE = True
    ProjectFactory(name="Tchap")

    client_for(press).post(
        "/instantanes/", {"title": "Point presse", "taken_on": "2021-09-14", "note": ""}
    )

    building = list(cache._building.values())
    for future in building:
        future.result(timeout=60)
    assert list((settings.EXPORT_CACHE_DIR / "point-presse-2021-09-14").glob("*.zip"))


def test_any_django_tables2_table_exports_without_formulas():
    class Table(tables.Table):
        name = tables.Column("Nom")

    table = Table([{"name": "=1+1"}, {"name": "Tchap"}])

    exported = SafeTableExport("csv", table).export()

    assert exported.splitlines() == ["Nom", "'=1+1", "Tchap"]
