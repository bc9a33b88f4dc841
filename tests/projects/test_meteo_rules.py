"""The suggested météo: each rule, its threshold and its French sentence; what it does when
evidence is missing; who may see it."""

import html
from datetime import date, timedelta
from decimal import Decimal

import pytest

from projects.enums import Meteo, MilestoneState, Phase
from projects.meteo_rules import (
    Evidence,
    IndicatorFact,
    MilestoneFact,
    explain,
    indicator_facts,
    needs_justification,
)
from tests.conftest import client_for
from tests.factories import (
    IndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    ProjectFactory,
    StatusUpdateFactory,
)

TODAY = date(2021, 9, 14)


def milestone(days_late=None, drift=0, done=False, state=None):
    """A milestone as `with_dates()` judges it: late by `days_late`, or to come in 30 days."""
    forecast = TODAY - timedelta(days=days_late) if days_late else TODAY + timedelta(days=30)
    if state is None:
        state = (
            MilestoneState.DONE
            if done
            else (MilestoneState.LATE if days_late else MilestoneState.UPCOMING)
        )
    return MilestoneFact(title="Jalon", state=state, forecast_on=forecast, drift_days=drift)


def target(value, text="20", target_value=20, **kwargs):
    return IndicatorFact(
        name="Utilisateurs", target_text=text, target=Decimal(target_value), value=value, **kwargs
    )


def suggested(
    *milestones,
    indicators=(),
    stale=False,
    last_update_on=TODAY,
    reports=True,
    check_staleness=True,
):
    return explain(
        Evidence(
            today=TODAY,
            milestones=milestones,
            indicators=indicators,
            reports=reports,
            stale=stale,
            last_update_on=last_update_on,
            check_staleness=check_staleness,
        )
    )


def test_no_evidence_against_suggests_soleil():
    result = suggested(milestone())
    assert (result.suggested, result.rules, result.missing) == (Meteo.SOLEIL, (), ())


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
    assert result.rules[0].sentence == "2 jalons sont en retard, dont « Jalon » de 20 jours."


def test_a_done_milestone_is_never_late():
    assert suggested(milestone(days_late=300, done=True)).suggested == Meteo.SOLEIL


def test_slippage_against_original_baseline():
    assert suggested(milestone(drift=180)).suggested == Meteo.SOLEIL
    assert suggested(milestone(drift=181)).suggested == Meteo.COUVERT
    result = suggested(milestone(drift=366))
    assert result.suggested == Meteo.NUAGE
    assert result.rules[0].sentence == (
        "Le jalon « Jalon » a glissé de 366 jours par rapport à sa date de référence initiale."
    )


def test_an_unreported_past_target_is_missing_evidence_never_lateness():
    result = suggested(milestone(days_late=2527, state=MilestoneState.UNREPORTED))
    assert result.suggested is None and result.insufficient
    assert result.rules == ()
    assert result.missing == (
        "La réalisation d'1 échéance passée n'est pas renseignée : « Jalon ».",
    )


def test_a_project_that_never_reported_gets_insufficient_evidence():
    result = suggested(milestone(), reports=False)
    assert result.suggested is None
    assert result.missing == (
        "Le projet n'a encore publié aucun point d'avancement dans le tableau de bord : "
        "seules des sources publiques le décrivent.",
    )


def test_an_indicator_below_its_due_target_caps_at_nuage():
    result = suggested(indicators=[target(Decimal(10))])
    assert result.suggested == Meteo.NUAGE
    assert result.rules[0].sentence == (
        "L'indicateur « Utilisateurs » n'atteint pas sa cible échue (20)."
    )
    assert suggested(indicators=[target(Decimal(30))]).rules == ()


def test_lower_is_better_and_lower_bounds_are_respected():
    delay = target(Decimal(30), lower_is_better=True)
    assert suggested(indicators=[delay]).suggested == Meteo.NUAGE
    bound = target(Decimal(10), value_is_lower_bound=True)
    assert suggested(indicators=[bound]).rules == ()


def test_a_due_target_without_a_measurement_since_is_missing_evidence():
    result = suggested(indicators=[target(None, text="30 millions fin 2020")])
    assert result.suggested is None
    assert result.missing == (
        "Aucune mesure de l'indicateur « Utilisateurs » depuis l'échéance de sa cible "
        "(30 millions fin 2020).",
    )
    early = suggested(indicators=[target(None, met_early=True)])
    assert (early.suggested, early.missing) == (Meteo.SOLEIL, ())


