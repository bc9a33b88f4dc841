"""Login page, logout by POST and login throttling (django-axes)."""

import html
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from projects import roles
from techgouv.throttling import client_ip
from tests.factories import UserFactory

PROXY = "127.0.0.1"  # the reverse proxy, trusted by default (FORWARDED_ALLOW_IPS)
ATTACKER = "203.0.113.7"
OWNER = "198.51.100.20"


def behind_the_proxy(client_address: str) -> Client:
    """A browser at `client_address` whose requests reach us through the reverse proxy."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


def log_in(client, password):
    return client.post(reverse("login"), {"username": "agent", "password": password})


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


def test_behind_the_proxy_a_lockout_does_not_reach_the_owner_at_another_address(agent):
    attacker, owner = behind_the_proxy(ATTACKER), behind_the_proxy(OWNER)
    for _attempt in range(5):
        log_in(attacker, "faux")

    assert log_in(attacker, "mot-de-passe-de-test").status_code == 429
    response = log_in(owner, "mot-de-passe-de-test")
    assert response.status_code == 302
    assert "_auth_user_id" in owner.session
    assert AccessAttempt.objects.get().ip_address == ATTACKER


def test_the_lockout_page_says_when_to_try_again(agent):
    attacker = behind_the_proxy(ATTACKER)
    for _attempt in range(5):
        log_in(attacker, "faux")
    page = html.unescape(log_in(attacker, "faux").content.decode())

    retry_at = timezone.localtime() + timedelta(hours=1)
    hours = {f"{retry_at + timedelta(minutes=m):%H:%M}" for m in (-1, 0)}
    assert any(f"à partir de {hour}." in page for hour in hours), page
    assert "Vous pourrez réessayer le " in page
    assert "Un nouvel essai d'ici là repousse ce délai." in page


def test_a_forwarded_address_is_not_believed_from_anyone_but_the_proxy(agent):
    # A client reaching the server directly cannot escape its lockout by writing the header.
    for n in range(6):
        client = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        response = log_in(client, "faux")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


@pytest.mark.parametrize(
    "remote, forwarded, expected",
    [
        (ATTACKER, OWNER, ATTACKER),  # not from the proxy: the header is ignored
        (PROXY, OWNER, OWNER),
        (PROXY, f"192.0.2.9, {OWNER}", OWNER),  # the left entry was written by the client
        (PROXY, f"{OWNER}, 10.0.0.2", OWNER),  # a second trusted proxy is skipped
        (PROXY, f"{OWNER}, pas-une-adresse", PROXY),  # malformed: the last good address
        (PROXY, "", PROXY),
        ("::1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_from_the_right_of_x_forwarded_for(
    settings, remote, forwarded, expected
):
    settings.FORWARDED_ALLOW_IPS = ["127.0.0.1", "::1", "10.0.0.0/8"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_any_front_end_trusted_reads_only_the_right_most_entry(settings):
    settings.FORWARDED_ALLOW_IPS = ["*"]
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR=f"192.0.2.9, {OWNER}"
    )
    assert client_ip(request) == OWNER
