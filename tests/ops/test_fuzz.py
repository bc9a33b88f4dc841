"""Random and hostile values posted to every form: never a 500, a French message when the input
is refused, and no row changed unless the form was accepted."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.models import Snapshot, StatusUpdate
from tests.conftest import client_for, update_payload
from tests.factories import StatusUpdateFactory
from tests.ops.conftest import HOSTILE, XSS, all_rows

FUZZ = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "101",
        "1e9",
        "99999999999999999999999",
        "NaN",
        "2021-02-30",
        "0000-00-00",
        "9999-12-31",
        "1900-01-01",
        "null",
        "\x00",
        "a\x00b",
        "' OR 1=1 --",
        "../../etc/passwd",
        "😀" * 50,
        "x" * 5000,
        XSS,
        *HOSTILE.values(),
    ]
)
VALUES = st.one_of(NASTY, st.text(max_size=300), st.integers().map(str))
ENGLISH = [
    "This field is required",
    "Enter a valid",
    "Select a valid choice",
    "Ensure this value",
    "Null characters are not allowed",
    "Please enter a correct",
]
ERROR_MARKERS = ["fr-error-text", "fr-alert--error", "fr-message--error", "fr-input-group--error"]


def check_refusal(response, before, after):
    assert response.status_code != 500
    if response.status_code in (200, 400):
        page = response.content.decode()
        assert any(marker in page for marker in ERROR_MARKERS), "no error message shown"
        for english in ENGLISH:
            assert english not in page, f"English message: {english}"
        assert after == before, "a refused form changed rows"


@pytest.fixture
def lead_client(world):
    return client_for(world["users"]["lead"])


@given(data=st.data())
@FUZZ
def test_status_update_form_survives_hostile_values(world, lead_client, data):
    project = world["project"]
    payload = update_payload(project)
    for name in data.draw(st.sets(st.sampled_from(sorted(payload)), min_size=1, max_size=6)):
        payload[name] = data.draw(VALUES, label=name)
    before = all_rows()
    count = StatusUpdate.objects.count()
    response = lead_client.post(reverse("projects:update", args=[project.slug]), payload)
    after = all_rows()
    check_refusal(response, before, after)
    if response.status_code == 302:
        assert StatusUpdate.objects.count() == count + 1


@given(username=VALUES, password=VALUES)
@FUZZ
def test_login_form_survives_hostile_values(db, client, username, password):
    before = all_rows()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code != 500
    if response.status_code == 200:
        check_refusal(response, before, all_rows())
    else:  # the lockout page of django-axes after repeated failures
        assert response.status_code in (403, 429)
        assert "Trop de tentatives" in response.content.decode() or "bloqu" in (
            response.content.decode()
        )


@given(data=st.data())
@FUZZ
def test_snapshot_form_survives_hostile_values(world, data):
    client = client_for(world["users"]["press"])
    payload = {"title": "Point presse", "taken_on": "2021-09-14", "note": ""}
    for name in data.draw(st.sets(st.sampled_from(sorted(payload)), min_size=1)):
        payload[name] = data.draw(VALUES, label=name)
    before = all_rows()
    count = Snapshot.objects.count()
    response = client.post(reverse("snapshots:list"), payload)
    check_refusal(response, before, all_rows())
    if response.status_code == 302:
        assert Snapshot.objects.count() == count + 1


@given(comment=VALUES)
@FUZZ
def test_send_back_form_survives_hostile_values(world, comment):
    client = client_for(world["users"]["office"])
    # A fresh update for each example: one in the queue, its project's latest.
    update = StatusUpdateFactory(
        project=world["project"], submitted=True, author=world["users"]["lead"]
    )
    before = all_rows()
    response = client.post(
        reverse("projects:send_back", args=[update.pk]), {f"renvoi-{update.pk}-comment": comment}
    )
    check_refusal(response, before, all_rows())
