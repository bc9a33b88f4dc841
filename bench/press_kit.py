"""Time of each export of a 5,000-project press snapshot, and of the whole press kit.

Builds a throwaway database (never the one in DATABASE_URL, as bench/portfolio.py does), loads
the real programme, adds SIZE synthetic projects with `bench.portfolio.grow` (MILESTONES
milestones and UPDATES published updates each: 5 and 5 by default, over twice the real
programme's ratios; bench/portfolio.py's 20 and 20 with `--milestones 20 --updates 20`),
freezes today's portfolio with `create_snapshot`, then times reading the snapshot (`collect`)
and each format, chart images first with a cold kaleido (Chromium starts) then warm, and the
press kit end to end (what a first download costs once the server has drawn one image).
Target: press kit under 10 s on a 2-core machine.

    .venv/bin/python bench/press_kit.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/techgouv .venv/bin/python bench/press_kit.py
    .venv/bin/python bench/press_kit.py --size 1000
"""

import argparse
import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techgouv.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")

TARGET_SECONDS = 10


def timed(results: list, label: str, function):
    began = time.perf_counter()
    value = function()
    seconds = time.perf_counter() - began
    size = len(value) if isinstance(value, bytes | str) else None
    if isinstance(value, dict):
        size = sum(len(v) for v in value.values())
    results.append((label, seconds, size))
    return value


def run(size: int) -> list:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone, translation

    from bench.portfolio import grow
    from projects.exports import excel_csv, json_export, opendata, pdf, png, press_kit, xlsx
    from projects.exports.data import collect
    from projects.snapshots.services import create_snapshot

    throwaway = None
    if connection.vendor == "sqlite":
        throwaway = tempfile.NamedTemporaryFile(suffix=".sqlite3", delete=False)
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = throwaway.name
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    results = []
    try:
        with translation.override("fr"):
            call_command("load_programme", stdout=StringIO())
            timed(results, f"données : {size} projets synthétiques", lambda: grow(size))
            snapshot = timed(
                results,
                "figer l'instantané (create_snapshot)",
                lambda: create_snapshot(
                    title="Banc d'essai", taken_on=timezone.localdate(), note="", author=None
                ),
            )
            data = timed(results, "lire l'instantané (collect)", lambda: collect(snapshot))
            results.append(
                (
                    f"  {len(data.state.projects)} projets, "
                    f"{len(data.state.milestones)} jalons, "
                    f"{len(data.updates)} points",
                    0,
                    None,
                )
            )
            timed(results, "csv (données ouvertes)", lambda: opendata.to_csv(data))
            timed(results, "csv (Excel FR)", lambda: excel_csv.to_csv(data))
            timed(results, "json", lambda: json_export.to_json(data))
            timed(results, "xlsx", lambda: xlsx.to_xlsx(data))
            drawn = png.drawn(data.charts)
            timed(results, "svg, 1 figure, kaleido à froid", lambda: png.figure_svg(drawn[0]))
            figures = timed(results, "svg, toutes les figures", lambda: png.figures_all(drawn))
            timed(
                results,
                "png + svg estampillés, toutes les images",
                lambda: {
                    c.slug: png.render(c, data.meta, figures[c.slug])
                    + png.render_svg(c, data.meta, figures[c.slug])
                    for c in drawn
                },
            )
            timed(results, "pdf (figures déjà dessinées)", lambda: pdf.to_pdf(data, figures))
            timed(results, "zip : dossier de presse complet", lambda: press_kit.to_zip(data))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if throwaway is not None:
            Path(throwaway.name).unlink(missing_ok=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000, help="synthetic projects to add")
    parser.add_argument(
        "--milestones", type=int, default=5, help="milestones per project (real programme: 2)"
    )
    parser.add_argument(
        "--updates", type=int, default=5, help="published updates per project (real: under 1)"
    )
    args = parser.parse_args()
    import bench.portfolio

    bench.portfolio.MILESTONES, bench.portfolio.UPDATES = args.milestones, args.updates
    results = run(args.size)
    from django.db import connection

    print(f"Base : {connection.vendor} ; {os.cpu_count()} cœurs.")
    for label, seconds, size in results:
        shown = f"{size / 1024:>9.0f} Kio" if size else ""
        print(f"{label:<44} {seconds:>7.2f} s {shown}")
    kit = next(seconds for label, seconds, _size in results if label.startswith("zip"))
    verdict = "atteinte" if kit < TARGET_SECONDS else "MANQUÉE"
    print(f"Cible : dossier de presse en moins de {TARGET_SECONDS} s — {verdict} ({kit:.1f} s).")


if __name__ == "__main__":
    main()
