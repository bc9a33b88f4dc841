"""Every output of one day agrees with every other: the dashboard, a mission, the project table,
the project pages, a snapshot frozen that day, the comparison, the PDF and the API. Written
against literal figures of a portfolio built by factories, on 1 December 2026."""

import io
import re
from collections import Counter
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from projects.enums import Listing, Meteo, MilestoneState, Phase, SnapshotKind
from projects.fuzzydates import Precision
from projects.snapshots.services import create_snapshot
from tests.conftest import body, client_for
from tests.factories import (
    MilestoneChangeFactory,
    MilestoneFactory,
    MissionFactory,
    ProjectFactory,
    SnapshotFactory,
    StatusUpdateFactory,
)

TODAY = date(2026, 12, 1)
# What the portfolio below holds on 1 December 2026, by the rules (projects.rules).
MILESTONES = {
    MilestoneState.DONE: 1,
    MilestoneState.LATE: 1,
    MilestoneState.UNREPORTED: 1,
    MilestoneState.UPCOMING: 2,
    MilestoneState.UNDATED: 0,
}
METEO = {Meteo.COUVERT: 1, Meteo.NON_RENSEIGNEE: 2}
PHASES = {Phase.CONCEPTION: 1, Phase.DEPLOIEMENT: 1, "": 1}


@pytest.fixture
def day(clock, db):
    """Two missions, an edition, three identified projects and a candidate:

    - « Reporting » reports through the dashboard (a declared update, 1 October 2026): its
      passed forecast is late, its next one to come;
    - « Public » is known from a public source only: its passed target is unreported, its
      delivered milestone done;
    - « Sans date » has an unknown entry date (in today's portfolio, flagged; in no edition).
    """
    alpha = MissionFactory(code="ALPHA", order=1)
    beta = MissionFactory(code="BETA", order=2)
    SnapshotFactory(
        slug="edition-2021",
        title="Mise à jour mi-2021",
        kind=SnapshotKind.EDITION,
        taken_on=date(2021, 9, 14),
        announced_total=43,
        announced_label="projets",
        published_at=timezone.now(),
    )
    reporting = ProjectFactory(mission=alpha, name="Reporting", entered_on=date(2019, 10, 2))
    StatusUpdateFactory(
        project=reporting, as_of=date(2026, 10, 1), meteo=Meteo.COUVERT, phase=Phase.CONCEPTION
    )
    MilestoneFactory(
        project=reporting,
        title="Bascule",
        baseline_on=date(2026, 6, 30),
        baseline_precision=Precision.DAY,
    )
    MilestoneFactory(
        project=reporting,
        title="Généralisation",
        baseline_on=date(2027, 3, 31),
        baseline_precision=Precision.QUARTER,
    )
    public = ProjectFactory(mission=alpha, name="Public", entered_on=date(2019, 10, 2))
    StatusUpdateFactory(
        project=public,
        ref="public/point-1",
        as_of=date(2021, 6, 30),
        as_of_precision=Precision.MONTH,
        meteo=Meteo.NON_RENSEIGNEE,
        phase=Phase.DEPLOIEMENT,
        progress=None,
    )
    MilestoneFactory(
        project=public,
        title="Cible 2020",
        baseline_on=date(2020, 12, 31),
        baseline_precision=Precision.YEAR,
    )
    delivered = MilestoneFactory(
        project=public, title="Ouverture", baseline_on=None, baseline_precision=""
    )
    MilestoneChangeFactory(
        milestone=delivered,
        actual_on=date(2020, 5, 31),
        actual_precision=Precision.MONTH,
        published_on=date(2020, 5, 31),
    )
    undated_entry = ProjectFactory(mission=beta, name="Sans date", entered_on=None)
    MilestoneFactory(
        project=undated_entry,
        title="Lancement",
        baseline_on=date(2027, 12, 31),
        baseline_precision=Precision.YEAR,
    )
    ProjectFactory(mission=beta, name="Candidat", listing=Listing.UNCERTAIN)
    return {"alpha": alpha, "beta": beta, "projects": [reporting, public, undated_entry]}


def figures_of(response) -> dict:
    """The figures a dashboard page shows, read from its context."""
    context = response.context
    return {
        "identified": context["coverage"].identified,
        "entry_unknown": context["coverage"].entry_unknown,
        "announced": context["coverage"].announced,
        "milestones": dict(context["milestone_counts"]),
        "meteo": dict(context["counts"].by_meteo()),
        "phases": dict(context["counts"].by_phase()),
        "charts": [(chart.slug, chart.rows) for chart in context["charts"]],
    }


