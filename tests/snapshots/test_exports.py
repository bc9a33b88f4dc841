"""Every export of a snapshot, opened with a real reader and checked against the database."""

import csv
import hashlib
import html
import io
import json
import re
import struct
import zipfile
from datetime import date
from xml.etree import ElementTree

import django_tables2 as tables
import pytest
from frictionless import Resource, Schema, validate
from openpyxl import load_workbook
from pypdf import PdfReader

from projects.enums import Meteo, Phase
from projects.exports import cache
from projects.exports.tables import SafeTableExport
from projects.fuzzydates import Precision
from projects.models import SnapshotEntry
from projects.snapshots.services import create_snapshot
from tests.conftest import SITE_URL, body, client_for
from tests.factories import (
    MilestoneChangeFactory,
    MilestoneFactory,
    ProjectFactory,
    StatusUpdateFactory,
)

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
    StatusUpdateFactory(
        project=formula,
        as_of=date(2021, 4, 30),
        as_of_precision=Precision.MONTH,
        meteo=Meteo.NUAGE,
        progress=None,
    )
    MilestoneFactory(project=plain, title="Généralisation", baseline_on=date(2021, 12, 31))
    MilestoneFactory(project=plain, title="Pilote", baseline_on=date(2020, 12, 31))
    opened = MilestoneFactory(project=plain, title="Ouverture", baseline_on=date(2021, 3, 31))
    MilestoneChangeFactory(
        milestone=opened, actual_on=date(2021, 3, 15), actual_precision=Precision.DAY
    )
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
        "meteo_libelle": "Objectifs sécurisés",
        "phase": "DEPLOIEMENT",
        "phase_libelle": "Déploiement",
        "avancement": "75",
        "date_dernier_point": "2021-05-31",
        "precision_date_dernier_point": "JOUR",
        "jalons": "3",
        "jalons_en_retard": "1",
        "jalons_a_venir": "1",
        "resume": "",
    }


def test_the_schema_documents_french_codes_and_a_label_beside_each_code():
    schema = client_for(None).get("/donnees/schema.json").json()

    fields = {field["name"]: field for field in schema["fields"]}
    assert fields["precision_date_dernier_point"]["constraints"]["enum"] == [
        "JOUR",
        "MOIS",
        "TRIMESTRE",
        "SEMESTRE",
        "ANNEE",
    ]
    for code in ("mission", "phase", "meteo"):
        names = list(fields)
        assert names[names.index(code) + 1] == f"{code}_libelle"
    assert "ORAGE objectifs compromis" in fields["meteo"]["description"]


def test_the_csv_companion_data_package_validates_with_date_source_licence_and_caveat(
    snapshot, tmp_path
):
    _response, content = export(snapshot, "csv")
    descriptor = client_for(None).get(f"/instantanes/{snapshot.slug}/datapackage.json").json()

    assert descriptor["date_donnees"] == "2021-09-14"
    assert descriptor["source"] == (
        "Source : DINUM, programme TECH.GOUV — tableau de bord, instantané du 14 septembre 2021"
    )
    assert descriptor["licenses"][0]["name"] == "etalab-2.0"
    assert descriptor["adresse_permanente"] == f"{SITE_URL}/instantanes/{snapshot.slug}/"
    assert "identifié" in descriptor["avertissement"]
    assert descriptor["resources"][0]["path"].endswith(f"/instantanes/{snapshot.slug}/export.csv")
    (tmp_path / "instantane.csv").write_bytes(content)
    descriptor["resources"][0]["path"] = "instantane.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def excel_rows(content: bytes) -> list[list[str]]:
    """The file as French Windows Excel reads it: UTF-8 with BOM, `;` between cells."""
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_excel_fr_csv_has_bom_semicolons_french_labels_and_no_formula(snapshot):
    response, content = export(snapshot, "csv", "?format=excel")

    assert response["Content-Disposition"].endswith('-excel-fr.csv"')
    rows = excel_rows(content)
    header = rows[0]
    assert header[:3] == ["Instantané", "Date de l'état figé", "Projet"]
    table = rows[1 : rows.index([])]
    tchap = dict(zip(header, next(row for row in table if row[2] == "Tchap"), strict=True))
    assert tchap["Date de l'état figé"] == "14/09/2021"
    assert (tchap["Phase"], tchap["Météo"], tchap["Avancement (%)"]) == (
        "Déploiement",
        "Objectifs sécurisés",
        "75",
    )
    assert tchap["Date du dernier point"] == "31/05/2021"
    assert tchap["Part des jalons réalisés (%, à partir de 3 jalons)"] == "33,3"
    formula = dict(zip(header, next(row for row in table if "HYPERLINK" in row[2]), strict=True))
    assert formula["Projet"].startswith("'=") and formula["Objectif du projet"] == "'@SUM(A1)"
    assert formula["Part des jalons réalisés (%, à partir de 3 jalons)"] == ""  # no milestone
    notes = [row[0] for row in rows[rows.index([]) + 1 :]]
    assert "Date des données : 14 septembre 2021" in notes
    assert "Licence : Licence Ouverte / Etalab 2.0 (" in "".join(notes)
    assert f"Adresse permanente : {SITE_URL}/instantanes/{snapshot.slug}/" in notes
    assert any(note.startswith("Avertissement : ") and "identifié" in note for note in notes)
    assert "RISQUE-INTERNE" not in content.decode("utf-8-sig")


