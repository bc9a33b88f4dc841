"""`/instantanes/<slug>/export.<format>` and the open-data schema `/donnees/schema.json`."""

import json

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.views.decorators.http import require_safe

from projects.access import get_published_snapshot
from projects.exports import cache, comparison, listing, opendata
from projects.exports.data import collect
from projects.exports.meta import dated_name, permalink
from projects.exports.pipeline import (
    CONTENT_TYPES,
    QUICK,
    builder,
    comparison_builder,
    comparison_path,
    download_name,
    export_data,
    export_path,
)


def visitor(request) -> str:
    """Whose build this is: the client's address as login throttling reads it (behind the
    proxy, from X-Forwarded-For when the proxy is trusted)."""
    return import_string(settings.AXES_CLIENT_IP_CALLABLE)(request) or "?"


def _variant(request, fmt: str) -> str:
    if fmt == "csv":
        return "excel" if request.GET.get("format") == "excel" else ""
    if fmt in ("png", "svg"):
        return request.GET.get("chart", "")
    return ""


@require_safe
def export(request, slug, fmt):
    """The snapshot in one format, built once (in the background when long) then kept."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    snapshot = get_published_snapshot(slug)
    variant = _variant(request, fmt)
    path = export_path(snapshot, fmt, variant)
    if not path.exists():
        data = export_data(snapshot, fmt)
        if fmt in ("png", "svg"):
            drawn = [chart.slug for chart in data.charts if chart.has_graph]
            if not variant:
                return redirect(f"{request.path}?chart={drawn[0]}")
            if variant not in drawn:
                raise Http404
        path = _built(request, path, builder(fmt, data, variant), quick=fmt in QUICK)
        if path is None:
            return _preparing(request, snapshot, fmt)
    return _download(path, download_name(snapshot, fmt, variant), fmt)


def _built(request, path, build, *, quick: bool):
    """The file at `path` built now (`quick`), or in the background: None until it is ready."""
    if quick:
        return cache.store(path, build())
    return cache.obtain(path, build, visitor=visitor(request))


def _preparing(request, snapshot, fmt: str):
    context = {"snapshot": snapshot, "fmt": fmt}
    return render(request, "snapshots/preparing.html", context, status=202)


def _download(path, filename: str, fmt: str) -> FileResponse:
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type=CONTENT_TYPES[fmt]
    )


COMPARISON_FORMATS = {"csv", "xlsx", "pdf"}


@require_safe
def comparison_export(request, a, b, fmt):
    """The comparison of two snapshots as a file (PDF, Excel FR CSV, XLSX), built once."""
    if fmt not in COMPARISON_FORMATS:
        raise Http404
    first, second = get_published_snapshot(a), get_published_snapshot(b)
    path = comparison_path(first, second, fmt)
    if not path.exists():
        page = reverse("snapshots:compare", args=[first.slug, second.slug])
        build = comparison_builder(fmt, comparison.collect(first, second, page))
        path = _built(request, path, build, quick=fmt == "csv")
        if path is None:
            return _preparing(request, second, fmt)
    return _download(path, f"comparaison-{dated_name(first)}-{dated_name(second)}.{fmt}", fmt)


@require_safe
def datapackage(request, slug):
    """The open-data CSV's companion descriptor (Data Package): date, source, licence, caveat
    and the schema of its columns."""
    snapshot = get_published_snapshot(slug)
    data = collect(snapshot).prepare("csv")
    csv_path = permalink(reverse("snapshots:export", args=[slug, "csv"]))
    descriptor = opendata.datapackage(data.meta, csv_path, f"techgouv-{slug}")
    return _json(descriptor)


def _json(document: dict) -> HttpResponse:
    body = json.dumps(document, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def list_schema(request):
    """The TableSchema of the project list's open-data CSV (`/projets/?export=csv`)."""
    return _json(listing.schema())


@require_safe
def schema(request):
    """The TableSchema of the open-data CSV (data.gouv.fr convention)."""
    return _json(opendata.schema())
