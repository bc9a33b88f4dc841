"""The reference data: fixture build, idempotent loading, editions as the reference gives them."""

import copy
import importlib.util
import json
from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missions.models import Mission
from projects.enums import Confidence, Listing, MilestoneState, SnapshotKind
from projects.models import (
    Announcement,
    Measurement,
    Milestone,
    MilestoneChange,
    Project,
    Snapshot,
    SnapshotEntry,
    SnapshotMilestone,
    StatusUpdate,
)
from projects.snapshots.services import freeze_snapshot

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "techgouv.yaml"
FIXTURE = ROOT / "fixtures" / "programme.json"
CODES = ["LABEL", "IDNUM", "DATA", "INFRA", "PILOT", "TALENTS", "FABRIQUE", "TRANSFO"]
# Today's reference (fourth pass): (edition slug, date, announced total, identified projects).
PINNED = [
    ("feuille-de-route-2019", date(2019, 10, 2), 35, 19),
    ("mise-a-jour-2020", date(2020, 8, 28), 38, 21),
    ("mise-a-jour-2021", date(2021, 9, 14), 43, 24),
]
# Identified projects whose entry date no source gives: in no edition, in today's portfolio.
ENTRY_UNKNOWN = {
    "administration-proactive",
    "conseil-cadrage-pilotage-projets",
    "conseil-strategie-transformation-numerique",
    "dossier-numerique-entreprise",
    "franceconnect-plus",
    "partagez-vos-talents-numeriques",
    "rie-resilience",
    "strategie-cloud-donnees",
    "webinaire-etat",
}


def load_script():
    spec = importlib.util.spec_from_file_location(
        "build_fixtures", ROOT / "scripts" / "build_fixtures.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build_fixtures():
    return load_script()


@pytest.fixture(scope="module")
def reference():
    if not REFERENCE.exists():
        pytest.skip(f"données de référence absentes : {REFERENCE} (dépôt ../shared non monté)")
    import yaml

    return yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))


