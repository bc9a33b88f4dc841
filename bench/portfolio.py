"""Query count and server time of each dashboard page, at the real size and at 5,000 projects.

Builds a throwaway database (never the one in DATABASE_URL: Django's test database beside it,
a temporary file for SQLite, `test_<name>` for PostgreSQL), loads the real programme, times
each page, then adds SIZE synthetic projects (20 milestones and 20 published updates each, by
bulk_create) and times them again. Pages are rendered by Django's test Client, with no page
cache, after one warm-up request; the time is the median of RUNS requests.

    .venv/bin/python bench/portfolio.py                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/techgouv .venv/bin/python bench/portfolio.py
    .venv/bin/python bench/portfolio.py --size 1000 --runs 3 --json
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techgouv.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")

REAL_SLUG = "franceconnect-generalisation"
PAGES = [
    "/",
    "/?date=2019-10-02",
    "/missions/",
    "/missions/idnum/",
    "/projets/",
    f"/projets/{REAL_SLUG}/",
    "/instantanes/mise-a-jour-2021/",
    "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/",
]
BARE = "/bench/nu/"
EDITION_DAYS = [date(2019, 10, 2), date(2020, 8, 28), date(2021, 9, 14)]
MILESTONES, UPDATES = 20, 20
BATCH = 2000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000, help="synthetic projects to add")
    parser.add_argument("--runs", type=int, default=5, help="timed requests per page")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--page", action="append", default=[], help="another URL to measure (repeatable)"
    )
    return parser.parse_args()


def grow(size: int) -> None:
    """`size` identified projects spread over the real missions and editions, each with
    MILESTONES milestones (some moved, some done) and UPDATES published updates."""
    from missions.models import Mission
    from projects.enums import Meteo, Phase, UpdateState
    from projects.fuzzydates import Precision
    from projects.models import Milestone, MilestoneChange, Project, StatusUpdate

    missions = list(Mission.objects.order_by("order"))
    meteos, phases = Meteo.declared(), Phase.active()
    projects = Project.objects.bulk_create(
        [
            Project(
                mission=missions[i % len(missions)],
                slug=f"synthetique-{i}",
                name=f"Projet synthétique {i:05d}",
                summary="Projet créé pour mesurer les pages à grande échelle.",
                lead_organisation=f"Ministère {i % 17}",
                entered_on=EDITION_DAYS[i % len(EDITION_DAYS)],
            )
            for i in range(size)
        ],
        batch_size=BATCH,
    )
    if not projects[0].pk:  # SQLite before 3.35 returns no primary keys
        projects = list(Project.objects.filter(slug__startswith="synthetique-").order_by("pk"))

    start = date(2019, 1, 1)
    updates, milestones = [], []
    for i, project in enumerate(projects):
        for k in range(UPDATES):
            day = start + timedelta(days=45 * k + i % 30)
            updates.append(
                StatusUpdate(
                    project=project,
                    as_of=day,
                    as_of_precision=Precision.DAY,
                    meteo=meteos[(i + k) % len(meteos)],
                    phase=phases[min(k // 5, len(phases) - 1)],
                    progress=min(5 * k, 100),
                    summary="Point d'avancement.",
                    state=UpdateState.VALIDATED,
                    published_on=day,
                )
            )
        for k in range(MILESTONES):
            milestones.append(
                Milestone(
                    project=project,
                    title=f"Jalon {k + 1}",
                    position=k,
                    baseline_on=start + timedelta(days=60 * k + i % 30),
                    baseline_precision=Precision.DAY,
                )
            )
    StatusUpdate.objects.bulk_create(updates, batch_size=BATCH)
    milestones = Milestone.objects.bulk_create(milestones, batch_size=BATCH)
    if not milestones[0].pk:
        milestones = list(Milestone.objects.filter(project__in=projects).order_by("pk"))

    changes = []
    for k, milestone in enumerate(milestones):
        if k % 4 == 0:  # one in four moved by a month
            changes.append(
                MilestoneChange(
                    milestone=milestone,
                    forecast_on=milestone.baseline_on + timedelta(days=30),
                    forecast_precision=Precision.DAY,
                    reason="Report.",
                    published_on=milestone.baseline_on - timedelta(days=10),
                )
            )
        if k % 3 == 0 and milestone.baseline_on < date.today():  # one in three done
            changes.append(
                MilestoneChange(
                    milestone=milestone,
                    actual_on=milestone.baseline_on + timedelta(days=5),
                    actual_precision=Precision.DAY,
                    published_on=milestone.baseline_on + timedelta(days=5),
                )
            )
    MilestoneChange.objects.bulk_create(changes, batch_size=BATCH)
    # As the services do: the stored copies of the published history.
    Milestone.objects.filter(project__in=projects).refresh_current()
    Project.objects.filter(pk__in=[project.pk for project in projects]).refresh_status()


def measure(client, runs: int, pages: list[str]) -> dict[str, dict]:
    from django.db import connection

    results = {}
    for url in pages:
        response = client.get(url)  # warm-up (and the status check)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url)
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - began)
        results[url] = {
            "queries": len(queries),
            "median_ms": round(statistics.median(times) * 1000, 1),
        }
    return results


def counts() -> dict[str, int]:
    from projects.models import Milestone, MilestoneChange, Project, StatusUpdate

    return {
        "projects": Project.objects.in_portfolio().count(),
        "milestones": Milestone.objects.count(),
        "milestone_changes": MilestoneChange.objects.count(),
        "updates": StatusUpdate.objects.count(),
    }


def office_client():
    """A programme-office user's client (logged in: never served the anonymous page cache)."""
    from django.contrib.auth.models import Group
    from django.test import Client

    from projects import roles
    from projects.models import Project
    from tests.factories import UserFactory

    user = UserFactory(username="bureau-bench", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=roles.PROGRAMME_OFFICE)[0])
    Project.objects.get(slug=REAL_SLUG)  # the page measured exists
    client = Client()
    client.force_login(user)
    return client


