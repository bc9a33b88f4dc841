"""Production settings: `check --deploy` is clean, start-up refuses missing secrets, static files
are hashed and compressed by whitenoise. Each runs Django in a subprocess with a clean
environment, as an operator's shell would."""

import json
import os
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_production_variables() -> dict[str, str]:
    """The variables README's « Production » section has the operator export, as it sets them
    (the first `export` of its shell block, continuation lines included)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Production\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    command = block.split("export ", 1)[1].replace("\\\n", " ").split("\n", 1)[0]
    return dict(word.split("=", 1) for word in shlex.split(command))


def production_env(**extra) -> dict:
    """Exactly README's production variables, with a real random SECRET_KEY for its
    placeholder; `extra` adds (or, with None, removes) variables."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        **readme_production_variables(),
        "SECRET_KEY": secrets.token_urlsafe(64),
    }
    env.update(extra)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_readme_sets_the_five_production_variables():
    assert set(readme_production_variables()) == {
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "SITE_URL",
        "DATABASE_URL",
    }


def test_check_deploy_reports_nothing_with_the_readme_production_settings():
    # Nothing else set: in particular no SECURE_SSL_REDIRECT (on by default, security.W008).
    result = manage("check", "--deploy", "--fail-level", "DEBUG", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_reports_a_missing_or_plain_http_site_url():
    missing = manage("check", "--deploy", env=production_env(SITE_URL=None))
    assert missing.returncode != 0
    assert "techgouv.E001" in missing.stderr and "SITE_URL must be set" in missing.stderr
    plain = manage("check", "--deploy", env=production_env(SITE_URL="http://tdb.example"))
    assert plain.returncode != 0 and "techgouv.E002" in plain.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env=production_env(SECRET_KEY=None))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_site_url():
    result = manage("check", env=production_env(SITE_URL=None))
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr
    served = subprocess.run(
        [sys.executable, "-c", "import techgouv.wsgi"],
        cwd=ROOT,
        env=production_env(SITE_URL=None),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert served.returncode != 0 and "SITE_URL must be set" in served.stderr


def test_a_malformed_proxy_address_stops_start_up():
    result = manage("check", env=production_env(FORWARDED_ALLOW_IPS="127.0.0.1,proxy.interne"))
    assert result.returncode != 0
    assert "FORWARDED_ALLOW_IPS must list IP addresses or networks" in result.stderr


def test_a_bare_checkout_runs_manage_py_with_development_settings(tmp_path):
    # A new engineer's shell: nothing configured (the SQLite file goes to a temporary folder).
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    check = manage("check", env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    migrations = manage("makemigrations", "--check", "--dry-run", env=env)
    assert migrations.returncode == 0, migrations.stdout + migrations.stderr  # none missing
    assert "No changes detected" in migrations.stdout


def test_make_serve_refuses_to_start_without_secret_key_database_url_or_site_url():
    for missing in ("SECRET_KEY", "DATABASE_URL", "SITE_URL"):
        env = production_env(**{missing: None})
        # The check comes before anything is installed or started.
        result = subprocess.run(
            ["make", "--no-print-directory", "-o", "install", "-o", "messages", "serve"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode != 0
        assert f"{missing} doit être défini" in result.stderr


def test_collectstatic_writes_hashed_and_compressed_files(tmp_path):
    """What whitenoise serves with a year of cache: hashed names, with gzip copies beside."""
    env = production_env()
    code = (
        "import django, os;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'techgouv.settings');"
        "from django.conf import settings;"
        f"settings.STATIC_ROOT = {str(tmp_path)!r};"
        # Our own static files only (the full set takes a minute to compress).
        f"settings.STATICFILES_DIRS = [{str(ROOT / 'static')!r}];"
        "settings.STATICFILES_FINDERS = "
        "['django.contrib.staticfiles.finders.FileSystemFinder'];"
        "django.setup();"
        "from django.core.management import call_command;"
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ("techgouv/plotly.css", "techgouv/charts.js", "techgouv/techgouv.css"):
        hashed = manifest[name]
        assert hashed != name and hashed.split(".")[-2] != name.split(".")[-2]
        assert (tmp_path / hashed).exists()
        assert (tmp_path / f"{hashed}.gz").exists()
