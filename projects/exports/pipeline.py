"""From a request for `/instantanes/<slug>/export.<format>` to a file on disk: which builder makes
each format, the file's name in the export cache, and when the build runs.

Snapshots are immutable, so each export is built once (per content fingerprint, format, variant
and language) and then served as a file (`projects.exports.cache`).
"""

import hashlib

from django.conf import settings
from django.utils.translation import get_language

from projects.cache import remember
from projects.exports import (
    cache,
    comparison,
    excel_csv,
    json_export,
    opendata,
    pdf,
    png,
    press_kit,
    xlsx,
)
from projects.exports.data import collect, fingerprint
from projects.exports.meta import dated_name

# Built in the request (well under a second at 5,000 projects); the others in the background.
QUICK = {"csv", "json"}

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "pdf": "application/pdf",
    "png": "image/png",
    "svg": "image/svg+xml",
    "zip": "application/zip",
}


def builder(fmt: str, data, variant: str):
    """The function that writes `data` in `fmt` (its `variant`: Excel CSV, one chart's PNG)."""
    if fmt == "csv":
        return lambda: (excel_csv if variant == "excel" else opendata).to_csv(data)
    if fmt == "xlsx":
        return lambda: xlsx.to_xlsx(data)
    if fmt == "json":
        return lambda: json_export.to_json(data)
    if fmt == "pdf":
        return lambda: pdf.to_pdf(data, png.figures_all(data.charts))
    if fmt in ("png", "svg"):
        chart = next(chart for chart in data.charts if chart.slug == variant)
        draw = png.render if fmt == "png" else png.render_svg
        return lambda: draw(chart, data.meta)
    return lambda: press_kit.to_zip(data)


def export_path(snapshot, fmt: str, variant: str):
    """Where the export is kept: one file per content fingerprint, language and variant —
    never per request Host (the permanent address printed inside comes from `SITE_URL`)."""
    suffix = f"-{variant}" if variant else ""
    # The fingerprint costs four aggregates: once per portfolio version, not per download.
    digest = remember(["export-fingerprint", str(snapshot.pk)], lambda: fingerprint(snapshot))
    site = hashlib.sha256(settings.SITE_URL.encode()).hexdigest()[:6]
    name = f"{digest}-{site}-{get_language()}{suffix}.{fmt}"
    return cache.cache_dir() / snapshot.slug / name


def export_data(snapshot, fmt: str):
    """What the `fmt` file of the snapshot is written from, all read in the request."""
    return collect(snapshot).prepare(fmt)


def prepare_press_kit(request, snapshot) -> None:
    """Start building the press kit of a new snapshot in the background: it is most often
    downloaded right after being frozen (`EXPORT_PREPARE_ON_CREATE`)."""
    if not settings.EXPORT_PREPARE_ON_CREATE:
        return
    path = export_path(snapshot, "zip", "")
    cache.obtain(path, builder("zip", export_data(snapshot, "zip"), ""), wait=0, visitor="")


def comparison_builder(fmt: str, data):
    """The function that writes the comparison `data` (`exports.comparison`) in `fmt`."""
    if fmt == "csv":
        return lambda: comparison.to_csv(data)
    if fmt == "xlsx":
        return lambda: comparison.to_xlsx(data)
    return lambda: comparison.to_pdf(data, png.figures_all(data.charts))


def comparison_path(a, b, fmt: str):
    """One file per pair of snapshots' fingerprints, language and format."""
    digests = [
        remember(["export-fingerprint", str(s.pk)], lambda s=s: fingerprint(s)) for s in (a, b)
    ]
    site = hashlib.sha256(settings.SITE_URL.encode()).hexdigest()[:6]
    name = f"{a.slug}--{b.slug}-{digests[0][:8]}{digests[1][:8]}-{site}-{get_language()}.{fmt}"
    return cache.cache_dir() / "comparaisons" / name


def download_name(snapshot, fmt: str, variant: str) -> str:
    """« <slug>-<date>[-<variant>].<fmt> »: the date of the data in every file's name."""
    name = dated_name(snapshot)
    suffix = {"csv": "-excel-fr" if variant else ""}.get(fmt, f"-{variant}" if variant else "")
    return f"{name}{suffix}.{fmt}"
