"""Comparing two snapshots or two dates: the real programme, 2019 against 2021, and the rules."""

import html
from datetime import date

import pytest

from projects.enums import Meteo, Phase
from projects.fuzzydates import FuzzyDate
from projects.models import Snapshot, SnapshotEntry
from projects.snapshots.comparison import compare
from projects.snapshots.state import FrozenMilestone, FrozenProject, FrozenState, state_of_snapshot
from tests.conftest import client_for

URL = "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/"


@pytest.mark.django_db
def test_2019_against_2021_on_the_real_programme(programme):
    ids = {
        slug: set(
            SnapshotEntry.objects.filter(snapshot__slug=slug).values_list(
                "project__slug", flat=True
            )
        )
        for slug in ["feuille-de-route-2019", "mise-a-jour-2021"]
    }

    response = client_for(None).get(URL)

    assert response.status_code == 200
    comparison = response.context["comparison"]
    entered = ids["mise-a-jour-2021"] - ids["feuille-de-route-2019"]
    assert {p.slug for p in comparison.entered} == entered
    assert {p.slug for p in comparison.left} == ids["feuille-de-route-2019"] - ids[
        "mise-a-jour-2021"
    ]
    assert comparison.kept == len(ids["mise-a-jour-2021"] & ids["feuille-de-route-2019"])
    assert comparison.summary.startswith(
        f"Entre le 2 octobre 2019 et le 14 septembre 2021, {len(entered)} projets sont entrés "
        "dans le programme et aucun n'en est sorti."
    )
    assert f"Parmi les {comparison.kept} projets présents aux deux dates" in comparison.summary
    assert f"Au 14 septembre 2021, {len(comparison.late_after)} jalons sont en retard." in (
        comparison.summary
    )
    assert comparison.summary in html.unescape(response.text)


@pytest.mark.django_db
def test_two_dates_compare_the_history_like_the_editions(programme):
    by_dates = client_for(None).get("/instantanes/comparer/?du=2019-10-02&au=2021-09-14")
    by_snapshots = client_for(None).get(URL)

    assert by_dates.status_code == 200
    assert by_dates.context["comparison"].summary == by_snapshots.context["comparison"].summary
    assert "reconstitués depuis l'historique daté" in by_dates.text


@pytest.mark.django_db
def test_picking_two_snapshots_goes_to_their_permanent_comparison(programme):
    response = client_for(None).get(
        "/instantanes/comparer/?a=feuille-de-route-2019&b=mise-a-jour-2021"
    )

    assert response.status_code == 302
    assert response["Location"] == URL


@pytest.mark.django_db
def test_a_bad_date_is_explained_in_french():
    response = client_for(None).get("/instantanes/comparer/?du=2019-13-45&au=2021-09-14")

    assert response.status_code == 400
    assert "Saisissez une date valide" in response.text


# --- The rules, on hand-made states (no database) -------------------------------------------


def project(pid, *, meteo=Meteo.COUVERT, phase=Phase.CONCEPTION, milestones=()):
    result = FrozenProject(pid, f"p{pid}", f"Projet {pid}", None, "", meteo, phase, None, None)
    result.milestones = [
        FrozenMilestone(
            result,
            title,
            None,
            FuzzyDate(forecast) if forecast else None,
            FuzzyDate(actual) if actual else None,
        )
        for title, forecast, actual in milestones
    ]
    return result


def states(before, after):
    return FrozenState(date(2020, 1, 1), before), FrozenState(date(2021, 1, 1), after)


def test_meteo_better_worse_and_phase_moves_are_counted_with_plurals():
    a, b = states(
        [project(1), project(2, meteo=Meteo.SOLEIL), project(3, phase=Phase.CADRAGE), project(4)],
        [
            project(1, meteo=Meteo.SOLEIL),
            project(2, meteo=Meteo.ORAGE),
            project(3, phase=Phase.DEPLOIEMENT),
            project(5),
        ],
    )

    c = compare(a, b)

    assert [m.after.id for m in c.meteo_better] == [1]
    assert [m.after.id for m in c.meteo_worse] == [2]
    assert [(m.after.id, m.steps) for m in c.phase_forward] == [(3, 3)]
    assert [p.id for p in c.entered] == [5] and [p.id for p in c.left] == [4]
    assert c.summary.startswith(
        "Entre le 1er janvier 2020 et le 1er janvier 2021, 1 projet est entré dans le programme "
        "et 1 en est sorti. Parmi les 3 projets présents aux deux dates, 1 a progressé d'au moins "
        "une phase. La météo s'est améliorée pour 1 projet et s'est dégradée pour 1 projet."
    )


def test_milestones_delivered_slipped_and_added():
    a, b = states(
        [
            project(
                1,
                milestones=[
                    ("Ouverture", date(2020, 6, 30), None),
                    ("Bilan", date(2020, 3, 31), None),
                ],
            )
        ],
        [
            project(
                1,
                milestones=[
                    ("Ouverture", date(2020, 6, 30), date(2020, 6, 1)),
                    ("Bilan", date(2020, 9, 30), None),
                    ("Extension", date(2021, 6, 30), None),
                ],
            )
        ],
    )

    c = compare(a, b)

    assert [m.milestone.title for m in c.delivered] == ["Ouverture"]
    assert [(m.milestone.title, m.days) for m in c.slipped] == [("Bilan", 183)]
    assert [m.milestone.title for m in c.added] == ["Extension"]
    assert "1 jalon a été réalisé, 1 a glissé de 183 jours et 1 a été ajouté." in c.summary


def test_nothing_changed_reads_naturally():
    a, b = states([project(1), project(2)], [project(1), project(2)])

    text = compare(a, b).summary

    assert "aucun projet n'est entré dans le programme et aucun n'en est sorti" in text
    assert "aucun n'a progressé d'une phase" in text
    assert "Aucune météo ne s'est améliorée ni dégradée." in text
    assert "aucun jalon n'a été réalisé et aucun n'a glissé." in text


@pytest.mark.django_db
def test_a_snapshot_state_reads_only_stored_rows(programme, django_assert_max_num_queries):
    snapshot = Snapshot.objects.get(slug="mise-a-jour-2021")

    with django_assert_max_num_queries(3):
        state = state_of_snapshot(snapshot)

    assert len(state.projects) == SnapshotEntry.objects.filter(snapshot=snapshot).count()
