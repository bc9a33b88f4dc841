"""/sante/ checks the database; a database outage gives a French 503 page, not a stack trace."""

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.urls import path, reverse

from projects import figures
from techgouv.urls import urlpatterns as site_urlpatterns


def _query_error(request):
    """A query the database answers with an error: SQLite raises OperationalError (as for its
    « too many terms »), PostgreSQL ProgrammingError. The database itself is up."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM projects_table_that_does_not_exist")


# The site's URLs plus one that fails in the database (`@pytest.mark.urls(__name__)`).
urlpatterns = [path("requete-en-erreur/", _query_error), *site_urlpatterns]


def _database_down(monkeypatch, error=OperationalError):
    """Every query fails as it does when PostgreSQL is stopped (the real outage is in
    bench/faults.py, against gunicorn and a stopped cluster)."""

    def refuse(*args, **kwargs):
        raise error("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)


@pytest.mark.django_db
def test_health_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"statut": "ok", "base_de_donnees": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_503_when_the_database_is_down(client, monkeypatch):
    _database_down(monkeypatch)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"statut": "indisponible", "base_de_donnees": "injoignable"}


@pytest.mark.django_db
def test_health_refuses_writes(client):
    assert client.post(reverse("health")).status_code in (403, 405)


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_answers_a_french_503_page_when_the_database_is_down(client, monkeypatch, error):
    _database_down(monkeypatch, error)
    response = client.get(reverse("home"))
    assert response.status_code == 503
    page = response.content.decode()
    assert "Service momentanément indisponible" in page
    assert '<html lang="fr"' in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert response["Retry-After"] == "30"


@pytest.mark.django_db
def test_other_errors_are_not_turned_into_503(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(figures, "status_counts", broken)
    client.raise_request_exception = False
    assert client.get(reverse("home")).status_code == 500


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_query_error_is_a_500_not_the_unavailable_page(client):
    client.raise_request_exception = False
    response = client.get("/requete-en-erreur/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Erreur inattendue" in page
    assert "Service momentanément indisponible" not in page
