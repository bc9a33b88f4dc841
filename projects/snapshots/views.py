"""Snapshots: the list and the freeze form, a snapshot's permanent page, comparisons."""

from csp.decorators import csp_replace
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods, require_safe

from projects import perms
from projects.access import get_published_snapshot
from projects.cache import public_page
from projects.enums import SnapshotKind
from projects.exports.meta import snapshot_metadata
from projects.exports.pipeline import prepare_press_kit
from projects.grouping import group_by_mission
from projects.models import Snapshot, SnapshotEntry
from projects.overview import overview
from projects.portfolio import Portfolio
from projects.snapshots import charts as snapshot_charts
from projects.snapshots import services
from projects.snapshots.comparison import comparison_of
from projects.snapshots.forms import CompareDatesForm, SnapshotForm

PROJECTS_PER_MISSION = 12


@require_http_methods(["GET", "POST"])
def snapshot_list(request):
    """Every published snapshot; the press and the programme office freeze a new one here."""
    form = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not perms.can_freeze_snapshot(request.user):
            raise PermissionDenied
        form = SnapshotForm(request.POST)
        if form.is_valid():
            snapshot = services.create_snapshot(author=request.user, **form.cleaned_data)
            prepare_press_kit(request, snapshot)
            return redirect(snapshot)
    elif perms.can_freeze_snapshot(request.user):
        form = SnapshotForm()
    snapshots = list(Snapshot.objects.published().order_by("-taken_on", "-pk"))
    return render(
        request,
        "snapshots/list.html",
        {
            "editions": [s for s in snapshots if s.kind == SnapshotKind.EDITION],
            "press": [s for s in snapshots if s.kind == SnapshotKind.PRESS],
            "snapshots": snapshots,
            "form": form,
            "dates_form": CompareDatesForm(),
        },
    )


@require_safe
def snapshot_detail(request, slug):
    """The dashboard exactly as frozen: every figure comes from the snapshot's stored rows."""
    snapshot = get_published_snapshot(slug)
    portfolio = Portfolio.of_snapshot(snapshot)
    summary = overview(portfolio)
    listed = (
        SnapshotEntry.objects.filter(snapshot=snapshot)
        .first_per_mission(PROJECTS_PER_MISSION)
        .for_listing(snapshot.taken_on)
    )
    others = Snapshot.objects.published().exclude(pk=snapshot.pk).order_by("-taken_on", "-pk")
    return render(
        request,
        "snapshots/detail.html",
        {
            **summary.context(),
            "snapshot": snapshot,
            "groups": [
                group
                for group in group_by_mission(summary.missions, listed, summary.counts.by_mission())
                if group.projects
            ],
            "others": others,
        },
    )


def _chart_embed(request, slug, chart):
    snapshot = get_published_snapshot(slug)
    summary = overview(Portfolio.of_snapshot(snapshot))
    found = next((c for c in summary.all_charts if c.slug == chart), None)
    if found is None:
        raise Http404
    return render(
        request,
        "snapshots/embed.html",
        {
            "snapshot": snapshot,
            "chart": found,
            "meta": snapshot_metadata(snapshot, summary.coverage),
            "embedded": True,
        },
    )


_cached_chart_embed = public_page(_chart_embed)


@csp_replace({"frame-ancestors": ["*"]})
@xframe_options_exempt
@require_safe
def chart_embed(request, slug, chart):
    """One chart of a snapshot, alone, for other sites to frame (`frame-ancestors *` here
    only; every other page keeps `DENY`): the chart, its table, its stamp, a link back."""
    return _cached_chart_embed(request, slug, chart)


def _comparison_page(request, a: Portfolio, b: Portfolio):
    comparison = comparison_of(a, b)
    return render(
        request,
        "snapshots/compare.html",
        {
            "comparison": comparison,
            "a_snapshot": a.snapshot,
            "b_snapshot": b.snapshot,
            "charts": [
                snapshot_charts.phase_transitions(comparison),
                snapshot_charts.meteo_before_after(comparison),
            ],
        },
    )


@require_safe
def snapshot_compare(request, a, b):
    """Two snapshots, from their stored rows."""
    first, second = get_published_snapshot(a), get_published_snapshot(b)
    return _comparison_page(request, Portfolio.of_snapshot(first), Portfolio.of_snapshot(second))


@require_safe
def compare_dates(request):
    """`?a=<slug>&b=<slug>` goes to the comparison of two snapshots; `?du=AAAA-MM-JJ&au=…`
    compares the portfolio on two dates, computed from the dated history."""
    if "a" in request.GET and "b" in request.GET:
        first, second = (
            get_published_snapshot(request.GET["a"]),
            get_published_snapshot(request.GET["b"]),
        )
        return redirect("snapshots:compare", a=first.slug, b=second.slug)
    form = CompareDatesForm(request.GET or None)
    if not form.is_valid():
        return render(
            request,
            "snapshots/compare_dates.html",
            {"dates_form": form, "title": _("Comparer deux dates")},
            status=400 if request.GET else 200,
        )
    return _comparison_page(
        request, Portfolio.on(form.cleaned_data["du"]), Portfolio.on(form.cleaned_data["au"])
    )