def test_xlsx_sheets_dates_precisions_autofilters_and_metadata(snapshot):
    _response, content = export(snapshot, "xlsx")

    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [
        "Projets",
        "Jalons",
        "Points d'avancement",
        "Indicateurs",
        "Métadonnées",
    ]
    for sheet in workbook:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert sheet["A1"].font.bold
    projects = workbook["Projets"]
    header = [cell.value for cell in projects[1]]
    rows = [
        dict(zip(header, row, strict=True))
        for row in projects.iter_rows(min_row=2, values_only=True)
    ]
    assert len(rows) == SnapshotEntry.objects.filter(snapshot=snapshot).count()
    tchap = next(row for row in rows if row["Projet"] == "Tchap")
    assert (tchap["Phase"], tchap["Météo"], tchap["Avancement (%)"]) == (
        "Déploiement",
        "Objectifs sécurisés",
        75,
    )
    assert tchap["Date du dernier point"].date() == date(2021, 5, 31)  # known to the day
    assert tchap["Précision de la date du dernier point"] == "jour"
    share_header = "Part des jalons réalisés (%, à partir de 3 jalons)"
    assert tchap[share_header] == pytest.approx(1 / 3, abs=1e-3)
    share_cell = projects.cell(row=2 + rows.index(tchap), column=header.index(share_header) + 1)
    assert share_cell.number_format == "0.0%"
    formula = next(row for row in rows if "HYPERLINK" in str(row["Projet"]))
    assert formula["Projet"].startswith("'=")  # a text cell, never a formula
    assert formula[share_header] is None  # fewer than 3 milestones: blank
    assert formula["Date du dernier point"] == "04/2021"  # the month only: text, not a date
    assert formula["Précision de la date du dernier point"] == "mois"

    milestones = workbook["Jalons"]
    header = [cell.value for cell in milestones[1]]
    assert "Glissement (jours)" in header
    rows = [
        dict(zip(header, row, strict=True))
        for row in milestones.iter_rows(min_row=2, values_only=True)
    ]
    assert {row["Projet"] for row in rows} == {"Tchap"}  # names, never slugs
    pilot = next(row for row in rows if row["Jalon"] == "Pilote")
    assert pilot["Référence initiale"] == "12/2020" and pilot["Précision de la référence"] == "mois"
    assert pilot["Glissement (jours)"] == 257
    done = next(row for row in rows if row["Jalon"] == "Ouverture")
    assert done["Réalisé"].date() == date(2021, 3, 15) and done["Précision du réalisé"] == "jour"
    for row in milestones.iter_rows(min_row=2):
        for cell in row:
            if cell.is_date:
                precision = row[header.index(header[cell.column - 1]) + 1].value
                assert precision == "jour", (cell.coordinate, precision)
    updates = list(workbook["Points d'avancement"].iter_rows(values_only=True))[1:]
    assert {row[8] for row in updates} >= {"Déploiement en cours."}  # « Résumé »
    assert "RISQUE-INTERNE" not in repr(list(workbook["Points d'avancement"].values))
    metadata = dict(workbook["Métadonnées"].iter_rows(min_row=2, values_only=True))
    assert metadata["Date des données"] == "14 septembre 2021"
    assert metadata["Source"] == (
        "DINUM, programme TECH.GOUV — tableau de bord, instantané du 14 septembre 2021"
    )
    assert metadata["Adresse permanente"] == f"{SITE_URL}/instantanes/{snapshot.slug}/"
    assert "identifié" in metadata["Avertissement"]


