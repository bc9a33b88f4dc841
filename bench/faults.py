#!/usr/bin/env python3
"""Fault run: PostgreSQL stopped under load, then started again; gunicorn is never restarted.

    .venv/bin/python bench/faults.py [--down 6] [--readers 8]

WARNING: stops the machine's PostgreSQL cluster for a few seconds (`pg_ctlcluster ... stop`):
other PostgreSQL work on this machine (test runs, other benches) fails meanwhile. The cluster is
started again in every case, failure and Ctrl-C included.

Readers fetch pages that need the database (the open-data API, a project page on ever-changing
dates so the page cache cannot answer, /sante/) before, during and after the outage. Expected:
during the outage, 503 with the French page (or /sante/'s JSON), never a stack trace nor another
error; after it, 200 again within seconds. Writes bench/output/faults.json.
"""

import argparse
import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date, timedelta

from common import get as fetch
from common import gunicorn, prepare_database, save

CLUSTER = ["pg_ctlcluster", "--skip-systemctl-redirect"]
FRENCH_503 = "Service momentanément indisponible".encode()


def cluster_version() -> str:
    return sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(x) for x in v.split(".")])[-1]


def postgres(action: str) -> None:
    subprocess.run([*CLUSTER, cluster_version(), "main", action], check=False)


def postgres_ready() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], check=False).returncode == 0


def paths():
    day = itertools.count()
    while True:
        other = (date(2019, 10, 2) + timedelta(days=next(day) % 800)).isoformat()
        yield "/api/projets/"
        yield f"/projets/franceconnect-generalisation/?date={other}"
        yield "/sante/"


def reader(phase, log, stop):
    for path in paths():
        if stop.is_set():
            return
        started = time.monotonic()
        try:
            status, body = fetch(path, timeout=15)
        except OSError as error:
            log.append((phase[0], "connexion", type(error).__name__, started))
            continue
        if status == 503:
            kind = "503 FR" if FRENCH_503 in body or b"indisponible" in body else "503 autre"
        elif status == 200:
            kind = "200"
        else:
            kind = f"{status}" + (" trace" if b"Traceback" in body else "")
        log.append((phase[0], kind, path.split("?")[0], started))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--down", type=float, default=6.0, help="seconds PostgreSQL stays down")
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--no-reset", action="store_true")
    args = parser.parse_args()
    prepare_database(fresh=not args.no_reset)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    log: list[tuple] = []
    phase = ["avant"]
    stop = threading.Event()
    timings = {}
    try:
        with gunicorn():
            threads = [
                threading.Thread(target=reader, args=(phase, log, stop))
                for _ in range(args.readers)
            ]
            for thread in threads:
                thread.start()
            time.sleep(4)
            phase[0] = "panne"
            stopped_at = time.monotonic()
            postgres("stop")
            time.sleep(args.down)
            postgres("start")
            while not postgres_ready():
                time.sleep(0.1)
            phase[0] = "après"
            back_at = time.monotonic()
            timings["database_down_s"] = round(back_at - stopped_at, 1)
            time.sleep(6)
            stop.set()
            for thread in threads:
                thread.join()
    finally:
        if not postgres_ready():
            postgres("start")
    first_ok = min((t for p, kind, _, t in log if p == "après" and kind == "200"), default=None)
    timings["recovery_s"] = round(max(first_ok - back_at, 0.0), 2) if first_ok else None
    counts = {
        name: dict(Counter(k for p, k, _, _ in log if p == name))
        for name in ("avant", "panne", "après")
    }
    # Requests already in flight when the database came back may still end in 503: only the
    # requests *started* more than a second after recovery must all succeed.
    late_errors = sum(
        1 for p, kind, _, t in log if p == "après" and kind != "200" and t > back_at + 1
    )
    bad = [kind for p, kind, _, _ in log if p == "panne" and kind not in ("200", "503 FR")]
    for name in ("avant", "panne", "après"):
        print(f"{name:>6} : {counts[name]}")
    print(
        f"Base arrêtée {timings['database_down_s']} s ; première réponse 200 "
        f"{timings['recovery_s']} s après son redémarrage, sans redémarrer gunicorn."
    )
    save("faults", {"counts": counts, **timings, "late_errors": late_errors, "bad": bad})
    ok = (
        not bad
        and late_errors == 0
        and counts["panne"].get("503 FR")
        and timings["recovery_s"] is not None
    )
    print("Reprise sans redémarrage, pages 503 en français pendant la panne." if ok else "ÉCHEC")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
