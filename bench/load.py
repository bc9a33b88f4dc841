#!/usr/bin/env python3
"""Load runs: gunicorn + PostgreSQL on 127.0.0.1, wrk on the main pages and on a bare view.

    .venv/bin/python bench/load.py [--duration 30] [--connections 32] [--no-reset] [--redis]

Creates (or recreates) the database `techgouv_bench` with the real programme, collects the static
files, starts gunicorn with production settings and the project's gunicorn configuration
(bench.settings: the same, plus the bare view /bench/nu/), then runs wrk, each page in turn
after a short warm-up, in these runs:

- « en cache »: anonymous readers, the default settings (pages cached whole);
- « sans cache »: `PAGE_CACHE_SECONDS=0` (every request renders);
- « connecté »: the programme office's session (its pages are rendered for it; the figures come
  from the shared cache);
- « attaque »: 3 connections send 1,000-word searches to /projets/ while the others read `/`;
- with `--redis`, the cached run again with `REDIS_URL` (the Redis of the machine).

Prints requests/s, p50/p95/p99 latency and errors, and checks the targets of issues 15 and 16
(p99 ≤ 5 × p50 for every cached page; uncached dashboard ≥ 25 % of the bare view; 0 errors;
the dashboard's p99 under attack within 2 × its p99 without). Writes bench/output/load.json.
"""

import argparse
import json
import subprocess
import sys

from common import (
    BASE,
    WORKERS,
    collectstatic,
    ensure_wrk,
    gunicorn,
    manage,
    prepare_database,
    save,
)

CACHED = [
    ("Vue nue (plafond)", "/bench/nu/"),
    ("Tableau de bord", "/"),
    ("Page projet", "/projets/franceconnect-generalisation/"),
    ("Page instantané", "/instantanes/mise-a-jour-2021/"),
]
SEARCH = "/projets/?q=" + "+".join("abcdefghijklmnopqrstuvwxyz"[i % 26] for i in range(1000))
SESSION = """
from django.contrib.auth import get_user_model, BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from projects import roles
user = get_user_model().objects.get_or_create(username="bureau-bench")[0]
user.groups.add(Group.objects.get_or_create(name=roles.PROGRAMME_OFFICE)[0])
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def wrk(wrk_path, path, duration, connections, headers=(), threads=2):
    command = [wrk_path, f"-t{min(threads, connections)}", f"-c{connections}", f"-d{duration}s"]
    for header in headers:
        command += ["-H", header]
    command += ["--timeout", "10s", "-s", "bench/report.lua", BASE + path]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def result(process) -> dict:
    out, _ = process.communicate()
    return json.loads(out.strip().splitlines()[-1])


def run_pages(wrk_path, pages, args, label, headers=()) -> list[dict]:
    rows = []
    for name, path in pages:
        result(wrk(wrk_path, path, 3, 8, headers))  # warm-up: connections, caches
        figures = result(wrk(wrk_path, path, args.duration, args.connections, headers))
        figures |= {"run": label, "page": name, "path": path}
        rows.append(figures)
        show(figures)
    return rows


def show(figures: dict) -> None:
    errors = figures["socket_errors"] + figures["http_errors"]
    print(
        f"{figures['run']:<14} {figures['page']:<22} {figures['rps']:>8.1f} req/s   "
        f"p50 {figures['p50']:>7.2f} ms   p95 {figures['p95']:>7.2f} ms   "
        f"p99 {figures['p99']:>8.2f} ms   erreurs {errors}",
        flush=True,
    )


def attack(wrk_path, args) -> list[dict]:
    """Readers on `/` while 3 connections send 1,000-word searches."""
    readers = wrk(wrk_path, "/", args.duration, args.connections - 3)
    searches = wrk(wrk_path, SEARCH, args.duration, 3)
    rows = [
        result(readers) | {"run": "attaque", "page": "Tableau de bord", "path": "/"},
        result(searches) | {"run": "attaque", "page": "Recherche 1 000 mots", "path": SEARCH},
    ]
    for row in rows:
        show(row)
    return rows


def verdicts(rows: list[dict]) -> list[str]:
    by = {(row["run"], row["path"]): row for row in rows}
    failures = []
    for row in rows:
        if row["socket_errors"] + row["http_errors"]:
            failures.append(f"{row['run']} {row['path']} : erreurs")
        if row["run"].startswith("en cache") and row["path"] != "/bench/nu/":
            if row["p99"] > 5 * row["p50"]:
                failures.append(f"{row['run']} {row['path']} : p99 > 5 × p50")
    bare = by[("en cache", "/bench/nu/")]["rps"]
    uncached = by[("sans cache", "/")]["rps"]
    print(f"Tableau de bord sans cache : {100 * uncached / bare:.1f} % de la vue nue (≥ 25 %).")
    if uncached < 0.25 * bare:
        failures.append("sans cache : moins de 25 % de la vue nue")
    calm, attacked = by[("en cache", "/")]["p99"], by[("attaque", "/")]["p99"]
    print(f"p99 du tableau de bord sous attaque : {attacked:.1f} ms contre {calm:.1f} ms (≤ 2 ×).")
    if attacked > 2 * calm:
        failures.append("attaque : p99 du tableau de bord au-delà de 2 ×")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--no-reset", action="store_true", help="keep techgouv_bench as it is")
    parser.add_argument("--redis", action="store_true", help="also run with REDIS_URL")
    args = parser.parse_args()
    wrk_path = ensure_wrk()
    prepare_database(fresh=not args.no_reset)
    collectstatic()
    session = manage("shell", "-c", SESSION).strip().splitlines()[-1]
    rows = []
    with gunicorn():
        rows += run_pages(wrk_path, CACHED, args, "en cache")
        rows += run_pages(
            wrk_path, CACHED[1:2], args, "connecté", headers=[f"Cookie: sessionid={session}"]
        )
        rows += attack(wrk_path, args)
    with gunicorn(PAGE_CACHE_SECONDS="0"):
        rows += run_pages(wrk_path, CACHED[:2], args, "sans cache")
    if args.redis:
        with gunicorn(REDIS_URL="redis://127.0.0.1:6379/3"):
            rows += run_pages(wrk_path, CACHED, args, "en cache Redis")
    failures = verdicts(rows)
    path = save(
        "load",
        {
            "duration_s": args.duration,
            "connections": args.connections,
            "workers": WORKERS,
            "results": rows,
        },
    )
    print(f"Résultats : {path}")
    for failure in failures:
        print(f"MANQUÉ : {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