def table_contents() -> dict[str, list[dict]]:
    """Every row of every table of the two domain apps (M2M tables included), by id."""
    contents = {}
    for label in ("missions", "projects"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            contents[model._meta.db_table] = list(model.objects.order_by("pk").values())
    return contents


# --- Missions --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_eight_missions_in_order(programme):
    assert list(Mission.objects.order_by("order").values_list("code", flat=True)) == CODES
    assert list(Mission.objects.values_list("order", flat=True)) == list(range(1, 9))
    fabrique = Mission.objects.get(code="FABRIQUE")
    assert fabrique.renamed_to == "BETA"
    assert fabrique.sources.filter(key="S_ORGA2021").exists()
    assert Mission.objects.get(code="TRANSFO").name_confidence == Confidence.HIGH
    assert Mission.objects.get(code="LABEL").name_confidence == Confidence.MEDIUM


# --- Loader ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_loading_twice_changes_nothing(programme):
    assert programme.startswith("Programme chargé : 8 missions, ")
    before = table_contents()
    out = StringIO()
    call_command("load_programme", stdout=out)
    assert table_contents() == before
    assert out.getvalue() == programme
    assert {table: len(rows) for table, rows in before.items()}["projects_snapshotentry"] == (
        19 + 21 + 24
    )


@pytest.mark.django_db
def test_rows_gone_from_the_reference_are_removed(programme, tmp_path):
    objects = json.loads(FIXTURE.read_text(encoding="utf-8"))
    gone = "franceconnect-generalisation/jalon-8"
    kept = [
        item
        for item in objects
        if item["fields"].get("ref") not in (gone, f"{gone}/realisation")
        and item["fields"].get("ref") != "ind-fc-users/mesure-7"
    ]
    fixture = tmp_path / "programme.json"
    fixture.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    project = Project.objects.get(slug="franceconnect-generalisation")
    own = Milestone.objects.create(project=project, title="Jalon saisi dans l'application")
    ids = dict(Milestone.objects.exclude(ref="").values_list("ref", "pk"))

    call_command("load_programme", fixture=str(fixture), stdout=StringIO())

    assert not Milestone.objects.filter(ref=gone).exists()
    assert not MilestoneChange.objects.filter(ref=f"{gone}/realisation").exists()
    assert not Measurement.objects.filter(ref="ind-fc-users/mesure-7").exists()
    assert Milestone.objects.filter(pk=own.pk).exists()  # rows made in the app stay
    del ids[gone]
    assert dict(Milestone.objects.exclude(ref="").values_list("ref", "pk")) == ids


@pytest.mark.django_db
def test_freezing_costs_a_fixed_number_of_queries(programme):
    snapshot = Snapshot.objects.get(slug="mise-a-jour-2021")
    entries = list(snapshot.entries.order_by("pk").values())
    with CaptureQueriesContext(connection) as unchanged:
        assert freeze_snapshot(snapshot=snapshot) == 24
    assert list(snapshot.entries.order_by("pk").values()) == entries  # nothing rewritten

    small = Snapshot.objects.get(slug="feuille-de-route-2019")
    SnapshotEntry.objects.filter(snapshot__in=[snapshot, small]).delete()
    with CaptureQueriesContext(connection) as big_rewrite:
        freeze_snapshot(snapshot=snapshot)
    with CaptureQueriesContext(connection) as small_rewrite:
        freeze_snapshot(snapshot=small)
    # A savepoint and its release, then two reads of each state (missions, projects, milestones).
    assert len(unchanged) == 8
    assert len(big_rewrite) == len(small_rewrite) == 12
    assert snapshot.entries.count() == 24
    assert SnapshotMilestone.objects.filter(entry__snapshot=snapshot).exists()


# --- Projects --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_project_has_a_source(programme):
    assert Project.objects.count() > 0
    assert not Project.objects.filter(sources__isnull=True).exists()


@pytest.mark.django_db
def test_unknown_mission_and_entry_stay_empty(programme):
    assert Project.objects.get(slug="commando-ux").mission is None
    assert Project.objects.get(slug="numerique-ecoresponsable").mission.code == "PILOT"
    unknown_entry = Project.objects.identified().filter(entered_on__isnull=True)
    assert set(unknown_entry.values_list("slug", flat=True)) == ENTRY_UNKNOWN
    # In no edition, but in today's portfolio (counted from the day after the last edition).
    assert not SnapshotEntry.objects.filter(project__in=unknown_entry).exists()
    assert set(Project.objects.in_portfolio().values_list("slug", flat=True)) >= ENTRY_UNKNOWN
    assert Project.objects.in_portfolio().count() == 33
    assert Project.objects.in_portfolio(date(2021, 9, 14)).count() == 24
    assert Project.objects.in_portfolio(date(2021, 9, 15)).count() == 33


@pytest.mark.django_db
def test_candidates_are_loaded_but_in_no_snapshot(programme):
    candidates = Project.objects.filter(listing=Listing.UNCERTAIN) | Project.objects.filter(
        confidence=Confidence.LOW
    )
    assert candidates.exists()
    assert set(candidates) == set(Project.objects.to_confirm())
    assert set(candidates.values_list("slug", flat=True)) == {
        "cybersecurite-etat",
        "designers-interet-general",
        "dematerialisation-urbanisme",
        "referentiel-remuneration-filiere-numerique",
        "souverainete-numerique",
    }
    assert Project.objects.get(slug="franceconnect-plus").listing == Listing.LIKELY
    assert Project.objects.get(slug="cybersecurite-etat").confidence == Confidence.LOW
    assert not SnapshotEntry.objects.filter(project__in=candidates).exists()


@pytest.mark.django_db
def test_low_confidence_facts_stay_low(programme):
    assert Project.objects.get(slug="plateforme-echange-donnees").name_confidence == (
        Confidence.LOW
    )
    assert Project.objects.get(slug="dossier-numerique-agent").mission_confidence == (
        Confidence.LOW
    )
    assert Project.objects.get(slug="franceconnect-plus").entry_confidence == Confidence.LOW
    assert Milestone.objects.get(ref="dossier-numerique-citoyen/jalon-2").confidence == (
        Confidence.LOW
    )
    assert Project.objects.get(slug="designers-interet-general").confidence == Confidence.LOW


@pytest.mark.django_db
def test_milestones_updates_and_measurements_follow_the_rules(programme):
    target = Milestone.objects.get(ref="label-catalogue-gouvtech/jalon-5")
    assert (target.baseline_on, target.baseline_precision) == (date(2022, 12, 31), "YEAR")
    assert not target.changes.exists()

    done = Milestone.objects.with_dates().get(ref="franceconnect-generalisation/jalon-4")
    assert done.baseline_on is None
    assert (done.actual_on, done.actual_precision) == (date(2019, 12, 31), "YEAR")
    assert done.changes.get().ref == "franceconnect-generalisation/jalon-4/realisation"

    update = StatusUpdate.objects.get(ref="partagez-vos-talents-numeriques/point-1")
    assert (update.as_of, update.as_of_precision, update.phase) == (
        date(2020, 8, 31),
        "MONTH",
        "EXPERIMENTATION",
    )
    assert update.meteo == "NON_RENSEIGNEE" and update.progress is None
    assert StatusUpdate.objects.get(ref="rie-resilience/point-1").phase == ""

    users = Measurement.objects.get(ref="ind-fc-users/mesure-1")
    assert (users.value, users.qualifier, users.text) == (10_000_000, "MORE_THAN", ">10 millions")
    compound = Measurement.objects.get(ref="ind-snap-usage/mesure-1")
    assert compound.value is None and compound.text.startswith("Tchap 250 000 inscrits")
    unreadable = Measurement.objects.get(ref="ind-teletravail/cible-1")
    assert unreadable.is_target and unreadable.on is None and unreadable.value == 25


# --- Editions --------------------------------------------------------------------------------


def identified_in_reference(reference: dict, edition: date) -> set[str]:
    """The documented rule, read straight from the YAML: `yes`/`likely` listing, high or medium
    confidence, entered by the edition (« 2020 ou 2021 » counts from mi-2021; unknown: never)."""
    entry_dates = {
        "2019": date(2019, 10, 2),
        "2020": date(2020, 8, 28),
        "2021": date(2021, 9, 14),
        "2020 ou 2021": date(2021, 9, 14),
    }
    slugs = set()
    for project in reference["projects"]:
        listing = "yes" if project["in_official_list"] is True else project["in_official_list"]
        entered = entry_dates.get(str(project.get("entered")))
        if (
            listing in ("yes", "likely")
            and project["confidence"] in ("high", "medium")
            and entered is not None
            and entered <= edition
        ):
            slugs.add(project["id"])
    return slugs


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "taken_on", "announced", "identified"), PINNED)
def test_editions_hold_the_announced_total_and_the_identified_projects(
    programme, slug, taken_on, announced, identified
):
    snapshot = Snapshot.objects.get(slug=slug)
    assert snapshot.kind == SnapshotKind.EDITION
    assert snapshot.taken_on == taken_on
    frozen = set(snapshot.entries.values_list("project__slug", flat=True))
    assert frozen == set(Project.objects.in_portfolio(taken_on).values_list("slug", flat=True))
    # Today's numbers, pinned: a new reference that moves them must be looked at.
    assert (snapshot.announced_total, len(frozen)) == (announced, identified)


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "taken_on"), [(slug, day) for slug, day, _a, _i in PINNED])
def test_editions_match_the_reference(programme, reference, slug, taken_on):
    snapshot = Snapshot.objects.get(slug=slug)
    counts = {str(c["date"]): c for c in reference["programme"]["project_counts"] if "date" in c}
    assert snapshot.announced_total == counts[taken_on.isoformat()]["total"]
    frozen = set(snapshot.entries.values_list("project__slug", flat=True))
    assert frozen == identified_in_reference(reference, taken_on)


