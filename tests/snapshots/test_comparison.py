"""Comparing two snapshots or two dates: the real programme, 2019 against 2021, and the rules."""

import html
from datetime import date

import pytest

from projects.coverage import Coverage
from projects.enums import Meteo, MilestoneState, Phase
from projects.fuzzydates import FuzzyDate
from projects.models import Snapshot, SnapshotEntry
from projects.snapshots.comparison import compare
from projects.snapshots.state import FrozenMilestone, FrozenProject, FrozenState, state_of_snapshot
from tests.conftest import client_for

URL = "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/"


SUMMARY_2019_2021 = (
    "Au 2 octobre 2019 : 35 actions annoncées par la DINUM (Feuille de route 2019-2021), "
    "19 identifiées dans les sources publiques ; au 14 septembre 2021 : 43 projets annoncés par "
    "la DINUM (Mise à jour mi-2021), 24 identifiés dans les sources publiques. "
    "Entre le 2 octobre 2019 et le 14 septembre 2021, 5 projets identifiés sont entrés dans le "
    "programme (avec 10 jalons) et aucun projet identifié n'en est sorti. "
    "Au 14 septembre 2021, la DINUM comptait 9 projets achevés parmi ses 43 ; les sources lues "
    "ne les nomment pas. "
    "Parmi les 19 projets présents aux deux dates, la phase d'aucun n'est connue aux deux dates "
    "et la phase de 2 projets est désormais connue. "
    "Aucune météo déclarée ne s'est améliorée ni dégradée. "
    "Entre le 2 octobre 2019 et le 14 septembre 2021, côté jalons, 29 jalons ont été réalisés, "
    "3 ont glissé (de 218 jours en moyenne) et 3 ont été ajoutés aux projets déjà présents. "
    "Au 14 septembre 2021, aucun jalon n'est en retard et 3 échéances sont passées sans "
    "réalisation renseignée."
)


@pytest.mark.django_db
def test_2019_against_2021_on_the_real_programme(programme):
    response = client_for(None).get(URL)

    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert comparison.summary == SUMMARY_2019_2021
    assert {p.slug for p in comparison.entered} == {
        "commando-ux",
        "eclairage-decision-publique-donnees",
        "logiciels-libres-promotion",
        "snap-sac-a-dos-numerique-agent",
        "transformation-numerique-territoires",
    }
    assert comparison.left == []
    # Done before the first date (« 2019 », « 10/2019 ») is never done « between »…
    delivered = {m.milestone.title for m in comparison.delivered}
    assert "Cap des 10 millions d'utilisateurs" not in delivered
    # …and nothing is listed both as done between the dates and as added.
    added = {id(m.milestone) for m in comparison.added}
    assert not added & {id(m.milestone) for m in comparison.delivered}
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
    result = FrozenProject(
        pid, f"p{pid}", f"Projet {pid}", None, "", meteo, phase, None, None, date(2019, 10, 2)
    )
    result.milestones = [
        FrozenMilestone(
            result,
            title,
            None,
            FuzzyDate.parse(forecast) if forecast else None,
            FuzzyDate.parse(actual) if actual else None,
            MilestoneState.DONE if actual else MilestoneState.UPCOMING,
        )
        for title, forecast, actual in milestones
    ]
    return result


def coverage(day, identified):
    return Coverage(day, False, None, identified, 0)


def compared(before, after, a=date(2020, 1, 1), b=date(2021, 1, 1)):
    return compare(
        FrozenState(a, before),
        FrozenState(b, after),
        coverage(a, len(before)),
        coverage(b, len(after)),
    )


