"""The programme dashboard, on the real programme and on a portfolio made by factories."""

import html
import re
from collections import Counter

import pytest
from django.urls import reverse

from projects.enums import Meteo, MilestoneState, Phase
from projects.models import Project, SnapshotEntry
from tests.querycount import grow_portfolio, queries_for

pytestmark = pytest.mark.django_db


def chart(response, slug):
    return next(c for c in response.context["charts"] if c.slug == slug)


def test_headline_counts_the_identified_portfolio(client, programme):
    response = client.get(reverse("home"))

    identified = Project.objects.identified().count()
    assert response.context["counts"].total == identified
    assert re.search(rf"<span class=\"headline__value\">{identified}</span>", response.text)


def test_meteo_and_phase_tables_match_the_current_status(client, programme):
    response = client.get(reverse("home"))

    projects = Project.objects.identified().with_status()
    meteo = Counter(projects.values_list("meteo", flat=True))
    # No source gives a météo: the chart is its one sentence (issue 13).
    assert meteo == {Meteo.NON_RENSEIGNEE: 33}
    assert chart(response, "meteo").summary == "Aucun des 33 projets n'a de météo renseignée."
    phases = Counter(p or "" for p in projects.values_list("phase", flat=True))
    pipeline = {row[0]: row[-1] for row in chart(response, "pipeline").rows}
    assert pipeline[str(Phase.DEPLOIEMENT.label)] == str(phases[Phase.DEPLOIEMENT])
    assert pipeline["Non connue"] == str(phases[""])


def test_dashboard_shows_the_gap_between_announced_and_identified(client, programme):
    response = client.get(reverse("home"))

    identified = Project.objects.identified().count()
    assert (
        f"43 projets annoncés par la DINUM (Mise à jour mi-2021), {identified} identifiés"
        in response.text
    )


def test_every_chart_has_a_title_a_summary_and_a_table(client, programme):
    response = client.get(reverse("home"))

    charts = [
        *response.context["charts"],
        *response.context["evolution_charts"],
        *response.context["indicator_charts"],
    ]
    assert len(charts) >= 7
    for each in charts:
        assert each.title and each.summary.endswith(".")
        assert each.rows or each.sentence_only, each.slug
        assert f'id="{each.slug}-titre"' in response.text
        if each.has_graph:
            assert f'id="{each.figure_id}" type="application/json"' in response.text


def test_evolution_counts_each_edition_from_its_frozen_snapshot(client, programme):
    response = client.get(reverse("home"))

    evolution = next(
        c for c in response.context["evolution_charts"] if c.slug == "evolution-phases"
    )
    identified = [row[-2] for row in evolution.rows]
    expected = [
        str(SnapshotEntry.objects.filter(snapshot__slug=slug).count())
        for slug in ["feuille-de-route-2019", "mise-a-jour-2020", "mise-a-jour-2021"]
    ]
    assert identified == expected
    assert [row[-1] for row in evolution.rows] == ["35", "38", "43"]


def test_candidates_are_listed_apart_and_never_counted(client, programme):
    response = client.get(reverse("home"))

    candidates = Project.objects.to_confirm()
    assert list(response.context["candidates"]) == list(candidates)
    listed = {p.pk for group in response.context["groups"] for p in group.projects}
    assert not listed & set(candidates.values_list("pk", flat=True))


def test_a_project_with_no_known_mission_is_grouped_under_unknown(client, programme):
    response = client.get(reverse("home"))

    unknown = [g for g in response.context["groups"] if g.mission is None]
    expected = Project.objects.identified().filter(mission__isnull=True)
    assert {p.slug for p in unknown[0].projects} == set(expected.values_list("slug", flat=True))
    assert {p.slug for p in unknown[0].projects} == {
        "commando-ux",
        "logiciels-libres-promotion",
        "strategie-cloud-donnees",
    }
    assert "Mission non connue" in response.text


def test_dashboard_query_count_does_not_grow_with_the_portfolio(client):
    dated = reverse("home") + "?date=2020-01-01"
    grow_portfolio(3)
    small, small_dated = queries_for(client, reverse("home")), queries_for(client, dated)
    grow_portfolio(30)

    assert queries_for(client, reverse("home")) == small
    assert queries_for(client, dated) == small_dated


def test_the_real_programme_shows_unknown_as_unknown_never_as_late(client, programme):
    response = client.get(reverse("home"))

    assert dict(response.context["milestone_counts"]) == {
        MilestoneState.DONE: 53,
        MilestoneState.LATE: 0,  # nobody reports through the dashboard yet
        MilestoneState.UNREPORTED: 14,
        MilestoneState.UPCOMING: 0,
        MilestoneState.UNDATED: 0,
    }
    text = html.unescape(response.text)
    assert "43 projets annoncés par la DINUM (Mise à jour mi-2021), 33 identifiés à ce jour" in text
    assert "9 des projets identifiés ont une date d'entrée dans le programme inconnue." in text
    assert "14</span> échéances passées, réalisation non renseignée" in text
    assert "0</span> jalon en retard" in text
