"""Public pages are cached for anonymous readers and invalidated when the portfolio changes."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from projects import services
from projects.cache import _digest, bump_portfolio_version, portfolio_version, single_flight
from projects.enums import Meteo
from tests.conftest import body
from tests.factories import ProjectFactory, StatusUpdateFactory, UserFactory


@pytest.fixture(autouse=True)
def local_memory_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def project(db):
    project = ProjectFactory(slug="projet-cache", name="Projet en cache")
    StatusUpdateFactory(project=project, meteo=Meteo.COUVERT, summary="Premier point public.")
    return project


def queries_for(client, path) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_an_anonymous_reader_gets_the_cached_page_without_any_query(client, project):
    first, _ = queries_for(client, project.get_absolute_url())
    second, page = queries_for(client, project.get_absolute_url())
    assert first > 0
    assert second == 0
    assert "Premier point public." in page


def test_validating_an_update_invalidates_the_cached_pages(
    client, project, django_capture_on_commit_callbacks
):
    office = UserFactory(username="bureau-cache")
    queries_for(client, project.get_absolute_url())
    version = portfolio_version()
    update = StatusUpdateFactory(
        project=project, submitted=True, summary="Point validé après mise en cache."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.validate_update(update=update, reviewer=office)
    assert portfolio_version() == version + 1
    _, page = queries_for(client, project.get_absolute_url())
    assert "Point validé après mise en cache." in page


def test_the_version_is_bumped_only_after_the_commit(project, django_capture_on_commit_callbacks):
    version = portfolio_version()
    update = StatusUpdateFactory(project=project, submitted=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.validate_update(update=update, reviewer=UserFactory())
    assert portfolio_version() == version
    # The bump, then the e-mail telling the leads (a reader following its link sees the news).
    bump, _mail = callbacks
    bump()
    assert portfolio_version() == version + 1


def test_a_change_in_the_admin_invalidates_the_cached_pages(
    project, django_capture_on_commit_callbacks
):
    version = portfolio_version()
    with django_capture_on_commit_callbacks(execute=True):
        LogEntry.objects.create(
            user=UserFactory(),
            content_type=ContentType.objects.get_for_model(project),
            object_id=str(project.pk),
            object_repr=str(project),
            action_flag=CHANGE,
        )
    assert portfolio_version() > version


def test_a_logged_in_user_always_gets_a_fresh_page(client, project):
    client.force_login(UserFactory())
    queries_for(client, project.get_absolute_url())
    second, _ = queries_for(client, project.get_absolute_url())
    assert second > 1


def test_the_cached_page_gets_the_current_nonce(client, project):
    first = client.get("/")
    second = client.get("/")
    nonce = second["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in second.content.decode()
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


def test_languages_are_cached_apart(client, project):
    french = client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/").content.decode()
    assert 'lang="fr"' in french and 'lang="en"' in english


def milestone_figure_queries(client) -> int:
    """Queries of the dashboard that read milestones (the costly figures)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return sum('"projects_milestone"' in query["sql"] for query in queries)


def test_a_logged_in_user_shares_the_dashboard_figures(client, project):
    client.force_login(UserFactory(username="bureau-figures"))
    assert milestone_figure_queries(client) >= 2  # counts and timeline, computed
    assert milestone_figure_queries(client) == 0  # then read from the cache


def test_validating_an_update_refreshes_the_shared_figures(
    client, project, django_capture_on_commit_callbacks
):
    office = UserFactory(username="bureau-figures")
    client.force_login(office)
    client.get("/")
    update = StatusUpdateFactory(project=project, submitted=True, meteo=Meteo.ORAGE)
    with django_capture_on_commit_callbacks(execute=True):
        services.validate_update(update=update, reviewer=office)

    assert milestone_figure_queries(client) >= 2
    response = client.get("/")
    assert response.context["counts"].by_meteo() == {Meteo.ORAGE: 1}


def test_a_second_download_does_not_recompute_the_export_fingerprint(client, programme):
    url = "/instantanes/mise-a-jour-2021/export.csv"
    first = client.get(url)
    assert first.status_code == 200
    body(first)  # read to the end: that closes the file (close() would end the request)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    body(response)

    assert response.status_code == 200
    assert not [q["sql"] for q in queries if "MAX(" in q["sql"]]  # the four aggregates


# --- No stampede: one computes, the others are served the previous value --------------------


def fresh_key(name: str) -> str:
    """The key of today's value of `name` at the current version (`single_flight`)."""
    return _digest("techgouv:value:", [name, str(timezone.localdate()), str(portfolio_version())])


def counting(value):
    calls = []

    def compute():
        calls.append(value)
        return value

    return compute, calls


def test_a_missing_value_is_computed_once_then_served(db):
    compute, calls = counting("chiffres")
    assert single_flight(["figure"], compute) == "chiffres"
    assert single_flight(["figure"], compute) == "chiffres"
    assert calls == ["chiffres"]


def test_while_one_computes_the_new_version_the_others_get_the_previous_value(
    db, django_capture_on_commit_callbacks
):
    single_flight(["figure"], counting("avant")[0])
    with django_capture_on_commit_callbacks(execute=True):
        bump_portfolio_version()  # the published portfolio changed
    # Another worker has taken the lock and is computing the new value.
    fresh = fresh_key("figure")
    assert cache.add(fresh + ":lock", 1)
    compute, calls = counting("après")

    assert single_flight(["figure"], compute) == "avant"
    assert calls == []  # served the previous value, computed nothing
    cache.delete(fresh + ":lock")
    assert single_flight(["figure"], compute) == "après"
    assert calls == ["après"]


def test_the_very_first_readers_compute_when_there_is_nothing_to_serve(db):
    fresh = fresh_key("neuf")
    cache.add(fresh + ":lock", 1)
    compute, calls = counting("premier")
    assert single_flight(["neuf"], compute) == "premier"
    assert calls == ["premier"]


def test_an_anonymous_page_is_served_from_the_previous_version_while_refreshed(
    client, project, django_capture_on_commit_callbacks
):
    url = project.get_absolute_url()
    queries_for(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        bump_portfolio_version()
    fresh = _digest(
        "techgouv:page:", [url, "fr", str(timezone.localdate()), str(portfolio_version())]
    )
    cache.add(fresh + ":lock", 1)

    count, page = queries_for(client, url)

    assert count == 0  # the previous page, no computation
    assert "Premier point public." in page
