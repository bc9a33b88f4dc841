"""Login page, logout by POST and login throttling (django-axes)."""

import html

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from projects import roles
from tests.factories import UserFactory


@pytest.fixture
def agent(db):
    return UserFactory(username="agent", groups=[roles.PROJECT_LEAD])


def test_login_page_is_a_dsfr_form_in_french(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "<h1>Connexion</h1>" in page
    assert "Identifiant" in page and "Mot de passe" in page
    assert "fr-input" in page


def test_login_with_the_right_password_opens_a_session(client, agent):
    response = client.post(
        reverse("login"), {"username": "agent", "password": "mot-de-passe-de-test"}
    )
    assert response.status_code == 302
    assert "Se déconnecter" in client.get(reverse("home")).content.decode()


def test_wrong_password_shows_a_french_error(client, agent):
    response = client.post(reverse("login"), {"username": "agent", "password": "faux"})
    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()


def test_logout_is_a_post(client, agent):
    client.force_login(agent)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert "Se connecter" in client.get(reverse("home")).content.decode()


def test_five_failed_logins_lock_the_account_for_an_hour(client, agent):
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "agent", "password": "faux"})
    response = client.post(
        reverse("login"), {"username": "agent", "password": "mot-de-passe-de-test"}
    )
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_over_long_username_is_refused_before_authentication(client, db):
    # Found by the fuzz test on PostgreSQL: django-axes recorded the attempt in a 255-character
    # column, and the login page failed (500).
    response = client.post(reverse("login"), {"username": "x" * 300, "password": "secret"})

    assert response.status_code == 200
    assert "Un identifiant compte au plus 150 caractères." in html.unescape(
        response.content.decode()
    )
    assert not AccessAttempt.objects.exists()
