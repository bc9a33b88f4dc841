from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from missions.models import Source
from projects.fuzzydates import fuzzy
from projects.models.fields import (
    ByRefQuerySet,
    confidence_field,
    fuzzy_date_constraints,
    precision_field,
    ref_field,
    unique_ref_constraint,
)
from projects.models.withdrawal import Withdrawable, active_q, withdrawal_constraint


class MilestoneState(models.TextChoices):
    DONE = "DONE", _("Réalisé")
    LATE = "LATE", _("En retard")
    UPCOMING = "UPCOMING", _("À venir")
    UNDATED = "UNDATED", _("Non daté")


def _published_changes(day: date):
    """The published forecast moves and actual dates of the outer milestone known on `day`,
    latest first."""
    changes = MilestoneChange.objects.filter(milestone=OuterRef("pk"), published_on__lte=day)
    moves = changes.filter(forecast_on__isnull=False).order_by("-published_on", "-pk")
    actuals = changes.filter(actual_on__isnull=False, actual_on__lte=day)
    return moves, actuals.order_by("-published_on", "-pk")


# What `refresh_current()` keeps, each in a column named current_<name>.
LATEST_DATES = ("forecast_on", "forecast_precision", "actual_on", "actual_precision")


def _latest_published(day: date) -> dict:
    """The latest published forecast and actual date (with their precisions) of the outer
    milestone on `day`: NULL where its history has none."""
    moves, actuals = _published_changes(day)
    return {
        "forecast_on": Subquery(moves.values("forecast_on")[:1]),
        "forecast_precision": Subquery(moves.values("forecast_precision")[:1]),
        "actual_on": Subquery(actuals.values("actual_on")[:1]),
        "actual_precision": Subquery(actuals.values("actual_precision")[:1]),
    }


class MilestoneQuerySet(ByRefQuerySet):
    def with_dates(self, as_of: date | None = None):
        """Annotate the forecast and actual dates known on `as_of`, the state and the slippage.

        The forecast is the latest published move of the baseline chain, or the first
        published baseline; the actual date is the latest published one. Slippage is the
        difference between the actual (or forecast) date and the original baseline.

        Today (`as_of` None) the latest dates are read from the columns `refresh_current()`
        keeps (two plain columns instead of a walk through each milestone's history: the
        dashboards of a large portfolio stay fast); on a past date they are found in the
        history itself.
        """
        day = as_of or date.today()
        if as_of is None:
            latest = {name: F(f"current_{name}") for name in LATEST_DATES}
        else:
            latest = _latest_published(day)
        known = {
            "forecast_on": Coalesce(latest["forecast_on"], F("baseline_on")),
            "forecast_precision": Coalesce(latest["forecast_precision"], F("baseline_precision")),
            "actual_on": latest["actual_on"],
            "actual_precision": latest["actual_precision"],
        }
        return self.annotate(**known).annotate(
            state=Case(
                When(actual_on__isnull=False, then=Value(MilestoneState.DONE)),
                When(forecast_on__isnull=True, then=Value(MilestoneState.UNDATED)),
                When(forecast_on__lt=day, then=Value(MilestoneState.LATE)),
                default=Value(MilestoneState.UPCOMING),
            ),
            slippage=ExpressionWrapper(
                Coalesce(F("actual_on"), F("forecast_on")) - F("baseline_on"),
                output_field=DurationField(),
            ),
        )

    def with_moves_count(self, as_of: date | None = None):
        """Annotate how many forecast moves were published by `as_of` (a walk through each
        milestone's history: ask for it only where it is shown)."""
        moves, _actuals = _published_changes(as_of or date.today())
        count = moves.order_by().values("milestone").annotate(n=models.Count("pk")).values("n")
        return self.annotate(moves_count=Coalesce(Subquery(count[:1]), Value(0)))

    def refresh_current(self) -> int:
        """Store in each milestone the latest forecast and actual dates its published history
        gives today, in one UPDATE. Called wherever changes are published or loaded."""
        latest = _latest_published(date.today())
        return self.update(**{f"current_{name}": value for name, value in latest.items()})

    def visible_on(self, as_of: date | None = None):
        """Milestones a reader could know on `as_of`: planned ones, and those done by then;
        not those withdrawn by then."""
        day = as_of or date.today()
        return (
            self.filter(Q(published_on__isnull=True) | Q(published_on__lte=day))
            .filter(Q(baseline_on__isnull=False) | Q(actual_on__isnull=False))
            .filter(active_q(as_of))
        )

    def deletable(self):
        """Milestones nothing was ever published about, the only ones that may be deleted: no
        baseline date (a dated milestone is public at once) and no change in their chain,
        published or pending. Any other is withdrawn instead (`services.withdraw_milestone`)."""
        return self.filter(baseline_on__isnull=True).exclude(
            Exists(MilestoneChange.objects.filter(milestone=OuterRef("pk")))
        )

    def late(self):
        return self.filter(state=MilestoneState.LATE)


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
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"))

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
    def state_label(self) -> str:
        return MilestoneState(self.state).label

    @property
    def slippage_days(self) -> int | None:
        slippage = getattr(self, "slippage", None)
        return None if slippage is None else slippage.days


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
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    published_on = models.DateField(_("publié le"), null=True, blank=True)
    confidence = confidence_field()
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"))

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
        ]

    def __str__(self):
        return f"{self.milestone} ({self.published_on})"

    def natural_key(self):
        return (self.ref,)
