"""The suggested météo: what the evidence suggests, which rule says so, and what is missing.

An internal steering aid, shown to the programme office and the project's leads (project page,
update form, review queue), never to the public: visitors and the press see the météo the project
declared, with its justification.

Pure functions of plain data. The evidence is read from annotations made by the rules of
`projects.rules` (a milestone's `state` and `drift`, a project's `is_stale`), from the
indicators' measurements and from whether the project reports through the application; nothing
here decides again whether a milestone is late.

Each rule caps the suggestion (PILOTE scale, worst to best: ORAGE < NUAGE < COUVERT < SOLEIL);
the suggestion is the worst cap, SOLEIL when no rule fires:

- **Late milestone** (`state` late: a forecast someone answers for has passed without
  realisation): one caps at NUAGE; one more than 180 days late, or two or more, cap at ORAGE.
- **Slippage** of a milestone not yet done against its first published date (its `drift`):
  more than 180 days caps at COUVERT, more than 365 days at NUAGE.
- **Indicator below target**: a numeric target whose date has passed and that a measurement
  taken since does not reach (« plus bas est meilleur » reverses the comparison) caps at NUAGE.
- **No recent update** (`rules.is_stale`: finished and stopped projects excluded) caps at NUAGE.
  The status update form leaves this rule out, since the update being written is the news.

The suggestion never concludes from missing data. When the project has never reported through
the application, when a past target's realisation is not reported, or when no measurement was
taken since a target's date, the answer is « éléments insuffisants » with the list of what is
missing (the rules that did fire on known facts are listed too).
"""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.enums import Meteo, MilestoneState
from projects.formats import number
from projects.models.indicator import Qualifier
from projects.rules import STALE_DAYS

LATE_ORAGE_DAYS = 180
LATE_ORAGE_COUNT = 2
SLIPPAGE_COUVERT_DAYS = 180
SLIPPAGE_NUAGE_DAYS = 365


@dataclass(frozen=True)
class MilestoneFact:
    title: str
    state: str
    forecast_on: date | None
    drift_days: int | None


@dataclass(frozen=True)
class IndicatorFact:
    name: str
    target_text: str
    target: Decimal
    value: Decimal | None  # the latest measurement taken since the target's date
    lower_is_better: bool = False
    value_is_lower_bound: bool = False
    met_early: bool = False  # a measurement before the target's date already reached it


@dataclass(frozen=True)
class Evidence:
    today: date
    milestones: tuple[MilestoneFact, ...] = ()
    indicators: tuple[IndicatorFact, ...] = ()
    reports: bool = True  # the project publishes updates declared in the application
    stale: bool = False
    last_update_on: date | None = None
    check_staleness: bool = True


@dataclass(frozen=True)
class FiredRule:
    code: str
    cap: Meteo
    sentence: str


@dataclass(frozen=True)
class Explanation:
    suggested: Meteo | None  # None: « éléments insuffisants »
    rules: tuple[FiredRule, ...]
    missing: tuple[str, ...] = ()

    @property
    def insufficient(self) -> bool:
        return self.suggested is None


def late_milestone_rules(evidence: Evidence) -> list[FiredRule]:
    late = [
        (fact.title, (evidence.today - fact.forecast_on).days)
        for fact in evidence.milestones
        if fact.state == MilestoneState.LATE
    ]
    if not late:
        return []
    title, days = max(late, key=lambda pair: pair[1])
    if len(late) >= LATE_ORAGE_COUNT:
        sentence = _("%(count)s jalons sont en retard, dont « %(title)s » de %(days)s jours.") % {
            "count": number(len(late)),
            "title": title,
            "days": number(days),
        }
        return [FiredRule("late_milestones", Meteo.ORAGE, sentence)]
    cap = Meteo.ORAGE if days > LATE_ORAGE_DAYS else Meteo.NUAGE
    sentence = ngettext(
        "Le jalon « %(title)s » est en retard de %(days)s jour.",
        "Le jalon « %(title)s » est en retard de %(days)s jours.",
        days,
    ) % {"title": title, "days": number(days)}
    return [FiredRule("late_milestone", cap, sentence)]


def slippage_rules(evidence: Evidence) -> list[FiredRule]:
    slipped = [
        (fact.title, fact.drift_days)
        for fact in evidence.milestones
        if fact.state in (MilestoneState.UPCOMING, MilestoneState.LATE)
        and fact.drift_days is not None
        and fact.drift_days > SLIPPAGE_COUVERT_DAYS
    ]
    if not slipped:
        return []
    title, days = max(slipped, key=lambda pair: pair[1])
    cap = Meteo.NUAGE if days > SLIPPAGE_NUAGE_DAYS else Meteo.COUVERT
    sentence = _(
        "Le jalon « %(title)s » a glissé de %(days)s jours par rapport à sa date de référence "
        "initiale."
    ) % {"title": title, "days": number(days)}
    return [FiredRule("slippage", cap, sentence)]


def _reaches(value: Decimal, fact: IndicatorFact) -> bool:
    return value <= fact.target if fact.lower_is_better else value >= fact.target


def _below_target(fact: IndicatorFact) -> bool:
    if fact.value is None or _reaches(fact.value, fact):
        return False
    # A lower bound (« plus de 28 millions ») below the target proves nothing either way.
    return fact.lower_is_better or not fact.value_is_lower_bound


