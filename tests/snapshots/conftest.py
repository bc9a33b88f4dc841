"""The cast of the snapshot tests (a visitor, a project lead, the press, the programme office)
and an export cache of their own for each test."""

import pytest
from django.test import Client

from projects import roles
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _export_cache(settings, tmp_path):
    settings.EXPORT_CACHE_DIR = tmp_path / "exports"
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def press(db):
    return UserFactory(username="presse", groups=[roles.PRESS])


@pytest.fixture
def office(db):
    return UserFactory(username="bureau", groups=[roles.PROGRAMME_OFFICE])


@pytest.fixture
def lead(db):
    return UserFactory(username="cheffe", groups=[roles.PROJECT_LEAD])


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def body(response) -> bytes:
    """The whole content; the test client closes a streamed response once it is read (closing
    it again would also close the database connection, on PostgreSQL)."""
    return b"".join(response.streaming_content) if response.streaming else response.content
