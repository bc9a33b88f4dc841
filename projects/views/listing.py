from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from projects.coverage import coverage_on
from projects.exports import listing
from projects.exports.meta import Metadata, live_source, permalink
from projects.filters import ProjectFilter
from projects.models import Project
from projects.tables import ProjectTable
from projects.timetravel import time_travel

# The flavours offered under the table: (export, format, label).
EXPORTS = [
    ("csv", "excel", gettext_lazy("Tableur Excel (FR)")),
    ("csv", "", gettext_lazy("Données ouvertes (CSV)")),
    ("xlsx", "", "XLSX"),
    ("json", "", "JSON"),
]
# What a list's permanent address keeps of the query: the filters and the date.
NOT_FILTERS = {"export", "format", "page", "tri"}


@require_safe
def project_list(request):
    """Every project of the portfolio on `?date=`, filtered, sorted, paginated or exported."""
    travel = time_travel(request)
    projects = Project.objects.table(travel.as_of)
    filters = ProjectFilter(request.GET, queryset=projects)
    table = ProjectTable(filters.qs, travel_query=travel.query)
    export_format = request.GET.get("export", "")
    if export_format:
        if export_format not in listing.FORMATS:
            raise Http404
        # The rows of every page, as filtered and sorted: what the reader sees, whole.
        RequestConfig(request, paginate=False).configure(table)
        return _export(request, travel, filters, [row.record for row in table.rows])
    RequestConfig(request, paginate=True).configure(table)
    return render(
        request,
        "projects/list.html",
        {
            "table": table,
            "filters": filters,
            "coverage": coverage_on(travel.as_of),
            "exports": EXPORTS,
        },
    )


def _export(request, travel, filters, projects) -> HttpResponse:
    day = travel.as_of or timezone.localdate()
    short, lines = listing.describe_filters(filters)
    kept = request.GET.copy()
    for name in NOT_FILTERS:
        kept.pop(name, None)
    query = f"?{kept.urlencode()}" if kept else ""
    coverage = coverage_on(travel.as_of)
    meta = Metadata(
        title=_("Projets du programme TECH.GOUV"),
        day=day,
        origin=live_source(day),
        permalink=permalink(request.path + query),
        caveat=coverage.caveat(),
        coverage=coverage.as_data(),
        filters=tuple(lines),
    )
    export = listing.ListExport([listing.record(p, day) for p in projects], meta, short)
    fmt = request.GET["export"]
    excel = fmt == "csv" and request.GET.get("format") == "excel"
    csv_url = request.path + (f"{query}&" if query else "?") + "export=csv"
    response = HttpResponse(
        listing.build(export, fmt, excel, csv_url), content_type=listing.CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = content_disposition_header(True, export.filename(fmt, excel))
    if fmt == "csv" and not excel:
        described = request.path + (f"{query}&" if query else "?") + "export=datapackage"
        response["Link"] = f'<{permalink(described)}>; rel="describedby"'
    return response
