from django.shortcuts import render
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from projects.coverage import coverage_on
from projects.exports.tables import SafeTableExport
from projects.filters import ProjectFilter
from projects.models import Project
from projects.tables import ProjectTable
from projects.timetravel import time_travel

EXPORT_FORMATS = ["csv", "xlsx", "json"]


@require_safe
def project_list(request):
    """Every project of the portfolio on `?date=`, filtered, sorted, paginated or exported."""
    travel = time_travel(request)
    projects = Project.objects.in_portfolio(travel.as_of).for_table(travel.as_of)
    filters = ProjectFilter(request.GET, queryset=projects)
    table = ProjectTable(filters.qs, travel_query=travel.query)
    export_format = request.GET.get("export", "")
    if export_format in EXPORT_FORMATS:
        # The rows of every page, as filtered and sorted: what the reader sees, whole.
        RequestConfig(request, paginate=False).configure(table)
        exporter = SafeTableExport(export_format, table, dataset_kwargs={"title": "Projets"})
        day = travel.as_of.isoformat() if travel.as_of else "aujourd-hui"
        return exporter.response(f"projets-tech-gouv-{day}.{export_format}")
    RequestConfig(request, paginate=True).configure(table)
    return render(
        request,
        "projects/list.html",
        {
            "table": table,
            "filters": filters,
            "coverage": coverage_on(travel.as_of),
            "export_formats": EXPORT_FORMATS,
        },
    )