def indicator_rules(evidence: Evidence) -> list[FiredRule]:
    return [
        FiredRule(
            "indicator_below_target",
            Meteo.NUAGE,
            _("L'indicateur « %(name)s » n'atteint pas sa cible échue (%(target)s).")
            % {"name": fact.name, "target": fact.target_text},
        )
        for fact in evidence.indicators
        if _below_target(fact)
    ]


def staleness_rules(evidence: Evidence) -> list[FiredRule]:
    if not (evidence.check_staleness and evidence.stale):
        return []
    if evidence.last_update_on is None:
        sentence = _("Aucun point d'avancement n'a été publié.")
    else:
        sentence = _(
            "Le dernier point d'avancement publié date de plus de %(days)s jours (%(date)s)."
        ) % {"days": STALE_DAYS, "date": evidence.last_update_on.strftime("%d/%m/%Y")}
    return [FiredRule("stale", Meteo.NUAGE, sentence)]


RULES = [late_milestone_rules, slippage_rules, indicator_rules, staleness_rules]


def missing_evidence(evidence: Evidence) -> list[str]:
    """What the suggestion would need and does not have, one French sentence each."""
    missing = []
    if not evidence.reports:
        missing.append(
            _(
                "Le projet n'a encore publié aucun point d'avancement dans le tableau de bord : "
                "seules des sources publiques le décrivent."
            )
        )
    unreported = [f.title for f in evidence.milestones if f.state == MilestoneState.UNREPORTED]
    if unreported:
        missing.append(
            ngettext(
                "La réalisation d'%(n)s échéance passée n'est pas renseignée : %(titles)s.",
                "La réalisation de %(n)s échéances passées n'est pas renseignée : %(titles)s.",
                len(unreported),
            )
            % {"n": number(len(unreported)), "titles": " ; ".join(f"« {t} »" for t in unreported)}
        )
    for fact in evidence.indicators:
        if fact.value is None and not fact.met_early:
            missing.append(
                _(
                    "Aucune mesure de l'indicateur « %(name)s » depuis l'échéance de sa cible "
                    "(%(target)s)."
                )
                % {"name": fact.name, "target": fact.target_text}
            )
    return missing


def explain(evidence: Evidence) -> Explanation:
    """The suggested météo (the worst cap among the rules that fired), or « éléments
    insuffisants » when something the rules need is missing; the rules; what is missing."""
    fired = tuple(rule for check in RULES for rule in check(evidence))
    missing = tuple(missing_evidence(evidence))
    if missing:
        return Explanation(suggested=None, rules=fired, missing=missing)
    suggested = min((rule.cap for rule in fired), key=lambda m: m.rank, default=Meteo.SOLEIL)
    return Explanation(suggested=suggested, rules=fired)


def needs_justification(declared: str, suggested: Meteo | None) -> bool:
    """A declared météo better than the evidence suggests must be justified (nothing to argue
    against when the evidence is insufficient)."""
    return suggested is not None and Meteo(declared).rank > suggested.rank


# --- Building the evidence from annotated rows ----------------------------------------------


def milestone_facts(milestones) -> tuple[MilestoneFact, ...]:
    """Facts from milestones annotated by `with_dates()` (or judged snapshot rows)."""
    return tuple(MilestoneFact(m.title, m.state, m.forecast_on, m.drift_days) for m in milestones)


def indicator_facts(indicators, today: date) -> tuple[IndicatorFact, ...]:
    """Facts from indicators whose `measurements` known on `today` are prefetched: for each
    numeric target already due, the latest numeric measurement taken since its date."""
    facts = []
    for indicator in indicators:
        measurements = list(indicator.measurements.all())
        due = [m for m in measurements if m.is_target and m.value is not None and m.on]
        due = [m for m in due if m.on < today]
        if not due:
            continue
        target = max(due, key=lambda m: (m.on, m.pk))
        values = [m for m in measurements if not m.is_target and m.value is not None and m.on]
        since = [m for m in values if m.on >= target.date.start]
        latest = max(since, key=lambda m: (m.on, m.pk)) if since else None
        fact = IndicatorFact(
            name=indicator.display_name,
            target_text=target.text,
            target=target.value,
            value=latest.value if latest else None,
            lower_is_better=indicator.lower_is_better,
            value_is_lower_bound=bool(latest) and latest.qualifier == Qualifier.MORE_THAN,
        )
        early = [m for m in values if m.on < target.date.start and _reaches(m.value, fact)]
        facts.append(replace(fact, met_early=bool(early)))
    return tuple(facts)


def explain_project(
    project, *, milestones, indicators, today: date, check_staleness=True, reports=None
) -> Explanation:
    """The suggested météo of `project` (annotated by `with_status`, its `reporting_since`
    read) from its already-fetched milestones and indicators. `reports` overrides whether the
    project reports through the application (the update form: it is reporting now)."""
    if reports is None:
        reports = project.reporting_since is not None and project.reporting_since <= today
    return explain(
        Evidence(
            today=today,
            milestones=milestone_facts(milestones),
            indicators=indicator_facts(indicators, today),
            reports=reports,
            stale=bool(getattr(project, "is_stale", False)),
            last_update_on=getattr(project, "status_on", None),
            check_staleness=check_staleness,
        )
    )
