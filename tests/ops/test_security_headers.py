"""Security headers on every page: a CSP without 'unsafe-inline', HSTS, framing, referrer."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

PAGES = ["/", "/missions/", "/missions/idnum/", "/projets/franceconnect-generalisation/"]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_a_strict_content_security_policy(client, programme, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = directives(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["default-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    # The DSFR scripts carry the nonce that the header allows.
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in csp["script-src"]


def test_the_nonce_changes_with_every_response(client, programme):
    first, second = client.get("/"), client.get("/")
    assert directives(first)["script-src"] != directives(second)["script-src"]


@pytest.mark.django_db
def test_framing_sniffing_and_referrer_are_refused(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_hsts_is_sent_over_https(client):
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_https_is_recognised_behind_the_proxy(client):
    response = client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https")
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_cookies_are_secure_and_http_only():
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY


@pytest.mark.django_db
def test_login_sets_a_secure_session_cookie(client, django_user_model):
    django_user_model.objects.create_user("agent", password="mot-de-passe-assez-long-42")
    response = client.post(
        reverse("login"), {"username": "agent", "password": "mot-de-passe-assez-long-42"}
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"]


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_but_not_what_the_proxy_marked_https(client, settings):
    # Production's default (the test run turns it off: the test client speaks plain HTTP).
    settings.SECURE_SSL_REDIRECT = True
    plain = client.get("/projets/?q=cantine")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/projets/?q=cantine"
    assert client.get("/projets/", HTTP_X_FORWARDED_PROTO="https").status_code == 200


@pytest.mark.django_db
def test_the_health_probe_answers_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("health")).status_code == 200
