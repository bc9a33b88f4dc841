"""`/instantanes/<slug>/export.<format>` and the open-data schema `/donnees/schema.json`."""

import hashlib
import json

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from projects.access import get_published_snapshot
from projects.cache import remember
from projects.exports import cache, excel_csv, json_export, opendata, pdf, png, press_kit, xlsx
from projects.exports.data import collect, fingerprint

# Built in the request (well under a second at 5,000 projects); the others in the background.
QUICK = {"csv", "json"}

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "pdf": "application/pdf",
    "png": "image/png",
    "zip": "application/zip",
}


def _builder(fmt: str, data, variant: str):
    if fmt == "csv":
        return lambda: (excel_csv if variant == "excel" else opendata).to_csv(data)
    if fmt == "xlsx":
        return lambda: xlsx.to_xlsx(data)
    if fmt == "json":
        return lambda: json_export.to_json(data)
    if fmt == "pdf":
        return lambda: pdf.to_pdf(data, png.render_all(data.charts))
    if fmt == "png":
        chart = next(chart for chart in data.charts if chart.slug == variant)
        return lambda: png.render(chart)
    return lambda: press_kit.to_zip(data)


def _variant(request, fmt: str) -> str:
    if fmt == "csv":
        return "excel" if request.GET.get("format") == "excel" else ""
    if fmt == "png":
        return request.GET.get("chart", "")
    return ""


def _export_path(request, snapshot, fmt: str, variant: str):
    host = hashlib.sha256(request.get_host().encode()).hexdigest()[:6]
    suffix = f"-{variant}" if variant else ""
    # The fingerprint costs four aggregates: once per portfolio version, not per download.
    digest = remember(["export-fingerprint", str(snapshot.pk)], lambda: fingerprint(snapshot))
    name = f"{digest}-{host}-{get_language()}{suffix}.{fmt}"
    return cache.cache_dir() / snapshot.slug / name


def _collect(request, snapshot):
    data = collect(snapshot)
    data.permalink = request.build_absolute_uri(snapshot.get_absolute_url())
    return data


def prepare_press_kit(request, snapshot) -> None:
    """Start building the press kit of a new snapshot in the background: it is most often
    downloaded right after being frozen."""
    if not getattr(settings, "EXPORT_PREPARE_ON_CREATE", True):
        return
    path = _export_path(request, snapshot, "zip", "")
    cache.obtain(path, _builder("zip", _collect(request, snapshot), ""), wait=0)


@require_safe
def export(request, slug, fmt):
    """The snapshot in one format, built once (in the background when long) then kept."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    snapshot = get_published_snapshot(slug)
    variant = _variant(request, fmt)
    path = _export_path(request, snapshot, fmt, variant)
    if not path.exists():
        data = _collect(request, snapshot)
        if fmt == "png":
            drawn = [chart.slug for chart in data.charts if chart.has_graph]
            if not variant:
                return _redirect_to_chart(request, drawn[0])
            if variant not in drawn:
                raise Http404
        builder = _builder(fmt, data, variant)
        if fmt in QUICK:
            cache.store(path, builder())
        else:
            path = cache.obtain(path, builder)
        if path is None:
            return render(
                request, "snapshots/preparing.html", {"snapshot": snapshot, "fmt": fmt}, status=202
            )
    name = snapshot.slug + {"csv": "-excel-fr" if variant else ""}.get(
        fmt, f"-{variant}" if variant else ""
    )
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"{name}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )


def _redirect_to_chart(request, chart_slug):
    return redirect(f"{request.path}?chart={chart_slug}")


@require_safe
def schema(request):
    """The TableSchema of the open-data CSV (data.gouv.fr convention)."""
    body = json.dumps(opendata.schema(), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response
