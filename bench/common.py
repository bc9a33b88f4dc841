"""What the bench scripts share: a dedicated PostgreSQL database loaded with the real programme,
and gunicorn started on it with production settings (plus the bare view of bench.settings)."""

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
OUTPUT = ROOT / "bench" / "output"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "techgouv_bench")
PORT = int(os.environ.get("BENCH_PORT", "8100"))
BASE = f"http://127.0.0.1:{PORT}"
WORKERS = os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) * 2 + 1))


def server_env(**extra) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": BASE,
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",  # plain http on the loopback
        "WEB_CONCURRENCY": WORKERS,
    }
    env.update(extra)
    return env


def manage(*args, env=None) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env or server_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} a échoué :\n{result.stdout}\n{result.stderr}")
    return result.stdout


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        ["psql", f"{PG}/{database}", "-v", "ON_ERROR_STOP=1", "-tAc", sql],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def prepare_database(fresh: bool = True) -> None:
    """Create `techgouv_bench` (dropped first when `fresh`), migrate, load the programme."""
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'") == "1"
    if exists and fresh:
        psql(f'DROP DATABASE "{DATABASE}" WITH (FORCE)')
        exists = False
    if not exists:
        psql(f'CREATE DATABASE "{DATABASE}"')
    manage("migrate", "--no-input", "-v", "0")
    print(manage("load_programme").strip())


def collectstatic() -> None:
    manage("collectstatic", "--no-input", "-v", "0")


def get(path: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(BASE + path, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextmanager
def gunicorn(**extra_env):
    """gunicorn on 127.0.0.1:PORT for the duration of the block; its log in bench/output/."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    log = open(OUTPUT / "gunicorn.log", "ab")  # noqa: SIM115
    process = subprocess.Popen(
        [
            GUNICORN,
            "techgouv.wsgi:application",
            "-c",
            "python:techgouv.gunicorn",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=server_env(**extra_env),
        stdout=log,
        stderr=log,
    )
    try:
        for _ in range(100):
            time.sleep(0.2)
            try:
                if get("/sante/", timeout=2)[0] == 200:
                    break
            except OSError:
                continue
        else:
            sys.exit("gunicorn ne répond pas sur /sante/ (voir bench/output/gunicorn.log).")
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() != 0:
        sys.exit("wrk est introuvable : sudo apt-get install wrk")
    subprocess.run(["apt-get", "-qq", "update"], check=True)
    subprocess.run(["apt-get", "-qq", "install", "-y", "wrk"], check=True)
    return shutil.which("wrk")


def save(name: str, data) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path