@pytest.mark.django_db
def test_edition_announcements(programme):
    editions = list(Snapshot.objects.editions())
    assert [e.announced_label for e in editions] == ["actions", "projets", "projets"]
    latest = editions[-1]
    assert (latest.announced_completed, latest.announced_completing, latest.announced_new) == (
        9,
        1,
        5,
    )
    assert all(e.published_at is not None for e in editions)


# --- The build script ------------------------------------------------------------------------


def test_committed_fixture_is_up_to_date(reference, build_fixtures, capsys):
    assert build_fixtures.main(["--reference", str(REFERENCE), "--check"]) == 0, (
        capsys.readouterr().err
    )


def test_stale_fixture_is_reported(reference, build_fixtures, tmp_path, capsys):
    stale = tmp_path / "programme.json"
    stale.write_text("[]\n", encoding="utf-8")
    assert build_fixtures.main(["--reference", str(REFERENCE), "--output", str(stale), "--check"])
    assert "pas à jour" in capsys.readouterr().err


def test_unknown_wording_stops_the_build(reference, build_fixtures, tmp_path, capsys):
    import yaml

    changed = copy.deepcopy(reference)
    changed["projects"][0]["milestones"][0]["when"] = "vers 2020"
    path = tmp_path / "techgouv.yaml"
    path.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
    output = tmp_path / "programme.json"
    assert build_fixtures.main(["--reference", str(path), "--output", str(output)]) == 1
    assert "vers 2020" in capsys.readouterr().err
    assert not output.exists()


@pytest.mark.parametrize(
    ("wording", "standard"),
    [
        ("T1 2020 (cible 2019)", "Q1 2020"),
        ("2020 (avant mai)", "H1 2020"),
        ("2019-06/07", "2019"),
        ("automne 2021", "H2 2021"),
        ("été 2021", "2021"),
        ("2021-09 à 2022-01", "2022-01"),
        ("2021-06 (fin)", "2021-06"),
        ("2021-09-14", "2021-09-14"),
        ("S1 2022", "H1 2022"),
    ],
)
def test_when_wordings(build_fixtures, wording, standard):
    assert build_fixtures.fuzzy_date(wording).iso == standard