def test_a_snapshot_frozen_today_equals_the_dashboard_of_today(day, press):
    snapshot = create_snapshot(title="Point presse", taken_on=TODAY, note="", author=press)
    visitor = client_for(None)

    dashboard = figures_of(visitor.get("/"))
    dated = figures_of(visitor.get("/", {"date": TODAY.isoformat()}))
    frozen = figures_of(visitor.get(snapshot.get_absolute_url()))

    assert dashboard == dated == frozen
    assert dashboard["identified"] == 3
    assert dashboard["entry_unknown"] == 1
    assert dashboard["announced"] == 43
    assert dashboard["milestones"] == MILESTONES
    assert dashboard["meteo"] == METEO
    assert dashboard["phases"] == PHASES
    page = visitor.get(snapshot.get_absolute_url()).text
    assert (
        "43 projets annoncés par la DINUM (Mise à jour mi-2021), 3 identifiés au 1er décembre "
        "2026 dans les sources publiques." in page
    )
    assert "date d'entrée inconnue" in page


def test_a_snapshot_frozen_on_a_past_day_equals_the_dashboard_of_that_day(day, press):
    past = date(2021, 6, 1)  # before the edition: « Sans date » cannot be placed
    snapshot = create_snapshot(title="Avant l'édition", taken_on=past, note="", author=press)
    visitor = client_for(None)

    dated = figures_of(visitor.get("/", {"date": past.isoformat()}))
    frozen = figures_of(visitor.get(snapshot.get_absolute_url()))

    assert dated == frozen
    assert dated["identified"] == 2
    assert dated["milestones"] == {
        MilestoneState.DONE: 1,
        MilestoneState.LATE: 0,
        MilestoneState.UNREPORTED: 1,
        MilestoneState.UPCOMING: 2,
        MilestoneState.UNDATED: 0,
    }


def api_results(client, url) -> list:
    return client.get(url, {"taille": 200}).json()["resultats"]


def test_every_output_of_the_day_agrees(day, press, office):
    snapshot = create_snapshot(title="Point presse", taken_on=TODAY, note="", author=press)
    visitor = client_for(None)

    home = visitor.get("/").context
    missions = [
        visitor.get(reverse("missions:detail", args=[code])).context for code in ("alpha", "beta")
    ]
    table = visitor.get("/projets/").context["table"]
    project_pages = [visitor.get(project.get_absolute_url()).context for project in day["projects"]]
    frozen = visitor.get(snapshot.get_absolute_url()).context
    comparison = visitor.get(
        reverse("snapshots:compare", args=["edition-2021", snapshot.slug])
    ).context["comparison"]
    api_projects = api_results(visitor, "/api/projets/")
    api_milestones = api_results(visitor, "/api/jalons/")
    api_snapshot = visitor.get(f"/api/instantanes/{snapshot.slug}/").json()

    # Projects: 3 everywhere.
    assert home["counts"].total == 3
    assert sum(m["counts"].total for m in missions) == 3
    assert len(list(table.rows)) == 3
    assert frozen["counts"].total == 3
    assert len(comparison.b.projects) == 3 and comparison.coverage_b.identified == 3
    assert len(api_projects) == 3
    assert api_snapshot["couverture"]["projets_identifies"] == 3
    assert api_snapshot["couverture"]["dont_date_entree_inconnue"] == 1

    # Milestones: the same states everywhere.
    assert dict(home["milestone_counts"]) == MILESTONES
    assert sum((Counter(m["milestone_counts"]) for m in missions), Counter()) == Counter(
        {state: n for state, n in MILESTONES.items() if n}
    )
    by_pages = Counter(m.state for page in project_pages for m in page["milestones"])
    assert by_pages == Counter({state: n for state, n in MILESTONES.items() if n})
    assert dict(frozen["milestone_counts"]) == MILESTONES
    assert comparison.b.milestone_counts() == MILESTONES
    assert len(comparison.late_after) == 1 and len(comparison.unreported_after) == 1
    assert Counter(row["etat"] for row in api_milestones) == Counter(
        {state: n for state, n in MILESTONES.items() if n}
    )
    assert {p.name: p.has_late for p in table.data} == {
        "Public": False,
        "Reporting": True,
        "Sans date": False,
    }

    # Drift: one number per milestone, the same on the page, in the API.
    late_page = project_pages[0]["milestones"][0]
    late_api = next(row for row in api_milestones if row["intitule"] == "Bascule")
    assert late_page.drift_days == late_api["glissement_jours"] == 154  # 30 June → 1 December
    assert late_api["glissement_derniere_reference_jours"] == 154
    unreported_api = next(row for row in api_milestones if row["intitule"] == "Cible 2020")
    assert unreported_api["glissement_jours"] is None  # not known: nobody said

    # The PDF of the snapshot prints the same headline figures and the caveat.
    response = client_for(office).get(reverse("snapshots:export", args=[snapshot.slug, "pdf"]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body(response))).pages)
    text = re.sub(r"\s+", " ", text)
    assert "3 projets identifiés" in text
    assert "1 jalon en retard" in text
    assert (
        "43 projets annoncés par la DINUM (Mise à jour mi-2021), 3 identifiés au 1er "
        "décembre 2026 dans les sources publiques." in text
    )
