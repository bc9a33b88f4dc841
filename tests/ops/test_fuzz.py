"""Random and hostile values posted to every form and put in every address: never a 500, a
French message when the input is refused, and no row changed unless the form was accepted."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.models import Snapshot, StatusUpdate
from tests.conftest import body, client_for, update_payload
from tests.factories import StatusUpdateFactory
from tests.ops.conftest import (
    HOSTILE,
    SLOW_SUFFIXES,
    XSS,
    all_rows,
    site_url,
    site_url_names,
)

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
        "9" * 4300,  # the longest number Python's int() still reads
        "9" * 4301,  # one digit more: int() refuses it (ValueError)
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


# --- Hostile addresses: every page, every query parameter the site reads, every path argument --

# Every query parameter a page of the site reads (filters, sorting, pages, dates, comparisons,
# exports, language switch, login redirects).
QUERY_PARAMETERS = [
    "q",
    "mission",
    "phase",
    "meteo",
    "edition",
    "lead_organisation",
    "late",
    "tri",
    "page",
    "per_page",
    "taille",
    "export",
    "format",
    "date",
    "du",
    "au",
    "a",
    "b",
    "langue",
    "suivant",
    "next",
]
HOSTILE_QUERY_VALUES = {
    "nul": "\x00",
    "nul-inside": "2021\x0009-14",
    "digits-4300": "9" * 4300,
    "digits-5000": "9" * 5000,
    "zero": "0",
    "negative": "-1",
    "text-5000": "x" * 5000,
    "crlf": "\r\nSet-Cookie: piege=1",
    "words-1000": " ".join("abcdefghij"[n % 10] for n in range(1000)),
}
HOSTILE_PATHS = [
    "/api/instantanes/%00/",
    "/api/instantanes/%00/projets/",
    "/instantanes/%00/",
    "/instantanes/a%00/comparer/b/",
    "/projets/%00/",
    "/projets/%00/mettre-a-jour/",
    "/missions/%00/",
    "/api/instantanes/" + "x" * 5000 + "/",
    "/projets/a-valider/" + "9" * 4300 + "/valider/",
    "/projets/a-valider/" + "9" * 30 + "/valider/",
    "/projets/projet-hostile/points/" + "9" * 30 + "/soumettre/",
]
READ_URLS = [name for name in site_url_names() if name not in ("logout", "admin:logout")]


def check_answer(response, where):
    """A 4xx is the French page (or the API's JSON error); nothing is a 5xx."""
    text = body(response).decode("utf-8", errors="replace")  # read, and closed if a file
    assert response.status_code < 500, f"{where} answered {response.status_code}"
    if response.status_code in (400, 404):
        if response["Content-Type"].startswith("application/json"):
            assert response.json()["erreur"], where
        else:
            assert '<html lang="fr"' in text, where
            assert "Requête invalide" in text or "Page non trouvée" in text, where


@pytest.mark.parametrize("value", HOSTILE_QUERY_VALUES.values(), ids=HOSTILE_QUERY_VALUES)
def test_no_page_fails_on_hostile_query_parameters(world, value):
    client = client_for(world["users"]["office"])  # the role that sees every page
    for url_name in READ_URLS:
        path = site_url(url_name, world)
        if path.endswith(SLOW_SUFFIXES):
            continue
        response = client.get(path, {name: value for name in QUERY_PARAMETERS})
        check_answer(response, f"GET {path}")


def test_a_nul_character_anywhere_in_the_query_is_a_400(world):
    client = client_for(None)
    for query in ("?a=%00&b=x", "?q=%00", "?%00=1", "?date=2021-09-14%00"):
        response = client.get("/instantanes/comparer/" + query)
        assert response.status_code == 400, query
        assert "Requête invalide" in response.content.decode()


@pytest.mark.parametrize("path", HOSTILE_PATHS)
@pytest.mark.parametrize("who", ["visitor", "office"])
def test_no_page_fails_on_hostile_paths(world, path, who):
    client = client_for(world["users"][who])
    before = all_rows()
    check_answer(client.get(path), f"GET {path}")
    check_answer(client.post(path), f"POST {path}")
    assert all_rows() == before


def test_an_api_page_number_of_4300_digits_is_a_french_json_error(world):
    response = client_for(None).get("/api/projets/", {"page": "9" * 4300})
    assert response.status_code == 400
    assert "entier positif" in response.json()["erreur"]
