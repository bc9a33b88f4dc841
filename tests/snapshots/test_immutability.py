"""A published press snapshot is immutable: the database refuses, and nothing changes."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from projects.enums import SnapshotKind
from projects.models import Snapshot, SnapshotEntry, SnapshotMilestone
from projects.snapshots.immutability import snapshots_unlocked
from projects.snapshots.services import create_snapshot, freeze_snapshot
from tests.conftest import client_for
from tests.factories import MilestoneFactory, ProjectFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(press):
    project = ProjectFactory(name="Projet figé")
    StatusUpdateFactory(project=project, as_of=date(2021, 1, 15), progress=40)
    MilestoneFactory(project=project)
    return create_snapshot(title="Point presse", taken_on=date(2021, 9, 14), note="", author=press)


def content(snapshot):
    return (
        list(Snapshot.objects.filter(pk=snapshot.pk).values()),
        list(SnapshotEntry.objects.filter(snapshot=snapshot).values()),
        list(SnapshotMilestone.objects.filter(entry__snapshot=snapshot).values()),
    )


ATTEMPTS = {
    "rename": lambda s: Snapshot.objects.filter(pk=s.pk).update(title="Réécrit"),
    "save": lambda s: (setattr(s, "taken_on", date(2020, 1, 1)), s.save()),
    "delete": lambda s: s.delete(),
    "edit an entry": lambda s: SnapshotEntry.objects.filter(snapshot=s).update(progress=99),
    "delete an entry": lambda s: SnapshotEntry.objects.filter(snapshot=s).delete(),
    "add an entry": lambda s: SnapshotEntry.objects.create(
        snapshot=s, project=ProjectFactory(), name="Ajouté", meteo="SOLEIL"
    ),
    "move a milestone": lambda s: SnapshotMilestone.objects.filter(entry__snapshot=s).update(
        actual_on=date(2021, 1, 1), actual_precision="DAY"
    ),
    "delete a milestone": lambda s: SnapshotMilestone.objects.filter(entry__snapshot=s).delete(),
    "unpublish": lambda s: Snapshot.objects.filter(pk=s.pk).update(published_at=None),
    "refreeze": lambda s: (
        StatusUpdateFactory(project=s.entries.get().project, as_of=date(2021, 2, 1), progress=90),
        freeze_snapshot(snapshot=s),
    ),
}


@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_the_database_refuses_to_change_a_published_snapshot(snapshot, attempt):
    before = content(snapshot)

    with pytest.raises(IntegrityError, match="Instantané publié"):
        with transaction.atomic():
            ATTEMPTS[attempt](Snapshot.objects.get(pk=snapshot.pk))

    assert content(snapshot) == before


def test_editions_stay_writable_for_load_programme(press):
    edition = Snapshot.objects.create(
        slug="edition", title="Édition", taken_on=date(2021, 9, 14), kind=SnapshotKind.EDITION
    )
    Snapshot.objects.filter(pk=edition.pk).update(published_at=edition.created_at)

    Snapshot.objects.filter(pk=edition.pk).update(title="Édition corrigée")

    assert Snapshot.objects.get(pk=edition.pk).title == "Édition corrigée"


def test_the_documented_unlock_lets_an_operator_withdraw_a_snapshot(snapshot):
    with snapshots_unlocked():
        snapshot.delete()

    assert not Snapshot.objects.filter(pk=snapshot.pk).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM projects_snapshot_unlock")
        assert cursor.fetchone() == (0,)


def test_the_admin_shows_snapshots_read_only(admin_client, snapshot):
    change = admin_client.get(f"/admin/projects/snapshot/{snapshot.pk}/change/")

    assert change.status_code == 200
    assert 'name="title"' not in change.text
    assert admin_client.get("/admin/projects/snapshot/add/").status_code == 403
    assert admin_client.get(f"/admin/projects/snapshot/{snapshot.pk}/delete/").status_code == 403


def test_the_permalink_keeps_answering_after_a_refused_change(snapshot):
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            Snapshot.objects.filter(pk=snapshot.pk).update(title="Réécrit")

    assert "Point presse" in client_for(None).get(snapshot.get_absolute_url()).text
