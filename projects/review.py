"""What the programme office decides on: each submitted update set against what is published.

For each update of the validation queue: before → after for the météo, the phase, the progress
and each milestone date it changes; the milestones it adds; the météo the evidence suggests
(computed as the update form computes it, from the milestones as the update would leave them:
`with_dates(overrides=..., tracked=True)`); the lead's justification; and the consistency
warnings. Milestone states come from `projects.rules` through the annotations, never decided
here. A fixed number of queries whatever the number of updates.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects import meteo_rules
from projects.enums import Meteo, MilestoneState, Phase, phase_label
from projects.formats import number, percent
from projects.fuzzydates import FuzzyDate, fuzzy
from projects.models import Indicator, Measurement, Milestone

# A milestone moved by more than this is pointed out to the office.
LARGE_MOVE_DAYS = 365
# Still to be achieved (an « achevé » project should have none).
NOT_ACHIEVED = (MilestoneState.UPCOMING, MilestoneState.LATE, MilestoneState.UNREPORTED)


@dataclass(frozen=True)
class ValueChange:
    """One line of « before → after »: météo, phase or progress."""

    label: str
    before: str
    after: str
    before_code: str = ""  # the météo codes, for their badges
    after_code: str = ""

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class MilestoneChangeView:
    """A milestone the update changes: its dates before and after, and the reason given."""

    title: str
    forecast_before: FuzzyDate | None
    forecast_after: FuzzyDate | None
    actual_before: FuzzyDate | None
    actual_after: FuzzyDate | None
    reason: str

    @property
    def moved(self) -> bool:
        return self.forecast_after is not None and self.forecast_after != self.forecast_before

    @property
    def achieved(self) -> bool:
        return self.actual_after is not None and self.actual_after != self.actual_before

    @property
    def moved_days(self) -> int | None:
        if not self.moved or self.forecast_before is None:
            return None
        return (self.forecast_after.end - self.forecast_before.end).days


@dataclass
class Review:
    update: object
    values: list[ValueChange]
    milestones: list[MilestoneChangeView]
    new_milestones: list
    explanation: meteo_rules.Explanation
    warnings: list[str] = field(default_factory=list)

    @property
    def better_than_suggested(self) -> bool:
        return meteo_rules.needs_justification(self.update.meteo, self.explanation.suggested)


def _meteo(code: str) -> str:
    return str(Meteo(code).label)


def _progress(value) -> str:
    return percent(value) if value is not None else _("non renseigné")


def value_changes(update) -> list[ValueChange]:
    """Météo, phase and progress: as published (the project's latest update) → as proposed."""
    published = update.project.latest_update
    before_meteo = published.meteo if published else Meteo.NON_RENSEIGNEE
    return [
        ValueChange(
            _("Météo"), _meteo(before_meteo), _meteo(update.meteo), before_meteo, update.meteo
        ),
        ValueChange(
            _("Phase"),
            str(phase_label(published.phase if published else "")),
            str(phase_label(update.phase)),
        ),
        ValueChange(
            _("Avancement"),
            _progress(published.progress if published else None),
            _progress(update.progress),
        ),
    ]


def warnings_of(update, review: Review, proposed: list) -> list[str]:
    """The inconsistencies the office should look at before publishing."""
    found = []
    if update.phase == Phase.ACHEVE:
        if update.progress is not None and update.progress < 100:
            found.append(
                _(
                    "Phase « Achevé » avec un avancement de %(progress)s : un projet achevé est "
                    "à %(full)s."
                )
                % {"progress": percent(update.progress), "full": percent(100)}
            )
        open_titles = [m.title for m in proposed if m.state in NOT_ACHIEVED]
        open_titles += [new.title for new in review.new_milestones]
        if open_titles:
            found.append(
                ngettext(
                    "Phase « Achevé » alors qu'%(n)s jalon n'est pas réalisé : %(titles)s.",
                    "Phase « Achevé » alors que %(n)s jalons ne sont pas réalisés : %(titles)s.",
                    len(open_titles),
                )
                % {
                    "n": number(len(open_titles)),
                    "titles": " ; ".join(f"« {title} »" for title in open_titles),
                }
            )
    for change in review.milestones:
        days = change.moved_days
        if days is not None and abs(days) > LARGE_MOVE_DAYS:
            found.append(
                _(
                    "Le jalon « %(title)s » est déplacé de %(days)s jours, plus d'un an "
                    "(%(before)s → %(after)s)."
                )
                % {
                    "title": change.title,
                    "days": number(abs(days)),
                    "before": change.forecast_before.label(),
                    "after": change.forecast_after.label(),
                }
            )
    if review.better_than_suggested:
        found.append(
            _(
                "La météo déclarée (« %(declared)s ») est meilleure que celle que suggèrent les "
                "éléments du projet (« %(suggested)s ») : lisez la justification."
            )
            % {
                "declared": _meteo(update.meteo),
                "suggested": review.explanation.suggested.label,
            }
        )
    return found


def reviews(updates, today: date) -> list[Review]:
    """One Review per update (with `project__latest_update`, `milestone_changes__milestone`
    and `new_milestones` fetched), in the given order: five queries for the lot."""
    updates = list(updates)
    project_ids = {update.project_id for update in updates}
    published = {
        m.pk: m
        for m in Milestone.objects.filter(project__in=project_ids, withdrawn_on__isnull=True)
        .with_dates()
        .order_by("position", "pk")
    }
    overrides = {}
    for update in updates:
        for change in update.milestone_changes.all():
            before = published.get(change.milestone_id)
            if before is None:
                continue
            overrides[change.milestone_id] = (
                change.forecast_on or before.forecast_on,
                change.actual_on or before.actual_on,
            )
    proposed = defaultdict(list)
    for milestone in (
        Milestone.objects.filter(project__in=project_ids)
        .with_dates(overrides=overrides, tracked=True)
        .visible_on()
        .order_by("position", "pk")
    ):
        proposed[milestone.project_id].append(milestone)
    measurements = Measurement.objects.known_on(today).order_by("is_target", "on", "pk")
    indicators = defaultdict(list)
    for indicator in Indicator.objects.filter(project__in=project_ids).prefetch_related(
        Prefetch("measurements", queryset=measurements)
    ):
        indicators[indicator.project_id].append(indicator)

    result = []
    for update in updates:
        explanation = meteo_rules.explain_project(
            update.project,
            milestones=proposed[update.project_id],
            indicators=indicators[update.project_id],
            today=today,
            check_staleness=False,
            reports=True,
        )
        review = Review(
            update=update,
            values=value_changes(update),
            milestones=[
                _milestone_change(change, published.get(change.milestone_id))
                for change in update.milestone_changes.all()
            ],
            new_milestones=list(update.new_milestones.all()),
            explanation=explanation,
        )
        review.warnings = warnings_of(update, review, proposed[update.project_id])
        result.append(review)
    return result


def _milestone_change(change, before) -> MilestoneChangeView:
    forecast_before = before.forecast if before is not None else None
    actual_before = before.actual if before is not None else None
    return MilestoneChangeView(
        title=change.milestone.display_title,
        forecast_before=forecast_before,
        forecast_after=fuzzy(change.forecast_on, change.forecast_precision) or forecast_before,
        actual_before=actual_before,
        actual_after=fuzzy(change.actual_on, change.actual_precision) or actual_before,
        reason=change.reason,
    )