def measure_size(client, office, args, pages) -> dict:
    """Every page uncached, the bare view, and `/` for the office with a warm figure cache."""
    from django.core.cache import cache
    from django.test import override_settings

    result = {
        "pages": measure(client, args.runs, pages),
        "bare": measure(client, args.runs, [BARE]),
    }
    with override_settings(
        PAGE_CACHE_SECONDS=60,
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    ):
        cache.clear()
        result["office_warm"] = measure(office, args.runs, ["/"])["/"]
    return result


def run(args) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    vendor = connection.vendor
    throwaway = None
    if vendor == "sqlite":
        throwaway = tempfile.NamedTemporaryFile(suffix=".sqlite3", delete=False)
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = throwaway.name
    # A throwaway database beside the configured one: the configured one is never touched.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    overrides = override_settings(
        DEBUG=False,
        ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF="bench.urls",
        SECURE_SSL_REDIRECT=False,
        PAGE_CACHE_SECONDS=0,
        WHITENOISE_USE_FINDERS=True,
        WHITENOISE_AUTOREFRESH=True,
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )
    try:
        with overrides:
            call_command("load_programme", stdout=StringIO())
            client, office = Client(), office_client()
            pages = [*PAGES, *args.page]
            report = {"database": vendor, "runs": args.runs, "sizes": {}}
            real = measure_size(client, office, args, pages)
            report["sizes"]["real"] = {"counts": counts(), **real}
            if args.size:
                began = time.perf_counter()
                grow(args.size)
                if vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
                built = round(time.perf_counter() - began, 1)
                report["sizes"]["large"] = {
                    "counts": counts(),
                    "build_seconds": built,
                    **measure_size(client, office, args, pages),
                }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if throwaway is not None:
            Path(throwaway.name).unlink(missing_ok=True)
    return report


# Targets of issue 16, uncached, at the real size: `/` and time travel 30 ms, others 20 ms.
TARGET_MS = {"/": 30, "/?date=2019-10-02": 30}
DEFAULT_TARGET_MS = 20
OFFICE_TARGET_MS = 50  # `/` for the office at 5,000 projects, warm figure cache


def print_table(report: dict) -> None:
    real = report["sizes"]["real"]
    large = report["sizes"].get("large")
    n_real = real["counts"]["projects"]
    print(f"Base : {report['database']} — médiane de {report['runs']} requêtes, sans cache.")
    if large:
        n_large = large["counts"]["projects"]
        print(
            f"{n_real} puis {n_large} projets ({large['counts']['milestones']} jalons, "
            f"{large['counts']['updates']} points ; construits en {large['build_seconds']} s)."
        )
    print(
        f"{'page':<62} {'req.':>5} {'req.':>5} {'ms':>7} {'ms':>7} {'×':>5}  cibles\n"
        f"{'':<62} {'réel':>5} {'5 000':>5} {'réel':>7} {'5 000':>7}"
    )
    for url, small in real["pages"].items():
        big = large["pages"][url] if large else {"queries": 0, "median_ms": float("nan")}
        ratio = big["median_ms"] / small["median_ms"] if small["median_ms"] else float("inf")
        target = TARGET_MS.get(url, DEFAULT_TARGET_MS)
        verdicts = [
            f"≤ {target} ms {'tenu' if small['median_ms'] <= target else 'MANQUÉ'}",
            f"×2 {'tenu' if ratio <= 2 else 'MANQUÉ'}" if large else "",
            f"requêtes {'=' if big['queries'] == small['queries'] else '≠'}" if large else "",
        ]
        print(
            f"{url:<62} {small['queries']:>5} {big['queries']:>5} {small['median_ms']:>7.1f} "
            f"{big['median_ms']:>7.1f} {ratio:>5.2f}  {', '.join(v for v in verdicts if v)}"
        )
    bare_real = real["bare"][BARE]["median_ms"]
    bare_large = large["bare"][BARE]["median_ms"] if large else float("nan")
    print(f"{'vue nue ' + BARE:<62} {'':>5} {'':>5} {bare_real:>7.1f} {bare_large:>7.1f}")
    office_real = real["office_warm"]["median_ms"]
    office_large = large["office_warm"]["median_ms"] if large else float("nan")
    verdict = "tenu" if (large and office_large <= OFFICE_TARGET_MS) else "—"
    print(
        f"{'/ (bureau connecté, chiffres en cache)':<62} {'':>5} {'':>5} {office_real:>7.1f} "
        f"{office_large:>7.1f}        ≤ {OFFICE_TARGET_MS} ms à 5 000 : {verdict}"
    )


def main() -> None:
    args = parse_args()
    report = run(args)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_table(report)


if __name__ == "__main__":
    main()
