"""Database constraints reject bad values with clear French messages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.enums import UpdateState
from projects.fuzzydates import Precision
from projects.models import MilestoneChange, StatusUpdate
from tests.factories import (
    MilestoneFactory,
    MissionFactory,
    ProjectFactory,
    SnapshotFactory,
    StatusUpdateFactory,
)

pytestmark = pytest.mark.django_db


def messages_of(obj) -> str:
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    return " ".join(error.value.messages)


def test_progress_outside_0_100_is_refused_in_french():
    update = StatusUpdateFactory.build(project=ProjectFactory(), progress=120)

    assert "L'avancement est un pourcentage entre 0 et 100." in messages_of(update)
    with pytest.raises(IntegrityError), transaction.atomic():
        update.save()


def test_unknown_meteo_is_refused():
    update = StatusUpdateFactory.build(project=ProjectFactory(), meteo="GRELE")

    with pytest.raises(IntegrityError), transaction.atomic():
        update.save()


def test_only_a_validated_update_has_a_publication_date():
    update = StatusUpdateFactory.build(
        project=ProjectFactory(), state=UpdateState.DRAFT, published_on=date(2021, 1, 1)
    )

    assert "Seul un point validé a une date de publication." in messages_of(update)
    with pytest.raises(IntegrityError), transaction.atomic():
        update.save()


def test_project_slug_and_mission_code_are_unique():
    ProjectFactory(slug="franceconnect")
    MissionFactory(code="IDNUM")

    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(slug="franceconnect")
    assert "existe déjà" in messages_of(MissionFactory.build(code="IDNUM", order=999))


def test_a_date_without_its_precision_is_refused():
    milestone = MilestoneFactory.build(
        project=ProjectFactory(), baseline_on=date(2020, 3, 31), baseline_precision=""
    )

    assert "la date et sa précision vont ensemble" in messages_of(milestone)


def test_dates_outside_2000_2099_are_refused():
    milestone = MilestoneFactory.build(
        project=ProjectFactory(), baseline_on=date(1999, 12, 31), baseline_precision=Precision.DAY
    )

    assert "la date doit être comprise entre 2000 et 2099" in messages_of(milestone)


def test_moving_a_forecast_needs_a_reason():
    change = MilestoneChange(
        milestone=MilestoneFactory(), forecast_on=date(2022, 6, 30), forecast_precision="MONTH"
    )

    assert "Déplacer une date prévue demande un motif." in messages_of(change)
    with pytest.raises(IntegrityError), transaction.atomic():
        change.save()


def test_announced_completed_projects_are_part_of_the_total():
    snapshot = SnapshotFactory.build(announced_total=38, announced_completed=40)

    assert "Les projets achevés font partie du total annoncé." in messages_of(snapshot)


def test_mission_colour_must_be_hex():
    assert "#RRVVBB" in messages_of(MissionFactory.build(code="ZZ", colour="bleu"))


def test_status_updates_keep_their_history():
    project = ProjectFactory()
    StatusUpdateFactory.create_batch(3, project=project)

    assert StatusUpdate.objects.filter(project=project).count() == 3
