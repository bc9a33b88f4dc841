"""Today's milestone dates are read from columns kept by `refresh_current()`; they must always
equal what the published history gives (the rule every past date uses)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from projects import services
from projects.models import Milestone
from tests.conftest import client_for
from tests.projects.test_baseline_chain import move

FIELDS = ["pk", "forecast_on", "forecast_precision", "actual_on", "actual_precision", "state"]


def from_columns():
    return list(Milestone.objects.with_dates().order_by("pk").values_list(*FIELDS, "slippage"))


def from_history():
    today = timezone.localdate()
    return list(Milestone.objects.with_dates(today).order_by("pk").values_list(*FIELDS, "slippage"))


@pytest.mark.django_db
def test_the_real_programme_reads_the_same_from_columns_and_history(programme):
    assert Milestone.objects.count() > 50
    assert from_columns() == from_history()
    assert Milestone.objects.exclude(current_actual_on=None).exists()


def test_a_validated_move_reaches_the_columns_and_a_pending_one_does_not(
    lead_a, office, project_a, today
):
    before = from_columns()
    update = move(client_for(lead_a), project_a, today + timedelta(days=160), "Recette décalée")
    assert from_columns() == before  # submitted, not published

    services.validate_update(update=update, reviewer=office)

    milestone = Milestone.objects.with_dates().get(project=project_a)
    assert milestone.forecast_on == today + timedelta(days=160)
    assert milestone.slippage_days == 60
    assert from_columns() == from_history()


@pytest.mark.django_db
def test_refreshing_every_milestone_is_one_query(programme):
    Milestone.objects.update(current_forecast_on=None, current_actual_on=None)
    assert from_columns() != from_history()

    with CaptureQueriesContext(connection) as queries:
        Milestone.objects.refresh_current()

    assert len(queries) == 1
    assert from_columns() == from_history()