def test_meteo_better_worse_and_phase_moves_are_counted_with_plurals():
    c = compared(
        [project(1), project(2, meteo=Meteo.SOLEIL), project(3, phase=Phase.CADRAGE), project(4)],
        [
            project(1, meteo=Meteo.SOLEIL),
            project(2, meteo=Meteo.ORAGE),
            project(3, phase=Phase.DEPLOIEMENT),
            project(5),
        ],
    )

    assert [m.after.id for m in c.meteo_better] == [1]
    assert [m.after.id for m in c.meteo_worse] == [2]
    assert [(m.after.id, m.steps) for m in c.phase_forward] == [(3, 3)]
    assert [p.id for p in c.entered] == [5] and [p.id for p in c.left] == [4]
    assert c.summary.startswith(
        "Au 1er janvier 2020 : 4 projets identifiés dans les sources publiques ; au 1er janvier "
        "2021 : 4 projets identifiés dans les sources publiques. Entre le 1er janvier 2020 et le "
        "1er janvier 2021, 1 projet identifié est entré dans le programme et 1 projet identifié "
        "en est sorti. Parmi les 3 projets présents aux deux dates, la phase de 3 est connue aux "
        "deux dates et 1 a progressé d'au moins une phase. La météo s'est améliorée pour 1 projet "
        "et s'est dégradée pour 1 projet."
    )


def test_phases_unknown_at_either_date_are_never_said_not_to_progress():
    c = compared([project(1, phase=""), project(2)], [project(1), project(2, phase="")])

    assert c.phase_compared == 0
    assert "aucun de ceux-là n'a progressé" not in c.summary
    assert (
        "Parmi les 2 projets présents aux deux dates, la phase d'aucun n'est connue aux deux "
        "dates et la phase de 1 projet est désormais connue."
    ) in c.summary


def test_milestones_delivered_slipped_and_added():
    c = compared(
        [project(1, milestones=[("Ouverture", "2020-06-30", None), ("Bilan", "2020-03-31", None)])],
        [
            project(
                1,
                milestones=[
                    ("Ouverture", "2020-06-30", "2020-06-01"),
                    ("Bilan", "2020-09-30", None),
                    ("Extension", "2021-06-30", None),
                    ("Lancement", None, "2019"),  # done in 2019: news, not done « between »
                ],
            )
        ],
    )

    assert [m.milestone.title for m in c.delivered] == ["Ouverture"]
    assert [(m.milestone.title, m.days) for m in c.slipped] == [("Bilan", 183)]
    assert [m.milestone.title for m in c.added] == ["Extension", "Lancement"]
    assert (
        "côté jalons, 1 jalon a été réalisé, 1 a glissé de 183 jours et 2 ont été ajoutés aux "
        "projets déjà présents."
    ) in c.summary


def test_a_period_that_may_begin_before_the_first_date_is_not_done_between():
    c = compared(
        [project(1, milestones=[("Pilote", "2020-12-31", None)])],
        [project(1, milestones=[("Pilote", "2020-12-31", "2020-01")])],
        a=date(2020, 1, 15),
    )

    assert c.delivered == []  # January 2020 may be before 15 January


def test_nothing_changed_reads_naturally():
    text = compared([project(1), project(2)], [project(1), project(2)]).summary

    assert (
        "aucun projet identifié n'est entré dans le programme et aucun projet identifié n'en "
        "est sorti"
    ) in text
    assert (
        "la phase de 2 est connue aux deux dates et aucun de ceux-là n'a progressé d'une phase"
    ) in text
    assert "Aucune météo déclarée ne s'est améliorée ni dégradée." in text
    assert "aucun jalon n'a été réalisé et aucun n'a glissé." in text


def test_the_same_day_is_never_compared_with_itself():
    day = date(2021, 9, 14)
    text = compared([project(1)], [project(1)], a=day, b=day).summary

    assert text == (
        "Au 14 septembre 2021 : 1 projet identifié dans les sources publiques. Les deux états "
        "décrivent le même jour. Au 14 septembre 2021, aucun jalon n'est en retard."
    )


@pytest.mark.django_db
def test_a_snapshot_state_reads_only_stored_rows(programme, django_assert_max_num_queries):
    snapshot = Snapshot.objects.get(slug="mise-a-jour-2021")

    with django_assert_max_num_queries(3):
        state = state_of_snapshot(snapshot)

    assert len(state.projects) == SnapshotEntry.objects.filter(snapshot=snapshot).count()
