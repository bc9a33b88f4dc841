"""Django's errors reach the log gunicorn writes (stderr): a server error is one line with its
request path, then its traceback. Run in a subprocess with production settings, as gunicorn
would run the application."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# One request in a production process; the database is an empty SQLite file (no migration):
# every query fails with « no such table », an error of the query, not an outage.
REQUEST = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techgouv.settings")
django.setup()
from django.conf import settings
# As after collectstatic: the 500 page links its stylesheet without a manifest.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
from django.test import Client
response = Client(raise_request_exception=False).get("/projets/", secure=True)
print(response.status_code)
print(response.content.decode())
"""


def test_a_server_error_is_logged_on_stderr_with_its_path_and_traceback(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", REQUEST],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    status, page = result.stdout.split("\n", 1)
    assert status == "500", result.stdout + result.stderr
    assert "Erreur inattendue" in page and "Service momentanément indisponible" not in page
    log = result.stderr
    assert "[ERROR] django.request /projets/: Internal Server Error: /projets/" in log
    assert "Traceback (most recent call last):" in log
    assert "no such table" in log
