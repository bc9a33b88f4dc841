"""The two stored copies of the published history — each milestone's latest dates
(`refresh_current`), each project's latest update and first declared update (`refresh_status`)
— always equal what the history gives, on any later day: the clock moves, the copies hold."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from projects import services
from projects.enums import Meteo, MilestoneState
from projects.fuzzydates import Precision
from projects.models import Milestone, MilestoneChange, Project
from tests.conftest import client_for
from tests.factories import (
    MilestoneChangeFactory,
    MilestoneFactory,
    ProjectFactory,
    StatusUpdateFactory,
)
from tests.projects.test_baseline_chain import move

MILESTONE_FIELDS = [
    "pk",
    "forecast_on",
    "forecast_precision",
    "actual_on",
    "actual_precision",
    "tracked",
    "state",
    "drift",
    "drift_latest",
]
PROJECT_FIELDS = ["pk", "status_id", "meteo", "phase", "status_on", "is_stale"]


def from_columns():
    milestones = Milestone.objects.with_dates().order_by("pk").values_list(*MILESTONE_FIELDS)
    projects = Project.objects.with_status().order_by("pk").values_list(*PROJECT_FIELDS)
    return list(milestones), list(projects)


def from_history():
    today = timezone.localdate()
    milestones = Milestone.objects.with_dates(today).order_by("pk").values_list(*MILESTONE_FIELDS)
    projects = Project.objects.with_status(today).order_by("pk").values_list(*PROJECT_FIELDS)
    return list(milestones), list(projects)


@pytest.mark.django_db
def test_the_real_programme_reads_the_same_from_columns_and_history(programme):
    assert Milestone.objects.count() == 71
    assert from_columns() == from_history()
    assert Milestone.objects.exclude(current_actual_on=None).count() == 57
    assert Project.objects.exclude(latest_update=None).count() == 17


def test_a_validated_move_reaches_the_columns_and_a_pending_one_does_not(
    lead_a, office, project_a, today
):
    before = from_columns()
    update = move(client_for(lead_a), project_a, today + timedelta(days=160), "Recette décalée")
    assert from_columns() == before  # submitted, not published

    services.validate_update(update=update, reviewer=office)

    milestone = Milestone.objects.with_dates().get(project=project_a)
    assert milestone.forecast_on == today + timedelta(days=160)
    assert milestone.drift_days == 60
    project = Project.objects.get(pk=project_a.pk)
    assert project.latest_update_id == update.pk
    assert project.reporting_since == today - timedelta(days=10)  # its first declared update
    assert from_columns() == from_history()


@pytest.mark.django_db
def test_refreshing_every_copy_is_one_query_each(programme):
    Milestone.objects.update(current_forecast_on=None, current_actual_on=None)
    Project.objects.update(latest_update=None, reporting_since=None)
    assert from_columns() != from_history()

    with CaptureQueriesContext(connection) as queries:
        Milestone.objects.refresh_current()
        Project.objects.refresh_status()

    assert len(queries) == 2
    assert from_columns() == from_history()


@pytest.mark.django_db
def test_the_copies_still_agree_with_the_history_after_the_clock_moves():
    """Dates known to a day, a month, a quarter and a year, moves and actual dates, published
    updates: on every later day, the columns read today equal the history read on that day."""
    start = date(2026, 12, 1)
    with time_machine.travel(start, tick=False):
        project = ProjectFactory()
        quarter = MilestoneFactory(
            project=project, baseline_on=date(2026, 12, 31), baseline_precision=Precision.QUARTER
        )
        month = MilestoneFactory(
            project=project, baseline_on=date(2027, 1, 31), baseline_precision=Precision.MONTH
        )
        MilestoneChangeFactory(
            milestone=month,
            forecast_on=date(2027, 6, 30),
            forecast_precision=Precision.MONTH,
            reason="Recette décalée",
            actual_on=None,
            actual_precision="",
            published_on=start,
        )
        done = MilestoneFactory(
            project=project, baseline_on=date(2026, 11, 30), baseline_precision=Precision.MONTH
        )
        MilestoneChangeFactory(
            milestone=done,
            actual_on=date(2026, 11, 30),
            actual_precision=Precision.MONTH,
            published_on=start,
        )
        StatusUpdateFactory(project=project, as_of=start, meteo=Meteo.COUVERT)
        assert from_columns() == from_history()

    for later in (date(2027, 1, 1), date(2027, 2, 15), date(2027, 7, 1), date(2028, 3, 1)):
        with time_machine.travel(later, tick=False):
            assert from_columns() == from_history(), later
    with time_machine.travel(date(2027, 7, 1), tick=False):
        states = dict(Milestone.objects.with_dates().values_list("pk", "state"))
        # The project reports through its updates: its passed forecasts are late, now.
        assert states == {
            quarter.pk: MilestoneState.LATE,
            month.pk: MilestoneState.LATE,
            done.pk: MilestoneState.DONE,
        }


def test_the_database_refuses_an_actual_date_published_before_its_period_ends(project_a):
    milestone = project_a.milestones.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        MilestoneChange.objects.create(
            milestone=milestone,
            actual_on=date(2026, 12, 31),
            actual_precision=Precision.MONTH,
            published_on=date(2026, 12, 1),
        )
