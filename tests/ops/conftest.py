"""A hostile world for the site-wide sweeps: every text field holds an XSS attempt that also
starts like a spreadsheet formula, internal notes hold a marker that no public page may show,
and the cast of tests/conftest.py (visitor, a lead, press, programme office) acts in it.

`site_urls()` lists every named URL of the site with concrete arguments taken from the world,
so the sweeps grow with the site: a new page or form is covered without editing them.
"""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from projects.enums import Meteo, Phase
from projects.fuzzydates import Precision
from projects.snapshots import services
from tests.factories import (
    IndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    MissionFactory,
    ProjectFactory,
    SourceFactory,
    StatusUpdateFactory,
)

XSS = "<script>alert('xss')</script><img src=x onerror=alert(1)>"
# One payload per formula character; each is also an XSS attempt.
HOSTILE = {start: f'{start}HYPERLINK("http://evil.example")&"{XSS}"' for start in "=+-@"}
INTERNAL = "RISQUE-INTERNE-SECRET"

# Formats whose build takes seconds (PDF, PNG, ZIP): their text comes from the same data as the
# CSV, XLSX and JSON exports, which the sweeps read.
SLOW_SUFFIXES = (".pdf", ".png", ".zip")


@pytest.fixture
def world(db, django_capture_on_commit_callbacks, lead_b, press, office):
    """Missions, projects, milestones, updates (published, submitted, draft), an indicator,
    a source and a press snapshot, every text hostile; returns the objects the URLs need."""
    today = timezone.localdate()
    source = SourceFactory(description=HOSTILE["@"])
    mission = MissionFactory(code="HOSTILE", name=HOSTILE["="], aim=HOSTILE["+"])
    lead = lead_b  # the cast's lead of project B leads the hostile project too
    project = ProjectFactory(
        slug="projet-hostile",
        mission=mission,
        name=HOSTILE["="],
        summary=HOSTILE["+"],
        lead_organisation=HOSTILE["-"],
        entered_on=date(2019, 10, 2),
    )
    project.leads.add(lead)
    project.sources.add(source)
    MilestoneFactory(
        project=project,
        title=HOSTILE["-"],
        baseline_on=today + timedelta(days=60),
        baseline_precision=Precision.DAY,
    )
    published = StatusUpdateFactory(
        project=project,
        as_of=today - timedelta(days=5),
        published_on=today - timedelta(days=5),
        meteo=Meteo.NUAGE,
        phase=Phase.CONCEPTION,
        summary=HOSTILE["@"],
        achievements=HOSTILE["="],
        next_steps=HOSTILE["+"],
        decisions=HOSTILE["-"],
        risks=INTERNAL,
    )
    published.sources.add(source)
    submitted = StatusUpdateFactory(
        project=project, submitted=True, author=lead, summary=XSS, risks=INTERNAL
    )
    indicator = IndicatorFactory(name=HOSTILE["="], unit="@SUM(A1)<b>%</b>", project=project)
    MeasurementFactory(indicator=indicator, text=HOSTILE["+"])
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = services.create_snapshot(
            title=f"Point presse {XSS}", taken_on=today, note=HOSTILE["="], author=press
        )
    draft = StatusUpdateFactory(project=project, draft=True, author=lead, risks=INTERNAL)
    return {
        "mission": mission,
        "project": project,
        "snapshot": snapshot,
        "submitted": submitted,
        "draft": draft,
        "users": {"visitor": None, "lead": lead, "press": press, "office": office},
    }


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry


def site_url_names() -> list[str]:
    """Every named URL of the site but the admin's own (Django tests those), sorted."""
    names = {name for name, _ in _walk(get_resolver().url_patterns)}
    return sorted(name for name in names if not name.startswith("admin:")) + [
        "admin:index",
        "admin:projects_project_add",
    ]


def _argument(name: str, url_name: str, world: dict):
    if name in ("a", "b") or (name == "slug" and url_name.startswith(("snapshots:", "api:"))):
        return world["snapshot"].slug
    if name == "code":
        return world["mission"].code.lower()
    if name == "fmt":
        return "csv"
    if name == "pk":
        return world["draft"].pk if "submit" in url_name else world["submitted"].pk
    return world["project"].slug


def site_url(url_name: str, world: dict) -> str:
    """The path of `url_name` with arguments from the world."""
    pattern = dict(_walk(get_resolver().url_patterns)).get(url_name)
    names = []
    if pattern is not None:
        names = list(getattr(pattern.pattern, "converters", {}) or pattern.pattern.regex.groupindex)
    kwargs = {name: _argument(name, url_name, world) for name in names}
    return reverse(url_name, kwargs=kwargs or None)


def all_rows() -> dict[str, object]:
    """A fingerprint of every domain and account row: counts, plus the state of each update
    and snapshot (a refused write must leave all of it as it was)."""
    fingerprint = {}
    for label in ("projects", "missions", "auth"):
        for model in apps.get_app_config(label).get_models():
            fingerprint[model._meta.label] = model.objects.count()
    StatusUpdate = apps.get_model("projects", "StatusUpdate")
    Snapshot = apps.get_model("projects", "Snapshot")
    fingerprint["states"] = list(StatusUpdate.objects.order_by("pk").values_list("pk", "state"))
    fingerprint["snapshots"] = list(
        Snapshot.objects.order_by("pk").values_list("pk", "published_at", "title")
    )
    return fingerprint
