from datetime import date

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from missions.models import in_language
from projects import rules
from projects.enums import MilestoneState
from projects.fuzzydates import fuzzy
from projects.models.fields import (
    ByRefQuerySet,
    confidence_field,
    fuzzy_date_constraints,
    person_field,
    precision_field,
    ref_field,
    sources_field,
    unique_ref_constraint,
)
from projects.models.queries import join_latest
from projects.models.withdrawal import Withdrawable, active_q, withdrawal_constraint

# What `refresh_current()` keeps, each in a column named current_<name>.
LATEST_DATES = ("forecast_on", "forecast_precision", "actual_on", "actual_precision")


def _published_by(day: date):
    """The changes of every milestone published by `day`: moves, then actual dates."""
    published = MilestoneChange.objects.filter(published_on__lte=day)
    return published.filter(forecast_on__isnull=False), published.filter(actual_on__isnull=False)


def _override(pk, value, default):
    return Case(When(pk=pk, then=Value(value, output_field=models.DateField())), default=default)


class MilestoneQuerySet(ByRefQuerySet):
    def with_dates(self, as_of: date | None = None, *, overrides=None, tracked=None, drift=True):
        """Annotate what is known of each milestone on `as_of` (today when None).

        `forecast_on`/`forecast_precision`: the latest published move of its baseline chain, or
        its first published date; `actual_on`/`actual_precision`: its latest published actual
        date; then `tracked`, `state`, and (unless `drift` is False: counting states needs no
        drift) `drift` and `drift_latest`, by the rules of `projects.rules`.

        Today the latest dates come from the columns `refresh_current()` keeps (no walk through
        the history); on a past day, from the history itself, by one join per kind of change
        (`join_latest`). `overrides` maps a milestone id to the (forecast_on, actual_on) an update
        being written would leave (the update form's evidence); `tracked` replaces the rule of
        who answers for a passed forecast (in the form: True, the lead writing the update does).
        """
        day = as_of or timezone.localdate()
        queryset = self
        if as_of is None:
            latest = {name: F(f"current_{name}") for name in LATEST_DATES}
        else:
            moves, actuals = _published_by(day)
            order = ["-published_on", "-pk"]
            queryset = join_latest(self, "latest_move", "changes", moves, order)
            queryset = join_latest(queryset, "latest_actual", "changes", actuals, order)
            latest = {
                "forecast_on": F("latest_move__forecast_on"),
                "forecast_precision": F("latest_move__forecast_precision"),
                "actual_on": F("latest_actual__actual_on"),
                "actual_precision": F("latest_actual__actual_precision"),
            }
        known = {
            "forecast_on": Coalesce(latest["forecast_on"], F("baseline_on")),
            "forecast_precision": Coalesce(latest["forecast_precision"], F("baseline_precision")),
            "actual_on": latest["actual_on"],
            "actual_precision": latest["actual_precision"],
        }
        for pk, (forecast_on, actual_on) in (overrides or {}).items():
            known["forecast_on"] = _override(pk, forecast_on, known["forecast_on"])
            known["actual_on"] = _override(pk, actual_on, known["actual_on"])
        queryset = queryset.annotate(
            **known,
            tracked=rules.tracked_on(day) if tracked is None else Value(tracked),
        ).annotate(state=rules.milestone_state(day))
        return queryset.with_drift(as_of) if drift else queryset

    def with_drift(self, as_of: date | None = None):
        """Annotate `drift` and `drift_latest` on `as_of` (`rules.drift`, `rules.drift_from_latest`)
        on rows that have `state`: what the pages and files that show drifts ask for."""
        day = as_of or timezone.localdate()
        return self.annotate(drift=rules.drift(day), drift_latest=rules.drift_from_latest(day))

    def with_moves_count(self, as_of: date | None = None):
        """Annotate how many forecast moves were published by `as_of` (a walk through each
        milestone's history: ask for it only where it is shown)."""
        moves, _actuals = _published_by(as_of or timezone.localdate())
        count = (
            moves.filter(milestone=OuterRef("pk"))
            .order_by()
            .values("milestone")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(moves_count=Coalesce(Subquery(count[:1]), Value(0)))

    def refresh_current(self) -> int:
        """Store in each milestone the latest forecast and actual dates of its published
        history, in one UPDATE. Called by the services that publish changes and by the loader.

        A published actual date never lies after its publication (a database constraint), so
        these columns do not depend on the day they are read: they equal what the history
        gives on any later day (a test moves the clock to prove it).
        """
        changes = MilestoneChange.objects.filter(
            milestone=OuterRef("pk"), published_on__isnull=False
        ).order_by("-published_on", "-pk")
        moves = changes.filter(forecast_on__isnull=False)
        actuals = changes.filter(actual_on__isnull=False)
        return self.update(
            current_forecast_on=Subquery(moves.values("forecast_on")[:1]),
            current_forecast_precision=Subquery(moves.values("forecast_precision")[:1]),
            current_actual_on=Subquery(actuals.values("actual_on")[:1]),
            current_actual_precision=Subquery(actuals.values("actual_precision")[:1]),
        )

    def visible_on(self, as_of: date | None = None):
        """Milestones a reader could know on `as_of`: planned ones, and those done by then;
        not those withdrawn by then."""
        day = as_of or timezone.localdate()
        return (
            self.filter(Q(published_on__isnull=True) | Q(published_on__lte=day))
            .filter(Q(baseline_on__isnull=False) | Q(actual_on__isnull=False))
            .filter(active_q(as_of))
        )

    def deletable(self):
        """Milestones nothing was ever published about, the only ones that may be deleted: no
        baseline date (a dated milestone is public at once) and no change in their chain,
        published or pending. Any other is withdrawn instead (`history.withdraw_milestone`)."""
        return self.filter(baseline_on__isnull=True).exclude(
            Exists(MilestoneChange.objects.filter(milestone=OuterRef("pk")))
        )


class Milestone(Withdrawable):
    """A jalon. Its baseline is the date first published; later moves are MilestoneChanges.

    Once dated, it is public history: its baseline is never edited and it is never deleted
    (its project and its chain protect it; the admin withdraws it instead).
    """

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="milestones",
        verbose_name=_("projet"),
    )
    ref = ref_field()
    title = models.CharField(_("intitulé"), max_length=400)
    title_en = models.CharField(_("intitulé (anglais)"), max_length=400, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    baseline_on = models.DateField(_("date de référence initiale"), null=True, blank=True)
    baseline_precision = precision_field(_("précision de la date de référence"))
    published_on = models.DateField(
        _("première publication"),
        null=True,
        blank=True,
        help_text=_("Date à laquelle le jalon a été rendu public, si elle est connue."),
    )
    source_wording = models.CharField(_("date telle que publiée"), max_length=100, blank=True)
    reported_missed = models.BooleanField(
        _("non atteint selon les sources"),
        default=False,
        help_text=_("Une source dit que la cible a été abandonnée ou n'a pas été atteinte."),
    )
    # The latest published dates of the baseline chain, kept by `refresh_current()`; read
    # through `with_dates()`, never edited.
    current_forecast_on = models.DateField(
        _("dernière date prévue publiée"), null=True, blank=True, editable=False
    )
    # NULL, like the dates beside them, when nothing is published (not « »: no precision).
    current_forecast_precision = models.CharField(max_length=8, null=True, editable=False)  # noqa: DJ001
    current_actual_on = models.DateField(
        _("date de réalisation publiée"), null=True, blank=True, editable=False
    )
    current_actual_precision = models.CharField(max_length=8, null=True, editable=False)  # noqa: DJ001
    confidence = confidence_field()
    sources = sources_field()

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")
        constraints = [
            unique_ref_constraint("milestone"),
            *fuzzy_date_constraints(
                "baseline_on", "baseline_precision", _("date de référence"), "milestone"
            ),
            withdrawal_constraint("milestone"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.ref,)

    @property
    def baseline(self):
        return fuzzy(self.baseline_on, self.baseline_precision)

    @property
    def forecast(self):
        return fuzzy(getattr(self, "forecast_on", None), getattr(self, "forecast_precision", None))

    @property
    def actual(self):
        return fuzzy(getattr(self, "actual_on", None), getattr(self, "actual_precision", None))

    @property
    def display_title(self) -> str:
        return in_language(self.title, self.title_en)

    @property
    def state_label(self) -> str:
        return MilestoneState(self.state).label

    @property
    def drift_days(self) -> int | None:
        """Days of drift against the first published date (`rules.drift`), None when unknown."""
        return _days(getattr(self, "drift", None))

    @property
    def drift_latest_days(self) -> int | None:
        """Days of drift against the latest approved baseline (`rules.drift_from_latest`)."""
        return _days(getattr(self, "drift_latest", None))


def _days(duration) -> int | None:
    return None if duration is None else duration.days


class MilestoneChange(models.Model):
    """One link of the baseline chain: a forecast move (with its reason) or an actual date.

    Changes carried by a status update count once that update is validated (`published_on`);
    changes taken from the reference data have no update and are public from the start.
    """

    ref = ref_field()
    milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, related_name="changes", verbose_name=_("jalon")
    )
    status_update = models.ForeignKey(
        "projects.StatusUpdate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="milestone_changes",
        verbose_name=_("point d'avancement"),
    )
    forecast_on = models.DateField(_("nouvelle date prévue"), null=True, blank=True)
    forecast_precision = precision_field()
    actual_on = models.DateField(_("date de réalisation"), null=True, blank=True)
    actual_precision = precision_field()
    reason = models.TextField(_("motif"), max_length=2000, blank=True)
    author = person_field(_("auteur"))
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    published_on = models.DateField(_("publié le"), null=True, blank=True)
    confidence = confidence_field()
    sources = sources_field()

    objects = ByRefQuerySet.as_manager()

    class Meta:
        ordering = ["milestone", "published_on", "pk"]
        verbose_name = _("modification de jalon")
        verbose_name_plural = _("modifications de jalons")
        indexes = [models.Index(fields=["milestone", "published_on"])]
        constraints = [
            unique_ref_constraint("milestonechange"),
            *fuzzy_date_constraints(
                "forecast_on", "forecast_precision", _("date prévue"), "milestonechange"
            ),
            *fuzzy_date_constraints(
                "actual_on", "actual_precision", _("date de réalisation"), "milestonechange"
            ),
            models.CheckConstraint(
                condition=Q(forecast_on__isnull=False) | Q(actual_on__isnull=False),
                name="milestonechange_changes_something",
                violation_error_message=_("Une modification de jalon porte une date."),
            ),
            models.CheckConstraint(
                condition=Q(forecast_on__isnull=True) | ~Q(reason=""),
                name="milestonechange_move_has_reason",
                violation_error_message=_("Déplacer une date prévue demande un motif."),
            ),
            # An actual date is published once its period is over: the stored current dates
            # then never depend on the day they are read (MilestoneQuerySet.refresh_current).
            models.CheckConstraint(
                condition=Q(actual_on__isnull=True)
                | Q(published_on__isnull=True)
                | Q(actual_on__lte=F("published_on")),
                name="milestonechange_actual_not_after_publication",
                violation_error_message=_(
                    "Une date de réalisation ne peut pas être postérieure à sa publication."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.milestone} ({self.published_on})"

    def natural_key(self):
        return (self.ref,)
