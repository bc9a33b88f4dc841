"""The baseline chain: the first published date stays the baseline, every accepted move is
kept with its date, author and reason, and the page shows both drifts."""

import html
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects import services
from projects.baseline_chain import chains
from projects.enums import MilestoneState
from projects.models import Milestone, MilestoneChange
from tests.conftest import client_for, update_payload
from tests.factories import MilestoneChangeFactory, MilestoneFactory


def move(client, project, forecast, reason):
    path = reverse("projects:update", args=[project.slug])
    payload = update_payload(
        project, milestones={0: {"forecast_on": forecast.isoformat(), "reason": reason}}
    )
    assert client.post(path, payload).status_code == 302
    return project.updates.order_by("-pk").first()


def dates(project, today):
    return Milestone.objects.filter(project=project).with_dates(today).with_moves_count(today).get()


def test_a_move_counts_only_once_validated(lead_a, office, project_a, today):
    baseline = today + timedelta(days=100)
    update = move(client_for(lead_a), project_a, today + timedelta(days=160), "Recette décalée")

    assert dates(project_a, today).forecast_on == baseline
    change = MilestoneChange.objects.get(status_update=update)
    assert (change.author, change.reason, change.published_on) == (lead_a, "Recette décalée", None)

    services.validate_update(update=update, reviewer=office)
    milestone = dates(project_a, today)
    assert milestone.forecast_on == today + timedelta(days=160)
    assert milestone.baseline_on == baseline
    assert milestone.drift_days == 60
    change.refresh_from_db()
    assert change.published_on == today


def test_each_accepted_move_is_a_link_of_the_chain(lead_a, office, project_a, today):
    lead = client_for(lead_a)
    first = move(lead, project_a, today + timedelta(days=130), "Marché public relancé")
    services.validate_update(update=first, reviewer=office)
    second = move(lead, project_a, today + timedelta(days=190), "Recette décalée")
    services.validate_update(update=second, reviewer=office)

    milestone = dates(project_a, today)
    assert milestone.baseline_on == today + timedelta(days=100)
    assert milestone.forecast_on == today + timedelta(days=190)
    assert milestone.moves_count == 2
    chain = chains([milestone], MilestoneChange.objects.filter(forecast_on__isnull=False))
    assert [m.reason for m in chain[0].moves] == ["Marché public relancé", "Recette décalée"]
    assert (milestone.drift_days, milestone.drift_latest_days) == (90, 0)

    page = html.unescape(client_for(None).get(project_a.get_absolute_url()).content.decode())
    assert "Dates de référence successives" in page
    assert "motif : Marché public relancé" in page and "motif : Recette décalée" in page
    assert "Glissement par rapport à la référence initiale : +90 j" in page
    assert "par rapport à la dernière référence validée : 0 j" in page
    assert "cheffe-a" not in page  # authors are not shown to the public


def test_an_unvalidated_move_is_not_in_the_public_chain(lead_a, project_a, today):
    move(client_for(lead_a), project_a, today + timedelta(days=160), "Motif en attente")
    page = html.unescape(client_for(None).get(project_a.get_absolute_url()).content.decode())
    assert "Motif en attente" not in page


def test_drift_from_latest_baseline_of_a_done_milestone(project_a, today):
    milestone = MilestoneFactory(
        project=project_a, baseline_on=today - timedelta(days=60), baseline_precision="DAY"
    )
    MilestoneChangeFactory(
        milestone=milestone,
        forecast_on=today - timedelta(days=20),
        forecast_precision="DAY",
        reason="Report",
        actual_on=None,
        actual_precision="",
        published_on=today - timedelta(days=30),
    )
    MilestoneChangeFactory(
        milestone=milestone,
        actual_on=today - timedelta(days=5),
        actual_precision="DAY",
        published_on=today - timedelta(days=5),
    )

    done = Milestone.objects.with_dates().get(pk=milestone.pk)

    assert (done.state, done.drift_days, done.drift_latest_days) == (MilestoneState.DONE, 55, 15)


def test_first_published_forecast_becomes_the_baseline_of_an_undated_milestone(
    lead_a, office, project_a, today
):
    undated = MilestoneFactory(
        project=project_a, title="Sans date", baseline_on=None, baseline_precision=""
    )
    target = today + timedelta(days=50)
    payload = update_payload(
        project_a,
        milestones={1: {"forecast_on": target.isoformat(), "reason": "Première date"}},
    )
    client_for(lead_a).post(reverse("projects:update", args=[project_a.slug]), payload)
    services.validate_update(update=project_a.updates.order_by("-pk").first(), reviewer=office)
    undated.refresh_from_db()
    assert undated.baseline_on == target


@pytest.mark.parametrize("state", ["draft", "returned"])
def test_a_published_update_is_never_edited(lead_a, office, project_a, state):
    published = project_a.updates.get()
    before = (published.summary, published.meteo, published.published_on)
    client_for(lead_a).post(
        reverse("projects:update", args=[project_a.slug]),
        update_payload(project_a, action="draft" if state == "draft" else "submit"),
    )
    published.refresh_from_db()
    assert (published.summary, published.meteo, published.published_on) == before
    assert project_a.updates.count() == 2


def test_project_page_query_count_does_not_grow_with_the_chain(lead_a, office, project_a, today):
    def count(user):
        with CaptureQueriesContext(connection) as queries:
            client.get(project_a.get_absolute_url())
        return len(queries)

    client = client_for(office)
    # One move validated first: the page then names its author and the journal's actors with
    # their roles (one query each for their groups, made once there is someone to name).
    services.validate_update(
        update=move(client_for(lead_a), project_a, today + timedelta(days=110), "Report"),
        reviewer=office,
    )
    count(office)  # warm caches (sessions, content types)
    before = count(office)
    for days in (130, 160, 190):
        services.validate_update(
            update=move(client_for(lead_a), project_a, today + timedelta(days=days), "Report"),
            reviewer=office,
        )
    for index in range(3):
        MilestoneFactory(project=project_a, title=f"Jalon {index}")
    assert count(office) == before