def test_unreadable_target_dates_are_none(build_fixtures):
    assert build_fixtures.fuzzy_date("fin de la feuille de route") is None
    assert build_fixtures.fuzzy_date("initiale (2019)") is None


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        (">10 millions", "utilisateurs", ("10000000.00", "MORE_THAN")),
        ("~12 millions", "utilisateurs", ("12000000.00", "ABOUT")),
        ("20 millions", "utilisateurs", ("20000000.00", "EXACT")),
        (">1 000", "services", ("1000.00", "MORE_THAN")),
        (">1\u202f300", "services", ("1300.00", "MORE_THAN")),
        ("16e", "rang", ("16.00", "EXACT")),
        ("35 %", "%", ("35.00", "EXACT")),
        ("~80 produits", "produits", ("80.00", "ABOUT")),
        ("5 achevés / 38", "projets", (None, "EXACT")),
        ("~100 nouveaux produits incubés par an", "produits", (None, "EXACT")),
        ("Tchap 250 000 inscrits ; Resana 170 000", "", (None, "EXACT")),
    ],
)
def test_figures(build_fixtures, text, unit, expected):
    assert build_fixtures.parse_figure(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("https://example.org/a (github:o/r@abc1234:x.md)", "https://example.org/a"),
        (
            "github:o/r@0123abcd:_actualites/A B.markdown (daté)",
            "https://github.com/o/r/blob/0123abcd/_actualites/A%20B.markdown",
        ),
        ("github:o/r:_x/y.markdown (version)", "https://github.com/o/r/blob/HEAD/_x/y.markdown"),
        ("Affirmation du brief", ""),
    ],
)
def test_source_urls(build_fixtures, text, url):
    assert build_fixtures.source_url(text) == url


@pytest.mark.django_db
def test_a_target_the_sources_say_was_met_is_done_on_that_date(programme):
    met = Milestone.objects.with_dates().get(ref="franceconnect-generalisation/jalon-7")
    assert (met.baseline_on, met.baseline_precision) == (date(2022, 12, 31), "SEMESTER")
    assert (met.actual_on, met.actual_precision) == (date(2021, 10, 7), "DAY")
    assert met.state == MilestoneState.DONE
    assert met.drift_days == -450  # more than a year ahead of « fin 2022 »
    realisation = met.changes.get()
    assert realisation.ref == "franceconnect-generalisation/jalon-7/realisation"
    assert list(realisation.sources.values_list("key", flat=True)) == ["S_FC30M"]
    label = Milestone.objects.with_dates().get(ref="label-catalogue-gouvtech/jalon-1")
    assert label.source_wording == "T1 2020 (cible 2019)"
    assert (label.actual_on, label.state, label.drift_days) == (
        date(2021, 5, 17),
        MilestoneState.DONE,
        412,  # met late: 17 May 2021 against 31 March 2020
    )
    assert realisation.confidence == Confidence.HIGH
    assert label.changes.get().confidence == Confidence.MEDIUM


@pytest.mark.django_db
def test_announcements_are_history_not_milestones(programme):
    announcements = Announcement.objects.order_by("ref")
    assert [(a.ref, a.on, a.on_precision) for a in announcements] == [
        ("franceconnect-agent/jalon-1", date(2019, 12, 31), "YEAR"),
        ("franceconnect-agent/jalon-2", date(2019, 10, 31), "MONTH"),
        ("snap-sac-a-dos-numerique-agent/jalon-1", date(2020, 7, 31), "MONTH"),
    ]
    assert not Milestone.objects.filter(ref__in=[a.ref for a in announcements]).exists()
    assert Milestone.objects.filter(project__slug="franceconnect-agent").count() == 1


@pytest.mark.django_db
def test_no_milestone_of_the_real_programme_is_late(programme):
    """Nobody reports through the application yet: a past target without news is unknown."""
    states = Counter(Milestone.objects.with_dates().visible_on().values_list("state", flat=True))
    assert states == {MilestoneState.DONE: 57, MilestoneState.UNREPORTED: 14}


def test_an_announcement_cannot_carry_an_outcome(reference, build_fixtures, tmp_path, capsys):
    import yaml

    changed = copy.deepcopy(reference)
    agent = next(p for p in changed["projects"] if p["id"] == "franceconnect-agent")
    agent["milestones"][0]["outcome"] = "met"
    path = tmp_path / "techgouv.yaml"
    path.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
    assert build_fixtures.main(["--reference", str(path), "--output", str(tmp_path / "x")]) == 1
    assert "une annonce n'a pas d'issue" in capsys.readouterr().err
