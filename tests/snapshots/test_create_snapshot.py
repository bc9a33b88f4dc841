"""Freezing a press snapshot at /instantanes/: who may, what is frozen, what is journaled."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from projects.enums import Meteo, Phase, SnapshotKind
from projects.models import AuditEvent, Snapshot, SnapshotEntry
from tests.conftest import client_for
from tests.factories import ProjectFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(db):
    project = ProjectFactory(slug="franceconnect", name="FranceConnect")
    StatusUpdateFactory(
        project=project,
        as_of=date(2021, 6, 30),
        meteo=Meteo.SOLEIL,
        phase=Phase.DEPLOIEMENT,
        progress=80,
        risks="RISQUE-INTERNE",
    )
    StatusUpdateFactory(project=project, submitted=True, meteo=Meteo.ORAGE, as_of=date(2021, 7, 1))
    return project


def payload(**fields):
    return {"title": "Point presse", "taken_on": "2021-09-14", "note": "Conférence.", **fields}


@pytest.mark.parametrize("who", ["press", "office"])
def test_press_and_office_freeze_a_published_snapshot(request, portfolio, who):
    user = request.getfixturevalue(who)

    response = client_for(user).post("/instantanes/", payload())

    snapshot = Snapshot.objects.get(kind=SnapshotKind.PRESS)
    assert response.status_code == 302
    assert response["Location"] == f"/instantanes/{snapshot.slug}/"
    assert snapshot.slug == "point-presse-2021-09-14"
    assert snapshot.published_at is not None
    assert snapshot.created_by == user
    entry = SnapshotEntry.objects.get(snapshot=snapshot)
    assert (entry.meteo, entry.phase, entry.progress) == (Meteo.SOLEIL, Phase.DEPLOIEMENT, 80)
    event = AuditEvent.objects.get(action="snapshot.published")
    assert event.actor == user
    assert event.details == {"snapshot": snapshot.slug, "taken_on": "2021-09-14", "entries": 1}


def test_unvalidated_updates_and_internal_notes_are_never_frozen(press, portfolio):
    client_for(press).post("/instantanes/", payload(taken_on=timezone.localdate().isoformat()))

    entry = SnapshotEntry.objects.get()
    assert entry.meteo == Meteo.SOLEIL  # the submitted ORAGE update is not validated
    page = client_for(None).get(entry.snapshot.get_absolute_url())
    assert "RISQUE-INTERNE" not in page.text


def test_a_visitor_is_sent_to_the_login_page_and_nothing_is_created(portfolio):
    response = client_for(None).post("/instantanes/", payload())

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")
    assert not Snapshot.objects.filter(kind=SnapshotKind.PRESS).exists()


def test_a_project_lead_is_refused_and_nothing_is_created(lead_a, portfolio):
    response = client_for(lead_a).post("/instantanes/", payload())

    assert response.status_code == 403
    assert not Snapshot.objects.filter(kind=SnapshotKind.PRESS).exists()
    assert not AuditEvent.objects.filter(action="snapshot.published").exists()


def test_the_form_is_shown_to_the_press_only(press, lead_a):
    assert "Figer et publier" in client_for(press).get("/instantanes/").text
    assert "Figer et publier" not in client_for(lead_a).get("/instantanes/").text
    assert "Figer et publier" not in client_for(None).get("/instantanes/").text


def test_a_future_date_is_refused_in_french(press, portfolio):
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = client_for(press).post("/instantanes/", payload(taken_on=tomorrow.isoformat()))

    assert response.status_code == 200
    assert "La date ne peut pas être dans le futur." in response.text
    assert not Snapshot.objects.filter(kind=SnapshotKind.PRESS).exists()


def test_two_snapshots_with_the_same_title_and_date_get_distinct_permanent_slugs(press, portfolio):
    client = client_for(press)
    client.post("/instantanes/", payload())
    client.post("/instantanes/", payload())

    slugs = set(Snapshot.objects.filter(kind=SnapshotKind.PRESS).values_list("slug", flat=True))
    assert slugs == {"point-presse-2021-09-14", "point-presse-2021-09-14-2"}
