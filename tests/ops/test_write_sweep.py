"""Site-wide: every URL refuses a visitor's POST and changes nothing; CSRF is enforced on every
URL. (The permission table, cell by cell, is tests/projects/test_permissions.py.)"""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import client_for, update_payload
from tests.ops.conftest import all_rows, site_url, site_url_names

# Forms a visitor may post: the two login forms (they log in, or answer the form again) and the
# logout (a no-op for a visitor).
VISITOR_FORMS = {"login", "logout", "admin:login", "admin:logout"}


def is_login_redirect(response) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and location.startswith(
        (reverse("login"), reverse("admin:login"))
    )


@pytest.mark.parametrize("url_name", site_url_names())
def test_a_visitor_post_is_refused_and_changes_nothing(world, url_name):
    path = site_url(url_name, world)
    before = all_rows()
    response = client_for(None).post(path, {"title": "x", "comment": "x", "meteo": "SOLEIL"})
    if url_name not in VISITOR_FORMS:
        assert is_login_redirect(response) or response.status_code in (403, 405), (
            f"POST {path} answered {response.status_code} to a visitor"
        )
    assert all_rows() == before


@pytest.mark.parametrize("url_name", site_url_names())
def test_csrf_is_enforced_on_every_url(world, url_name):
    """Even the programme office, who may write anything, is refused without the token."""
    path = site_url(url_name, world)
    before = all_rows()
    client = client_for(world["users"]["office"], enforce_csrf_checks=True)
    response = client.post(path, {"title": "x", "comment": "x"})
    assert response.status_code == 403, f"POST {path} without a CSRF token: {response.status_code}"
    assert all_rows() == before


def test_the_same_post_with_its_csrf_token_is_accepted(world):
    """The control: the refusals above come from the missing token, not from the form."""
    project = world["project"]
    client = client_for(world["users"]["lead"], enforce_csrf_checks=True)
    form = client.get(reverse("projects:update", args=[project.slug])).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    payload = update_payload(project) | {"csrfmiddlewaretoken": token}
    response = client.post(reverse("projects:update", args=[project.slug]), payload)
    assert response.status_code == 302
    assert project.updates.count() == 4


def test_the_csrf_cookie_is_secure_and_not_readable_by_scripts():
    assert settings.CSRF_COOKIE_SECURE and settings.CSRF_COOKIE_HTTPONLY
