from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import (
    CharField,
    DurationField,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from missions.models import Mission, Source, in_language
from projects.enums import Confidence, Listing, Meteo
from projects.models.fields import BySlugQuerySet, confidence_field
from projects.models.withdrawal import Withdrawable, active_q, withdrawal_constraint


def identified_q(prefix: str = "") -> Q:
    """Tied to the programme's list by a source (yes or likely), with at least medium confidence.

    `prefix` reaches the project's fields from a related model (e.g. "projects__").
    """
    return Q(**{f"{prefix}listing__in": [Listing.OFFICIAL, Listing.LIKELY]}) & Q(
        **{f"{prefix}confidence__in": [Confidence.HIGH, Confidence.MEDIUM]}
    )


def portfolio_q(as_of: date | None = None, prefix: str = "") -> Q:
    """In the portfolio on `as_of`: identified, entered by then (any entry date today) and not
    withdrawn by then."""
    condition = identified_q(prefix) & active_q(as_of, prefix)
    if as_of is not None:
        condition &= Q(**{f"{prefix}entered_on__lte": as_of})
    return condition


IDENTIFIED = identified_q()


class ProjectQuerySet(BySlugQuerySet):
    def identified(self):
        """Projects a source ties to the programme's list with at least medium confidence."""
        return self.filter(IDENTIFIED)

    def to_confirm(self):
        """Candidates shown apart (« à confirmer »), never counted in an edition's total; not
        the withdrawn ones."""
        return self.exclude(IDENTIFIED).filter(active_q())

    def in_portfolio(self, as_of: date | None = None):
        """Identified projects; on a past date `as_of`, those that had entered by then.

        Today's portfolio holds every identified project. A project whose entry date is unknown
        cannot be placed on a past date: there it is counted apart (`entry_unknown`).
        """
        return self.filter(portfolio_q(as_of))

    def entry_unknown(self):
        return self.identified().filter(entered_on__isnull=True).filter(active_q())

    def aggregate_coverage(self, as_of: date | None = None) -> dict[str, int]:
        """Identified projects in the portfolio on `as_of`, those that cannot be placed on that
        date (entry unknown), and the candidates still to confirm, counted in one query;
        withdrawn projects in none of them."""
        active = active_q(as_of)
        unplaced = IDENTIFIED & Q(entered_on__isnull=True) & active if as_of else Q(pk__in=[])
        return self.aggregate(
            identified=models.Count("pk", filter=portfolio_q(as_of)),
            entry_unknown=models.Count("pk", filter=unplaced),
            to_confirm=models.Count("pk", filter=~IDENTIFIED & active),
        )

    def with_current_status(self, as_of: date | None = None):
        """Annotate each project with its latest published status update as of `as_of`.

        The current météo, phase and progress are read from the history in the query; a project
        with no published update has the météo NON_RENSEIGNEE and no phase.
        """
        from projects.models.status import StatusUpdate

        latest = StatusUpdate.objects.published(as_of).filter(project=OuterRef("pk"))
        latest = latest.order_by("-as_of", "-pk")

        def latest_value(field):
            return Subquery(latest.values(field)[:1])

        return self.annotate(
            status_id=latest_value("pk"),
            status_on=latest_value("as_of"),
            status_precision=latest_value("as_of_precision"),
            current_meteo=Coalesce(
                latest_value("meteo"), Value(Meteo.NON_RENSEIGNEE), output_field=CharField()
            ),
            current_phase=Coalesce(latest_value("phase"), Value(""), output_field=CharField()),
            current_progress=latest_value("progress"),
            current_summary=Coalesce(latest_value("summary"), Value(""), output_field=TextField()),
            status_confidence=latest_value("confidence"),
        )

    def first_per_mission(self, limit: int):
        """At most `limit` projects of each mission (by name), so a page stays the same size
        whatever the portfolio's; the rest is one link away."""
        rank = Window(RowNumber(), partition_by=[F("mission_id")], order_by=[F("name").asc()])
        return self.annotate(rank_in_mission=rank).filter(rank_in_mission__lte=limit)

    def stale(self, days: int = 90, as_of: date | None = None):
        """Projects « à mettre à jour »: no update published for more than `days` days on `as_of`
        (by the date of the update), or none at all. Finished or stopped projects (phase ACHEVE
        or ARRETE in their latest published update) need no news and are left out.

        Annotates `last_update_on` (None when never updated); oldest first.
        """
        from projects.enums import Phase
        from projects.models.status import StatusUpdate

        day = as_of or date.today()
        latest = StatusUpdate.objects.published(as_of).filter(project=OuterRef("pk"))
        latest = latest.order_by("-as_of", "-pk")
        return (
            self.annotate(
                last_update_on=Subquery(latest.values("as_of")[:1]),
                last_update_phase=Coalesce(
                    Subquery(latest.values("phase")[:1]), Value(""), output_field=CharField()
                ),
            )
            .filter(Q(last_update_on__isnull=True) | Q(last_update_on__lt=day - timedelta(days)))
            .exclude(last_update_phase__in=[Phase.ACHEVE, Phase.ARRETE])
            .order_by(F("last_update_on").asc(nulls_first=True), "name")
        )

    def with_milestone_summary(self, as_of: date | None = None):
        """Annotate what the project table says of each project's milestones on `as_of`.

        `next_milestone_title`, `next_milestone_on`, `next_milestone_precision`: the first
        milestone still to come (not done, forecast on `as_of` or later), by forecast date;
        `max_slippage`: the largest slippage (a duration) among the milestones a reader could
        know; `has_late`: one of them is past its forecast and not done. Correlated
        subqueries: the same single query whatever the number of milestones.
        """
        from projects.models.milestone import Milestone, MilestoneState

        milestones = (
            Milestone.objects.filter(project=OuterRef("pk")).with_dates(as_of).visible_on(as_of)
        )
        upcoming = milestones.filter(state=MilestoneState.UPCOMING)
        upcoming = upcoming.order_by("forecast_on", "position", "pk")
        largest = milestones.order_by().values("project").annotate(largest=Max("slippage"))
        return self.annotate(
            next_milestone_title=Subquery(upcoming.values("title")[:1]),
            next_milestone_on=Subquery(upcoming.values("forecast_on")[:1]),
            next_milestone_precision=Subquery(upcoming.values("forecast_precision")[:1]),
            max_slippage=Subquery(largest.values("largest")[:1], output_field=DurationField()),
            has_late=Exists(milestones.filter(state=MilestoneState.LATE)),
        )

    def for_listing(self, as_of: date | None = None):
        """What every list of projects shows: mission joined, current status annotated, ordered."""
        return (
            self.select_related("mission")
            .with_current_status(as_of)
            .order_by(F("mission__order").asc(nulls_last=True), "name")
        )

    def for_table(self, as_of: date | None = None):
        """What the project table (`/projets/`) shows: the listing and the milestone summary,
        by mission then name (primary key last, so that pages never overlap)."""
        return (
            self.for_listing(as_of)
            .with_milestone_summary(as_of)
            .order_by(F("mission__order").asc(nulls_last=True), "name", "pk")
        )


class Project(Withdrawable):
    """A project of the programme; never deleted once created, withdrawn instead."""

    mission = models.ForeignKey(
        Mission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("mission"),
        help_text=_("Vide quand la mission de rattachement n'est pas connue."),
    )
    mission_confidence = confidence_field(_("confiance dans la mission"))
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=250)
    name_en = models.CharField(_("nom (anglais)"), max_length=250, blank=True)
    name_confidence = confidence_field(_("confiance dans le nom"))
    summary = models.TextField(_("résumé"), max_length=1000)
    summary_en = models.TextField(_("résumé (anglais)"), max_length=1000, blank=True)
    lead_organisation = models.CharField(_("entité porteuse"), max_length=250, blank=True)
    entered_on = models.DateField(
        _("entrée dans le programme"),
        null=True,
        blank=True,
        help_text=_("Date de l'édition où le projet apparaît ; vide si elle n'est pas connue."),
    )
    entry_confidence = confidence_field(_("confiance dans la date d'entrée"))
    listing = models.CharField(
        _("appartenance à la liste officielle"),
        max_length=10,
        choices=Listing,
        default=Listing.OFFICIAL,
    )
    confidence = confidence_field()
    data_notes = models.TextField(_("précisions sur les données"), blank=True)
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_projects",
        verbose_name=_("chefs de projet"),
    )
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"))

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("projet")
        verbose_name_plural = _("projets")
        indexes = [models.Index(fields=["entered_on"])]
        constraints = [withdrawal_constraint("project")]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def display_name(self) -> str:
        return in_language(self.name, self.name_en)

    @property
    def is_identified(self) -> bool:
        return self.listing != Listing.UNCERTAIN and self.confidence != Confidence.LOW
