"""The rules that turn dated facts into judgements, each written once, as a database expression.

Every page, file and API answer that says a milestone is late, how far it drifted or that a
project is due for news reads the annotations built here: on the live history
(`Milestone.objects.with_dates(day)`, `Project.objects.with_status(day)`) as on a snapshot's
frozen rows (`SnapshotMilestone.objects.judged(day)`). Python code reads these annotations; it
never decides them again.

Missing information is never a judgement: a past target that only a public announcement dated,
and about which nothing has been said since, is « échéance passée, réalisation non renseignée »,
not « en retard »; its drift is unknown, not the days since its date.
"""

from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Value,
    When,
)

from projects.enums import MilestoneState, Phase

# A project that has published nothing for more than this is due for news (« à mettre à jour »).
STALE_DAYS = 90
# Finished and stopped projects need no news.
ENDED_PHASES = (Phase.ACHEVE, Phase.ARRETE)


def milestone_state(day: date) -> Case:
    """The one state of a milestone on `day`, from its `actual_on`, `forecast_on` and `tracked`.

    - réalisé: an actual date is known;
    - non daté: no date at all;
    - à venir: its forecast (the last day of the period announced) is `day` or later;
    - en retard: the forecast has passed without realisation and someone answers for it
      (`tracked`, see `tracked_on`);
    - échéance passée, réalisation non renseignée: the forecast has passed and only a public
      announcement ever dated it.
    """
    return Case(
        When(actual_on__isnull=False, then=Value(MilestoneState.DONE)),
        When(forecast_on__isnull=True, then=Value(MilestoneState.UNDATED)),
        When(forecast_on__gte=day, then=Value(MilestoneState.UPCOMING)),
        When(tracked=True, then=Value(MilestoneState.LATE)),
        default=Value(MilestoneState.UNREPORTED),
    )


def tracked_on(day: date) -> Case:
    """Someone answers for the milestone's forecast on `day`: its project reports through
    updates declared in the application and validated by then (the lead confirms every
    milestone's dates in each update), or a source says the target was missed."""
    return Case(
        When(Q(reported_missed=True) | Q(project__reporting_since__lte=day), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _days(later, earlier) -> ExpressionWrapper:
    return ExpressionWrapper(later - earlier, output_field=DurationField())


def drift(day: date) -> Case:
    """Drift against the first published date (`baseline_on`), one number per milestone: the
    actual date, else `day` when the forecast has passed (late by at least that), else the
    forecast, minus the baseline. Unknown (NULL) without a baseline, and for a milestone whose
    realisation is not reported: its lateness is not known. Needs the `state` annotation."""
    today = Value(day, output_field=DateField())
    return Case(
        When(baseline_on__isnull=True, then=None),
        When(state=MilestoneState.DONE, then=_days(F("actual_on"), F("baseline_on"))),
        When(state=MilestoneState.LATE, then=_days(today, F("baseline_on"))),
        When(state=MilestoneState.UPCOMING, then=_days(F("forecast_on"), F("baseline_on"))),
        default=None,
        output_field=DurationField(),
    )


def drift_from_latest(day: date) -> Case:
    """Drift against the latest approved baseline (the forecast in force): the actual date, or
    `day` for a late milestone, minus that forecast; zero for a milestone still to come. Needs
    the `state` annotation."""
    today = Value(day, output_field=DateField())
    return Case(
        When(forecast_on__isnull=True, then=None),
        When(state=MilestoneState.DONE, then=_days(F("actual_on"), F("forecast_on"))),
        When(state=MilestoneState.LATE, then=_days(today, F("forecast_on"))),
        When(state=MilestoneState.UPCOMING, then=Value(timedelta(0))),
        default=None,
        output_field=DurationField(),
    )


def is_stale(day: date) -> Case:
    """Due for news on `day`: no update published (by the date of the update, `status_on`) in
    the last STALE_DAYS days, or none at all; never a finished or stopped project. Needs the
    `status_on` and `phase` annotations."""
    return Case(
        When(phase__in=ENDED_PHASES, then=Value(False)),
        When(status_on__isnull=True, then=Value(True)),
        When(status_on__lt=day - timedelta(days=STALE_DAYS), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
