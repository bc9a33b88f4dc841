"""Fixtures for tests that need the reference programme (import them into a test module)."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def programme(db) -> str:
    """The reference programme loaded by `load_programme` (rolled back after each test).

    Returns the command's output (its French summary).
    """
    out = StringIO()
    call_command("load_programme", stdout=out)
    return out.getvalue()
