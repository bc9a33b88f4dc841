#!/usr/bin/env python3
"""Load run: gunicorn + PostgreSQL on 127.0.0.1, wrk on the main pages and on a bare view.

    .venv/bin/python bench/load.py [--duration 60] [--connections 64] [--no-reset]

Creates (or recreates) the database `techgouv_bench` with the real programme, collects the static
files, starts gunicorn with production settings (bench.settings: the same, plus the bare view
/bench/nu/), then runs wrk against each page in turn after a short warm-up. Prints requests/s,
p50/p95/p99 latency and errors; writes bench/output/load.json. The README figures come from the
60 s, 64-connection run. Set REDIS_URL to use a shared Redis cache instead of local memory.
"""

import argparse
import json
import subprocess
import sys

from common import BASE, WORKERS, collectstatic, ensure_wrk, gunicorn, prepare_database, save

TARGETS = [
    ("Vue nue (plafond)", "/bench/nu/"),
    ("Tableau de bord", "/"),
    ("Page projet", "/projets/franceconnect-generalisation/"),
    ("Page instantané", "/instantanes/mise-a-jour-2021/"),
]


def wrk(wrk_path, path, duration, connections, threads=2) -> dict:
    result = subprocess.run(
        [
            wrk_path,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            "bench/report.lua",
            BASE + path,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--no-reset", action="store_true", help="keep techgouv_bench as it is")
    args = parser.parse_args()
    wrk_path = ensure_wrk()
    prepare_database(fresh=not args.no_reset)
    collectstatic()
    results = []
    with gunicorn():
        for label, path in TARGETS:
            wrk(wrk_path, path, 3, 8)  # warm-up: connections, caches
            figures = wrk(wrk_path, path, args.duration, args.connections)
            figures |= {"page": label, "path": path}
            results.append(figures)
            print(
                f"{label:<20} {figures['rps']:>9.1f} req/s   p50 {figures['p50']:>7.2f} ms   "
                f"p95 {figures['p95']:>7.2f} ms   p99 {figures['p99']:>7.2f} ms   "
                f"erreurs {figures['socket_errors'] + figures['http_errors']}",
                flush=True,
            )
    ceiling = results[0]["rps"]
    for figures in results[1:]:
        figures["share_of_bare"] = round(100 * figures["rps"] / ceiling, 1)
    print(
        f"Tableau de bord : {results[1]['share_of_bare']} % du débit de la vue nue (cible ≥ 50 %)."
    )
    path = save(
        "load",
        {
            "duration_s": args.duration,
            "connections": args.connections,
            "workers": WORKERS,
            "results": results,
        },
    )
    print(f"Résultats : {path}")
    errors = sum(f["socket_errors"] + f["http_errors"] for f in results)
    sys.exit(1 if errors or results[1]["share_of_bare"] < 50 else 0)


if __name__ == "__main__":
    main()
