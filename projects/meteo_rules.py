"""The explained météo: what the evidence suggests, and which rule says so.

Pure functions: the evidence is plain data (built from `Milestone.objects.with_dates()`, the
indicators' measurements and the date of the latest published update), the answer is a
suggested météo plus the list of rules that fired, each with a French sentence. Every rule caps
the suggestion; the suggestion is the worst cap, SOLEIL when no rule fires.

Thresholds (PILOTE scale, worst to best: ORAGE < NUAGE < COUVERT < SOLEIL):

- **Late milestone** (forecast date passed, not done): one late milestone caps at NUAGE; a
  milestone more than 180 days late, or two late milestones or more, caps at ORAGE.
- **Slippage against the original baseline** of a milestone not yet done (forecast minus first
  published date): more than 180 days caps at COUVERT, more than 365 days at NUAGE.
- **Indicator below target**: a numeric target whose date has passed and that the latest
  numeric measurement does not reach (« plus bas est meilleur » reverses the comparison) caps
  at NUAGE. A measurement published as a lower bound (« > 15 millions ») below the target is
  inconclusive and ignored; targets still to come are not judged.
- **No recent update**: no published update for more than 90 days, or none at all, caps at
  NUAGE (the programme office has to ask for news). The status update form leaves this rule
  out, since the update being written is the news.

When the declared météo ranks better than the suggested one, the form asks for a justification.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.enums import Meteo
from projects.models.indicator import Qualifier

LATE_ORAGE_DAYS = 180
LATE_ORAGE_COUNT = 2
SLIPPAGE_COUVERT_DAYS = 180
SLIPPAGE_NUAGE_DAYS = 365
STALE_DAYS = 90


@dataclass(frozen=True)
class MilestoneFact:
    title: str
    baseline_on: date | None
    forecast_on: date | None
    actual_on: date | None


@dataclass(frozen=True)
class IndicatorFact:
    name: str
    value: Decimal | None
    target: Decimal | None
    lower_is_better: bool = False
    value_is_lower_bound: bool = False


@dataclass(frozen=True)
class Evidence:
    today: date
    milestones: tuple[MilestoneFact, ...] = ()
    indicators: tuple[IndicatorFact, ...] = ()
    last_update_on: date | None = None
    check_staleness: bool = True


@dataclass(frozen=True)
class FiredRule:
    code: str
    cap: Meteo
    sentence: str


@dataclass(frozen=True)
class Explanation:
    suggested: Meteo
    rules: tuple[FiredRule, ...]

    @property
    def explained(self) -> bool:
        return bool(self.rules)


def late_milestone_rules(evidence: Evidence) -> list[FiredRule]:
    late = [
        (fact, (evidence.today - fact.forecast_on).days)
        for fact in evidence.milestones
        if fact.actual_on is None and fact.forecast_on and fact.forecast_on < evidence.today
    ]
    if not late:
        return []
    title, days = max(((fact.title, days) for fact, days in late), key=lambda pair: pair[1])
    if len(late) >= LATE_ORAGE_COUNT:
        sentence = _("%(count)s jalons sont en retard, dont « %(title)s » de %(days)s jours.") % {
            "count": len(late),
            "title": title,
            "days": days,
        }
        return [FiredRule("late_milestones", Meteo.ORAGE, sentence)]
    cap = Meteo.ORAGE if days > LATE_ORAGE_DAYS else Meteo.NUAGE
    sentence = ngettext(
        "Le jalon « %(title)s » est en retard de %(days)s jour.",
        "Le jalon « %(title)s » est en retard de %(days)s jours.",
        days,
    ) % {"title": title, "days": days}
    return [FiredRule("late_milestone", cap, sentence)]


def slippage_rules(evidence: Evidence) -> list[FiredRule]:
    slipped = [
        (fact.title, (fact.forecast_on - fact.baseline_on).days)
        for fact in evidence.milestones
        if fact.actual_on is None and fact.forecast_on and fact.baseline_on
    ]
    slipped = [(title, days) for title, days in slipped if days > SLIPPAGE_COUVERT_DAYS]
    if not slipped:
        return []
    title, days = max(slipped, key=lambda pair: pair[1])
    cap = Meteo.NUAGE if days > SLIPPAGE_NUAGE_DAYS else Meteo.COUVERT
    sentence = _(
        "Le jalon « %(title)s » a glissé de %(days)s jours par rapport à sa date de référence "
        "initiale."
    ) % {"title": title, "days": days}
    return [FiredRule("slippage", cap, sentence)]


def _below_target(fact: IndicatorFact) -> bool:
    if fact.value is None or fact.target is None:
        return False
    if fact.lower_is_better:
        return fact.value > fact.target
    return fact.value < fact.target and not fact.value_is_lower_bound


def indicator_rules(evidence: Evidence) -> list[FiredRule]:
    return [
        FiredRule(
            "indicator_below_target",
            Meteo.NUAGE,
            _("L'indicateur « %(name)s » n'atteint pas sa cible échue.") % {"name": fact.name},
        )
        for fact in evidence.indicators
        if _below_target(fact)
    ]


def staleness_rules(evidence: Evidence) -> list[FiredRule]:
    if not evidence.check_staleness:
        return []
    if evidence.last_update_on is None:
        sentence = _("Aucun point d'avancement n'a été publié.")
        return [FiredRule("no_update", Meteo.NUAGE, sentence)]
    days = (evidence.today - evidence.last_update_on).days
    if days <= STALE_DAYS:
        return []
    sentence = _("Le dernier point d'avancement publié date de %(days)s jours.") % {"days": days}
    return [FiredRule("stale", Meteo.NUAGE, sentence)]


RULES = [late_milestone_rules, slippage_rules, indicator_rules, staleness_rules]


def explain(evidence: Evidence) -> Explanation:
    """The suggested météo (the worst cap among the rules that fired) and those rules."""
    fired = tuple(rule for check in RULES for rule in check(evidence))
    suggested = min((rule.cap for rule in fired), key=lambda m: m.rank, default=Meteo.SOLEIL)
    return Explanation(suggested=suggested, rules=fired)


def needs_justification(declared: str, suggested: Meteo) -> bool:
    """A declared météo better than the evidence suggests must be justified."""
    declared_meteo = Meteo(declared)
    return declared_meteo.rank > suggested.rank


# --- Building the evidence from the models -------------------------------------------------


def milestone_facts(milestones, overrides: dict | None = None) -> tuple[MilestoneFact, ...]:
    """Facts from milestones annotated by `with_dates()`.

    `overrides` maps a milestone id to `(forecast_on, actual_on)` as the form would leave them.
    """
    overrides = overrides or {}
    facts = []
    for milestone in milestones:
        forecast_on, actual_on = overrides.get(
            milestone.pk, (milestone.forecast_on, milestone.actual_on)
        )
        facts.append(MilestoneFact(milestone.title, milestone.baseline_on, forecast_on, actual_on))
    return tuple(facts)


def indicator_facts(indicators, today: date) -> tuple[IndicatorFact, ...]:
    """Facts from indicators whose `measurements` are prefetched (no query per indicator)."""
    facts = []
    for indicator in indicators:
        measured = [
            m
            for m in indicator.measurements.all()
            if not m.is_target and m.value is not None and m.on and m.on <= today
        ]
        targets = [
            m
            for m in indicator.measurements.all()
            if m.is_target and m.value is not None and m.on and m.on <= today
        ]
        if not measured or not targets:
            continue
        latest = max(measured, key=lambda m: (m.on, m.pk))
        target = max(targets, key=lambda m: (m.on, m.pk))
        facts.append(
            IndicatorFact(
                name=indicator.display_name,
                value=latest.value,
                target=target.value,
                lower_is_better=indicator.lower_is_better,
                value_is_lower_bound=latest.qualifier == Qualifier.MORE_THAN,
            )
        )
    return tuple(facts)


def explain_project(
    *, milestones, indicators, last_update_on, today: date, overrides=None, check_staleness=True
) -> Explanation:
    """The explained météo of a project from its already-fetched evidence."""
    return explain(
        Evidence(
            today=today,
            milestones=milestone_facts(milestones, overrides),
            indicators=indicator_facts(indicators, today),
            last_update_on=last_update_on,
            check_staleness=check_staleness,
        )
    )