@pytest.mark.django_db
def test_indicator_facts_judge_due_targets_against_measurements_taken_since():
    indicator = IndicatorFactory()
    MeasurementFactory(indicator=indicator, on=date(2021, 6, 30), value=10)
    MeasurementFactory(indicator=indicator, is_target=True, on=date(2022, 12, 31), value=20)
    assert indicator_facts([indicator], TODAY) == ()  # not due yet
    MeasurementFactory(
        indicator=indicator, is_target=True, on=date(2021, 3, 31), value=20, text="20"
    )
    (fact,) = indicator_facts([indicator], TODAY)
    assert (fact.value, fact.target, fact.met_early) == (10, 20, False)
    MeasurementFactory(indicator=indicator, on=date(2020, 12, 31), value=25)
    (fact,) = indicator_facts([indicator], TODAY)
    assert fact.met_early is True  # reached before its date: a measurement taken since is 10


def test_staleness_caps_at_nuage_unless_left_out():
    assert suggested(stale=False).rules == ()
    result = suggested(stale=True, last_update_on=TODAY - timedelta(days=91))
    assert result.suggested == Meteo.NUAGE
    assert result.rules[0].sentence == (
        "Le dernier point d'avancement publié date de plus de 90 jours (15/06/2021)."
    )
    assert suggested(stale=True, last_update_on=None).rules[0].sentence == (
        "Aucun point d'avancement n'a été publié."
    )
    assert suggested(stale=True, check_staleness=False).suggested == Meteo.SOLEIL


def test_the_worst_cap_wins_and_every_rule_is_listed():
    result = suggested(milestone(days_late=200), stale=True, last_update_on=None)
    assert result.suggested == Meteo.ORAGE
    assert [rule.code for rule in result.rules] == ["late_milestone", "stale"]


@pytest.mark.parametrize(
    ("declared", "suggestion", "needed"),
    [
        (Meteo.SOLEIL, Meteo.COUVERT, True),
        (Meteo.COUVERT, Meteo.NUAGE, True),
        (Meteo.NUAGE, Meteo.NUAGE, False),
        (Meteo.ORAGE, Meteo.NUAGE, False),
        (Meteo.SOLEIL, None, False),  # nothing to argue against
    ],
)
def test_justification_needed_only_when_declared_is_better(declared, suggestion, needed):
    assert needs_justification(declared, suggestion) is needed


def test_the_suggested_meteo_is_shown_to_the_leads_and_the_office_only(
    project_a, lead_a, lead_b, press, office, today
):
    MilestoneFactory(
        project=project_a,
        title="Bascule",
        baseline_on=today - timedelta(days=12),
        baseline_precision="DAY",
    )
    for user in (lead_a, office):
        page = html.unescape(client_for(user).get(project_a.get_absolute_url()).text)
        assert "Météo suggérée par les éléments connus (interne)" in page
        assert "Le jalon « Bascule » est en retard de 12 jours." in page
    for user in (None, lead_b, press):
        page = html.unescape(client_for(user).get(project_a.get_absolute_url()).text)
        assert "Météo suggérée" not in page
        assert "Bascule" in page  # the milestone itself is public
        assert "Météo déclarée" in page


@pytest.mark.django_db
def test_franceconnect_is_not_judged_on_missing_information(programme, office):
    """30 million users reached on 7 October 2021, more than a year ahead of « fin 2022 »."""
    url = "/projets/franceconnect-generalisation/"
    public = html.unescape(client_for(None).get(url).text)
    assert "Objectifs compromis" not in public
    assert "En retard" not in public
    assert "Météo suggérée" not in public
    office_page = html.unescape(client_for(office).get(url).text)
    assert "Objectifs compromis" not in office_page
    assert "Éléments insuffisants" in office_page
    assert "La réalisation de 2 échéances passées n'est pas renseignée" in office_page
    assert "2 527" not in office_page


def test_one_staleness_rule_for_the_dashboard_list_and_the_suggested_meteo(office, today):
    finished = ProjectFactory(name="Fini")
    StatusUpdateFactory(project=finished, as_of=today - timedelta(days=200), phase=Phase.ACHEVE)
    quiet = ProjectFactory(name="Silencieux")
    StatusUpdateFactory(project=quiet, as_of=today - timedelta(days=200), phase=Phase.DEPLOIEMENT)
    office_client = client_for(office)

    listed = [p.name for p in office_client.get("/").context["stale_projects"]]
    finished_page = office_client.get(finished.get_absolute_url()).context["explanation"]
    quiet_page = office_client.get(quiet.get_absolute_url()).context["explanation"]

    assert listed == ["Silencieux"]
    assert [rule.code for rule in finished_page.rules] == []
    assert finished_page.suggested == Meteo.SOLEIL
    assert [rule.code for rule in quiet_page.rules] == ["stale"]
    assert quiet_page.suggested == Meteo.NUAGE
