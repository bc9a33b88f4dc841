"""The project list's files (`/projets/?…&export=`): named with the date of their data and their
filters, each saying its date, filters, source, licence and caveat, read back with real readers."""

import csv
import io
import json

import openpyxl
import pytest
from django.urls import reverse
from frictionless import Resource, Schema, validate

from projects.models import Project
from tests.conftest import SITE_URL

pytestmark = pytest.mark.django_db

URL = reverse("projects:list")


def download(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def test_file_names_carry_the_date_of_the_data_and_the_filters(clock, client, programme):
    named = {
        (): "projets-tech-gouv-2026-12-01.csv",
        (("mission", "IDNUM"),): "projets-tech-gouv-2026-12-01-mission-idnum.csv",
        (("mission", "IDNUM"), ("format", "excel")): (
            "projets-tech-gouv-2026-12-01-mission-idnum-excel-fr.csv"
        ),
        (("late", "on"), ("meteo", "SOLEIL")): (
            "projets-tech-gouv-2026-12-01-meteo-soleil-en-retard.csv"
        ),
        (("date", "2019-10-02"),): "projets-tech-gouv-2019-10-02.csv",
    }
    for params, name in named.items():
        response = download(client, export="csv", **dict(params))
        assert response["Content-Disposition"] == f'attachment; filename="{name}"', params
    xlsx = download(client, export="xlsx", q="France Connect")
    assert (
        "projets-tech-gouv-2026-12-01-recherche-france-connect.xlsx" in xlsx["Content-Disposition"]
    )


def test_the_excel_fr_flavour_opens_right_in_french_excel(clock, client, programme):
    response = download(client, export="csv", format="excel", mission="IDNUM")

    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    header, table = rows[0], rows[1 : rows.index([])]
    assert header[:4] == ["Projet", "Mission", "Phase", "Météo"]
    identified = Project.objects.in_portfolio().filter(mission__code="IDNUM")
    assert sorted(row[0] for row in table) == sorted(p.display_name for p in identified)
    dates = [row[header.index("Date du dernier point")] for row in table]
    precisions = [row[header.index("Précision de la date du dernier point")] for row in table]
    for day, precision in zip(dates, precisions, strict=True):
        if precision == "jour":
            assert len(day) == 10 and day[2] == day[5] == "/", day  # dd/mm/yyyy
    notes = [row[0] for row in rows[rows.index([]) + 1 :]]
    assert "Date des données : 1er décembre 2026" in notes
    assert "Filtres : Mission : IDNUM — Identité numérique" in notes or any(
        note.startswith("Filtres : Mission : IDNUM") for note in notes
    )
    assert (
        "Source : DINUM, programme TECH.GOUV — tableau de bord, état au 1er décembre 2026" in notes
    )
    assert any(note.startswith("Licence : Licence Ouverte / Etalab 2.0") for note in notes)
    assert f"Adresse permanente : {SITE_URL}/projets/?mission=IDNUM" in notes
    assert any("annoncés" in note and "identifiés" in note for note in notes)


def test_the_open_data_flavour_validates_against_its_schema_and_data_package(
    clock, client, programme, tmp_path
):
    response = download(client, export="csv", mission="IDNUM")
    described = response["Link"]
    assert described == (
        f'<{SITE_URL}/projets/?mission=IDNUM&export=datapackage>; rel="describedby"'
    )
    descriptor = download(client, export="datapackage", mission="IDNUM").json()
    schema = client.get("/donnees/schema-projets.json").json()

    assert not response.content.startswith(b"\xef\xbb\xbf")
    (tmp_path / "projets.csv").write_bytes(response.content)
    report = validate(
        Resource(path="projets.csv", basepath=str(tmp_path), schema=Schema.from_descriptor(schema))
    )
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert {row["date_donnees"] for row in rows} == {"2026-12-01"}
    assert {row["precision_date_dernier_point"] for row in rows} <= {
        "",
        "JOUR",
        "MOIS",
        "TRIMESTRE",
        "SEMESTRE",
        "ANNEE",
    }
    assert descriptor["date_donnees"] == "2026-12-01"
    assert descriptor["filtres"] == {"Mission": "IDNUM — Identité numérique"} or list(
        descriptor["filtres"]
    ) == ["Mission"]
    assert descriptor["licenses"][0]["name"] == "etalab-2.0"
    assert "identifiés" in descriptor["avertissement"]
    descriptor["resources"][0]["path"] = "projets.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert validate(str(tmp_path / "datapackage.json")).valid


def test_json_keys_are_codes_with_meta(clock, client, programme):
    document = download(client, export="json", mission="IDNUM").json()

    assert document["meta"]["date_donnees"] == "2026-12-01"
    assert document["meta"]["licence"] == "Licence Ouverte / Etalab 2.0"
    assert document["meta"]["adresse_permanente"] == f"{SITE_URL}/projets/?mission=IDNUM"
    first = document["projets"][0]
    assert "Météo" not in first and "meteo" in first and "meteo_libelle" in first
    assert all(key == key.lower() and " " not in key for key in first)


def test_xlsx_has_a_metadata_sheet_and_autofilters(clock, client, programme):
    workbook = openpyxl.load_workbook(io.BytesIO(download(client, export="xlsx").content))

    assert workbook.sheetnames == ["Projets", "Métadonnées"]
    for sheet in workbook:
        assert sheet.auto_filter.ref.startswith("A1:") and sheet.freeze_panes == "A2"
    metadata = dict(workbook["Métadonnées"].iter_rows(min_row=2, values_only=True))
    assert metadata["Date des données"] == "1er décembre 2026"
    assert metadata["Filtres"] == "aucun (tous les projets)"
    assert "identifiés" in metadata["Avertissement"]


def test_an_unknown_export_is_a_404(client, programme):
    assert client.get(URL, {"export": "doc"}).status_code == 404