def test_json_has_meta_codes_and_a_label_beside_each_code(snapshot):
    _response, content = export(snapshot, "json")

    document = json.loads(content)
    assert document["meta"]["date_donnees"] == "2021-09-14"
    assert document["meta"]["licence"] == "Licence Ouverte / Etalab 2.0"
    assert document["meta"]["adresse_permanente"] == f"{SITE_URL}/instantanes/{snapshot.slug}/"
    assert "identifié" in document["meta"]["avertissement"]
    assert document["instantane"]["identifiant"] == snapshot.slug
    tchap = next(p for p in document["projets"] if p["projet"] == "tchap")
    assert tchap["avancement"] == 75
    assert (tchap["meteo"], tchap["meteo_libelle"]) == ("SOLEIL", "Objectifs sécurisés")
    assert tchap["precision_date_dernier_point"] == "JOUR"
    pilot = next(m for m in tchap["jalons_detail"] if m["intitule"] == "Pilote")
    assert pilot["reference_initiale"] == {"date": "2020-12-31", "precision": "MOIS"}
    assert (pilot["etat"], pilot["etat_libelle"]) == ("EN_RETARD", "En retard")
    assert all(key == key.lower() and " " not in key for key in walk_keys(document))


def walk_keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in {"filtres"}:
                yield key
                yield from walk_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk_keys(item)


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    assert content[12:16] == b"IHDR"
    return struct.unpack(">II", content[16:24])


def test_png_draws_the_chosen_chart_stamped(snapshot):
    response, content = export(snapshot, "png", "?chart=meteo")

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].endswith(f'{snapshot.slug}-meteo.png"')
    width, height = png_size(content)
    assert width == 1600 and height > 800  # 800 px wide, twice for print
    default = client_for(None).get(f"/instantanes/{snapshot.slug}/export.png")
    assert default.status_code == 302 and default["Location"].endswith("?chart=pipeline")
    missing = client_for(None).get(f"/instantanes/{snapshot.slug}/export.png?chart=inconnu")
    assert missing.status_code == 404


def test_svg_carries_its_title_date_source_licence_address_and_caveat(snapshot):
    response, content = export(snapshot, "svg", "?chart=meteo")

    assert response["Content-Type"] == "image/svg+xml"
    root = ElementTree.fromstring(content)
    assert root.get("width") == "800" and int(root.get("height")) > 400
    texts = [node.text for node in root.iter("{http://www.w3.org/2000/svg}text")]
    stamp = "\n".join(text for text in texts if text)
    assert "Météo des projets" in texts
    assert "Données au 14 septembre 2021" in texts
    assert (
        "Source : DINUM, programme TECH.GOUV — tableau de bord, instantané du 14 septembre 2021"
        in stamp.replace("\n", " ")
    )
    assert f"Licence Ouverte / Etalab 2.0 — {SITE_URL}/instantanes/{snapshot.slug}/#meteo" in texts
    assert "identifié" in stamp
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Météo des projets"
    assert "@font-face{font-family:Marianne" in content.decode()


