"""The open-data API: the published data only, paginated, as in the open-data CSV."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from projects.exports.opendata import project_rows
from projects.models import Project, Snapshot, StatusUpdate
from projects.snapshots.state import state_of_snapshot
from tests.conftest import client_for
from tests.ops.conftest import INTERNAL


def all_results(client, url) -> list[dict]:
    results = []
    while url:
        page = client.get(url).json()
        results += page["resultats"]
        url = page["suivante"]
    return results


def test_the_index_lists_every_collection_and_the_schema(client, db):
    index = client.get(reverse("api:index")).json()
    assert set(index) == {
        "missions",
        "projects",
        "milestones",
        "updates",
        "snapshots",
        "schema",
        "licence",
    }


def test_projects_are_the_identified_portfolio_with_codes(client, programme):
    projects = all_results(client, reverse("api:projects") + "?taille=7")
    assert [p["projet"] for p in projects] == sorted(
        Project.objects.in_portfolio().values_list("slug", flat=True)
    )
    franceconnect = next(p for p in projects if p["projet"] == "franceconnect-generalisation")
    assert franceconnect["mission"] == "IDNUM"
    assert franceconnect["meteo"] == "NON_RENSEIGNEE"


def test_pages_link_to_each_other(client, programme):
    first = client.get(reverse("api:projects") + "?taille=5").json()
    assert first["page"] == 1 and first["precedente"] is None
    assert first["pages"] == -(-first["total"] // 5)
    second = client.get(first["suivante"]).json()
    assert second["page"] == 2 and second["precedente"].endswith("?page=1&taille=5")


@pytest.mark.parametrize(
    "query, status",
    [("?page=0", 400), ("?page=abc", 400), ("?taille=500", 400), ("?page=999", 404)],
)
def test_bad_pagination_is_a_french_json_error(client, db, query, status):
    response = client.get(reverse("api:missions") + query)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["erreur"]


def test_snapshot_projects_are_the_rows_of_its_open_data_csv(client, programme):
    snapshot = Snapshot.objects.get(slug="mise-a-jour-2021")
    rows = all_results(client, reverse("api:snapshot_projects", args=[snapshot.slug]))
    expected = project_rows(snapshot, state_of_snapshot(snapshot))
    assert rows == [{k: (None if v == "" else v) for k, v in row.items()} for row in expected]


def test_only_published_updates_and_never_internal_notes(world):
    body = client_for(None).get(reverse("api:updates")).content.decode()
    ids = {row["id"] for row in all_results(client_for(None), reverse("api:updates"))}
    assert ids == set(StatusUpdate.objects.published().values_list("pk", flat=True))
    assert world["submitted"].pk not in ids and world["draft"].pk not in ids
    assert INTERNAL not in body


def test_unknown_addresses_answer_json_404(client, db):
    for path in ("/api/instantanes/inconnu/", "/api/inconnu/", "/api/instantanes/a/b/c/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"


def test_the_api_is_read_only(client, db):
    assert client.post(reverse("api:projects")).status_code in (403, 405)


def test_the_api_conforms_to_its_openapi_schema(programme, settings):
    """Schemathesis generates requests from the schema served at /api/schema/ and checks every
    response against it (status codes, content types, JSON schemas, no server error).

    Driven by hand rather than by `schemathesis.pytest.from_fixture`, whose lazy loader does not
    run under pytest 9.
    """
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    # As Django's test client does: the real WSGI handler would close the test's connection at
    # the end of each request (it is inside the test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        _check_every_operation()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _check_every_operation():
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate()

        check()
