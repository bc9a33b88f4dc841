from django.urls import path, re_path

from projects.cache import public_page
from projects.views import snapshot_exports, snapshots

app_name = "snapshots"
urlpatterns = [
    path("", snapshots.snapshot_list, name="list"),
    path("comparer/", snapshots.compare_dates, name="compare_dates"),
    path("<slug:slug>/", public_page(snapshots.snapshot_detail), name="detail"),
    path("<slug:a>/comparer/<slug:b>/", snapshots.snapshot_compare, name="compare"),
    re_path(
        r"^(?P<slug>[-a-zA-Z0-9_]+)/export\.(?P<fmt>csv|xlsx|json|pdf|png|zip)$",
        snapshot_exports.export,
        name="export",
    ),
]