def pdf_text(reader: PdfReader, pages=None) -> str:
    return "\n".join(page.extract_text() for page in (pages or reader.pages))


def test_pdf_is_tagged_with_its_language_and_title(snapshot):
    _response, content = export(snapshot, "pdf")

    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert root["/MarkInfo"]["/Marked"] in (True, "true")
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] in (True, "true")
    assert reader.metadata.title == "Point presse — TECH.GOUV, état au 14 septembre 2021"
    tree = root["/StructTreeRoot"].get_object()
    document = tree["/K"][0].get_object()
    assert document["/S"] == "/Document"
    kinds = set()

    def walk(element, depth=0):
        element = element.get_object()
        if hasattr(element, "get") and element.get("/S"):
            kinds.add(element["/S"])
        children = element.get("/K", []) if hasattr(element, "get") else []
        for child in children if isinstance(children, list) else [children]:
            if depth < 40 and hasattr(child, "get_object"):
                walk(child, depth + 1)

    walk(document)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure"} <= kinds
    assert len(reader.pages) >= 5  # cover, contents, figures, charts, missions, sources


def test_pdf_cover_figures_equal_the_snapshot_page(snapshot):
    _response, content = export(snapshot, "pdf")
    page = client_for(None).get(f"/instantanes/{snapshot.slug}/").text

    on_page = re.findall(r'<span class="headline__value">([^<]+)</span>', page)
    reader = PdfReader(io.BytesIO(content))
    cover = pdf_text(reader, reader.pages[:1])
    labels = [  # singular for 0 and 1, as French has it
        "projets? identifiés?",
        "jalons? réalisés?",
        "jalons? en retard",
        "échéances? passées?, réalisation non renseignée",
        "jalons? à venir",
    ]
    on_cover = [re.search(rf"([\d\u202f ]+?) ?{label}", cover).group(1) for label in labels]
    assert [value.replace("\u202f", "").strip() for value in on_cover] == [
        value.replace("\u202f", "") for value in on_page
    ]
    assert len(on_page) == 5
    assert "Point presse" in cover and "14 septembre 2021" in cover
    assert "1 décembre" not in cover
    assert f"{SITE_URL}/instantanes/{snapshot.slug}/" in cover
    assert "annoncés" in cover or "identifiés" in cover


def test_pdf_report_text_holds_contents_missions_footer_and_no_internal_note(snapshot):
    _response, content = export(snapshot, "pdf")

    reader = PdfReader(io.BytesIO(content))
    text = pdf_text(reader)
    assert "Sommaire" in pdf_text(reader, reader.pages[1:2])
    assert "Tchap" in text and "Sources et méthode" in text
    assert "Licence Ouverte / Etalab 2.0" in text
    assert "RISQUE-INTERNE" not in text
    last = reader.pages[-1].extract_text()
    assert f"page {len(reader.pages)} / {len(reader.pages)}" in last
    assert "TECH.GOUV — Point presse — état au 14 septembre 2021" in last


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
        "graphiques/meteo.svg",
        "datapackage.json",
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


def test_a_chart_all_non_renseignee_is_one_sentence_in_the_page_and_the_files(press):
    ProjectFactory(slug="sans-meteo", name="Sans météo")
    ProjectFactory(slug="sans-meteo-2", name="Sans météo non plus")
    blind = create_snapshot(title="Aveugle", taken_on=date(2021, 9, 14), note="", author=press)

    page = html.unescape(client_for(None).get(f"/instantanes/{blind.slug}/").text)
    assert "Aucun des 2 projets n'a de météo renseignée." in page
    assert 'data-figure="meteo-donnees"' not in page
    assert "export.png?chart=meteo" not in page
    for fmt in ("png", "svg"):
        url = f"/instantanes/{blind.slug}/export.{fmt}?chart=meteo"
        assert client_for(None).get(url).status_code == 404
    reader = PdfReader(io.BytesIO(export(blind, "pdf")[1]))
    text = pdf_text(reader).replace("\n", " ")
    assert "Aucun des 2 projets n'a de météo renseignée." in text
