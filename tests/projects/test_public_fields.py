"""Each field of an update says who reads it, and only those read it: météo and its
justification, phase, progress, summary, achievements and next steps are public once validated
(project page, API, snapshot exports); risks, decisions awaited and the office's comments stay
with the programme office and the project's leads."""

import csv
import html
import io
import json
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from projects.enums import Meteo, Phase
from projects.snapshots.services import create_snapshot
from tests.conftest import body, client_for, update_payload
from tests.factories import ProjectFactory, StatusUpdateFactory

PUBLIC = {
    "achievements": "REALISATION-PUBLIQUE",
    "next_steps": "ETAPE-PUBLIQUE",
    "meteo_justification": "JUSTIFICATION-PUBLIQUE",
}
INTERNAL = {"risks": "RISQUE-INTERNE", "decisions": "DECISION-INTERNE"}


def page(user, project) -> str:
    return html.unescape(client_for(user).get(project.get_absolute_url()).content.decode())


@pytest.fixture
def submitted(lead_a, project_a):
    client_for(lead_a).post(
        reverse("projects:update", args=[project_a.slug]),
        update_payload(project_a, meteo=Meteo.SOLEIL, **PUBLIC, **INTERNAL),
    )
    return project_a.updates.order_by("-pk").first()


def test_nothing_is_public_before_validation(submitted, project_a, press):
    for user in (None, press):
        text = page(user, project_a)
        for value in [*PUBLIC.values(), *INTERNAL.values()]:
            assert value not in text
    assert "REALISATION" not in client_for(None).get("/api/points/").content.decode()


def test_public_fields_reach_the_project_page_once_validated(submitted, office, project_a, press):
    client_for(office).post(reverse("projects:validate", args=[submitted.pk]))
    for user in (None, press):
        text = page(user, project_a)
        for value in PUBLIC.values():
            assert value in text
        for value in INTERNAL.values():
            assert value not in text


def test_internal_fields_stay_with_the_office_and_the_leads(submitted, office, project_a, lead_a):
    client_for(office).post(reverse("projects:validate", args=[submitted.pk]))
    for user in (lead_a, office):
        text = page(user, project_a)
        assert "RISQUE-INTERNE" in text and "DECISION-INTERNE" in text


def test_the_api_publishes_achievements_and_next_steps(submitted, office):
    client_for(office).post(reverse("projects:validate", args=[submitted.pk]))
    response = client_for(None).get("/api/points/")
    row = next(r for r in response.json()["resultats"] if r["id"] == submitted.pk)
    assert row["realisations"] == "REALISATION-PUBLIQUE"
    assert row["prochaines_etapes"] == "ETAPE-PUBLIQUE"
    assert row["justification_meteo"] == "JUSTIFICATION-PUBLIQUE"
    assert "INTERNE" not in response.content.decode()
    schema = client_for(None).get("/api/schema/").json()
    point = schema["components"]["schemas"]["Point"]["properties"]
    assert {"realisations", "prochaines_etapes", "justification_meteo"} <= set(point)


@pytest.fixture
def snapshot(press):
    tchap = ProjectFactory(slug="tchap", name="Tchap", summary="Messagerie de l'État.")
    StatusUpdateFactory(
        project=tchap,
        as_of=date(2021, 3, 31),
        summary="Ancien point.",
        achievements="Ancienne réalisation.",
    )
    StatusUpdateFactory(
        project=tchap,
        as_of=date(2021, 5, 31),
        meteo=Meteo.SOLEIL,
        phase=Phase.DEPLOIEMENT,
        summary="Déploiement en cours.",
        achievements="Ouverture à 5 ministères.",
        next_steps="Ouverture aux collectivités.",
        meteo_justification="Adoption au-delà de la cible.",
        **INTERNAL,
    )
    # Published after the snapshot's day: not in it.
    StatusUpdateFactory(project=tchap, as_of=date(2021, 10, 1), summary="Point d'octobre.")
    ProjectFactory(slug="sans-point", name="Sans point", summary="Objectif seul.")
    return create_snapshot(title="Point presse", taken_on=date(2021, 9, 14), note="", author=press)


def export(snapshot, fmt, query="") -> bytes:
    response = client_for(None).get(f"/instantanes/{snapshot.slug}/export.{fmt}{query}")
    assert response.status_code == 200
    return body(response)


def test_exports_split_the_objective_from_the_last_update_summary(snapshot):
    rows = list(csv.DictReader(io.StringIO(export(snapshot, "csv").decode())))
    tchap = next(row for row in rows if row["projet"] == "tchap")
    assert (tchap["resume"], tchap["resume_dernier_point"]) == (
        "Messagerie de l'État.",
        "Déploiement en cours.",
    )
    empty = next(row for row in rows if row["projet"] == "sans-point")
    assert (empty["resume"], empty["resume_dernier_point"]) == ("Objectif seul.", "")

    excel = list(
        csv.reader(
            io.StringIO(export(snapshot, "csv", "?format=excel").decode("utf-8-sig")), delimiter=";"
        )
    )
    assert excel[0][-2:] == ["Objectif du projet", "Résumé du dernier point publié"]
    tchap = next(row for row in excel if row[2] == "Tchap")
    assert tchap[-2:] == ["Messagerie de l'État.", "Déploiement en cours."]

    document = json.loads(export(snapshot, "json"))
    tchap = next(p for p in document["projets"] if p["projet"] == "tchap")
    assert tchap["resume_dernier_point"] == "Déploiement en cours."


def test_the_workbook_holds_achievements_and_next_steps_never_internal_notes(snapshot):
    content = export(snapshot, "xlsx")
    workbook = load_workbook(io.BytesIO(content))
    projects = list(workbook["Projets"].iter_rows(values_only=True))
    assert projects[0][-2:] == ("Objectif du projet", "Résumé du dernier point publié")
    tchap = next(row for row in projects if row[0] == "Tchap")
    assert tchap[-2:] == ("Messagerie de l'État.", "Déploiement en cours.")
    updates = list(workbook["Points d'avancement"].iter_rows(values_only=True))
    assert updates[0][-3:] == ("Résumé", "Réalisations", "Prochaines étapes")
    assert updates[0][5] == "Justification de la météo"
    assert "Adoption au-delà de la cible." in [row[5] for row in updates]
    assert (
        "Déploiement en cours.",
        "Ouverture à 5 ministères.",
        "Ouverture aux collectivités.",
    ) in [row[-3:] for row in updates]
    text = repr([list(sheet.values) for sheet in workbook])
    assert "RISQUE-INTERNE" not in text and "DECISION-INTERNE" not in text
    assert "Point d'octobre." not in text
