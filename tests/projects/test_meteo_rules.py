"""The explained météo: each rule, its threshold and its French sentence."""

import html
from datetime import date, timedelta
from decimal import Decimal

import pytest

from projects.enums import Meteo
from projects.meteo_rules import (
    Evidence,
    IndicatorFact,
    MilestoneFact,
    explain,
    indicator_facts,
    needs_justification,
)
from tests.conftest import client_for
from tests.factories import IndicatorFactory, MeasurementFactory, MilestoneFactory

TODAY = date(2021, 9, 14)


def milestone(days_late=None, slipped=0, done=False):
    forecast = TODAY - timedelta(days=days_late) if days_late else TODAY + timedelta(days=30)
    return MilestoneFact(
        title="Jalon",
        baseline_on=forecast - timedelta(days=slipped),
        forecast_on=forecast,
        actual_on=TODAY if done else None,
    )


def suggested(*milestones, indicators=(), last_update_on=TODAY, check_staleness=True):
    return explain(
        Evidence(
            today=TODAY,
            milestones=milestones,
            indicators=indicators,
            last_update_on=last_update_on,
            check_staleness=check_staleness,
        )
    )


def test_no_evidence_against_suggests_soleil():
    result = suggested(milestone())
    assert result.suggested == Meteo.SOLEIL
    assert result.rules == ()


def test_one_late_milestone_caps_at_nuage():
    result = suggested(milestone(days_late=10))
    assert result.suggested == Meteo.NUAGE
    assert result.rules[0].sentence == "Le jalon « Jalon » est en retard de 10 jours."


def test_a_milestone_more_than_180_days_late_suggests_orage():
    assert suggested(milestone(days_late=180)).suggested == Meteo.NUAGE
    assert suggested(milestone(days_late=181)).suggested == Meteo.ORAGE


def test_two_late_milestones_suggest_orage():
    result = suggested(milestone(days_late=3), milestone(days_late=20))
    assert result.suggested == Meteo.ORAGE
    assert "2 jalons sont en retard" in result.rules[0].sentence


def test_a_done_milestone_is_never_late():
    assert suggested(milestone(days_late=300, done=True)).suggested == Meteo.SOLEIL


def test_slippage_against_original_baseline():
    assert suggested(milestone(slipped=180)).suggested == Meteo.SOLEIL
    assert suggested(milestone(slipped=181)).suggested == Meteo.COUVERT
    result = suggested(milestone(slipped=366))
    assert result.suggested == Meteo.NUAGE
    assert "a glissé de 366 jours" in result.rules[0].sentence


def test_an_indicator_below_its_due_target_caps_at_nuage():
    below = IndicatorFact("Utilisateurs", Decimal(10), Decimal(20))
    result = suggested(indicators=[below])
    assert result.suggested == Meteo.NUAGE
    assert result.rules[0].sentence == "L'indicateur « Utilisateurs » n'atteint pas sa cible échue."
    assert suggested(indicators=[IndicatorFact("U", Decimal(30), Decimal(20))]).rules == ()


def test_lower_is_better_and_lower_bounds_are_respected():
    delay = IndicatorFact("Délai", Decimal(30), Decimal(20), lower_is_better=True)
    assert suggested(indicators=[delay]).suggested == Meteo.NUAGE
    bound = IndicatorFact("U", Decimal(10), Decimal(20), value_is_lower_bound=True)
    assert suggested(indicators=[bound]).rules == ()


@pytest.mark.django_db
def test_indicator_facts_only_judge_due_targets():
    indicator = IndicatorFactory()
    MeasurementFactory(indicator=indicator, on=date(2021, 6, 30), value=10)
    MeasurementFactory(indicator=indicator, is_target=True, on=date(2022, 12, 31), value=20)
    assert indicator_facts([indicator], TODAY) == ()
    MeasurementFactory(indicator=indicator, is_target=True, on=date(2021, 8, 31), value=20)
    (fact,) = indicator_facts([indicator], TODAY)
    assert (fact.value, fact.target) == (10, 20)


def test_no_update_for_more_than_90_days_caps_at_nuage():
    assert suggested(last_update_on=TODAY - timedelta(days=90)).rules == ()
    result = suggested(last_update_on=TODAY - timedelta(days=91))
    assert result.suggested == Meteo.NUAGE
    assert result.rules[0].sentence == "Le dernier point d'avancement publié date de 91 jours."
    assert suggested(last_update_on=None).suggested == Meteo.NUAGE
    assert suggested(last_update_on=None, check_staleness=False).suggested == Meteo.SOLEIL


def test_the_worst_cap_wins_and_every_rule_is_listed():
    result = suggested(milestone(days_late=200), last_update_on=None)
    assert result.suggested == Meteo.ORAGE
    assert [rule.code for rule in result.rules] == ["late_milestone", "no_update"]


@pytest.mark.parametrize(
    ("declared", "suggestion", "needed"),
    [
        (Meteo.SOLEIL, Meteo.COUVERT, True),
        (Meteo.COUVERT, Meteo.NUAGE, True),
        (Meteo.NUAGE, Meteo.NUAGE, False),
        (Meteo.ORAGE, Meteo.NUAGE, False),
    ],
)
def test_justification_needed_only_when_declared_is_better(declared, suggestion, needed):
    assert needs_justification(declared, suggestion) is needed


def test_project_page_shows_declared_and_suggested_meteo_with_the_rule(project_a, today):
    MilestoneFactory(
        project=project_a,
        title="Bascule",
        baseline_on=today - timedelta(days=12),
        baseline_precision="DAY",
    )
    page = html.unescape(client_for(None).get(project_a.get_absolute_url()).content.decode())
    assert "Météo expliquée" in page
    assert "Le jalon « Bascule » est en retard de 12 jours." in page
