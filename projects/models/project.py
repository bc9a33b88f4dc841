from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import (
    Count,
    DurationField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from missions.models import Mission, in_language
from projects import rules
from projects.enums import Confidence, Listing, Meteo, MilestoneState, SnapshotKind, UpdateState
from projects.models.fields import (
    BySlugQuerySet,
    confidence_field,
    sources_field,
)
from projects.models.queries import first_per_group, join_latest, prepared
from projects.models.withdrawal import Withdrawable, active_q, withdrawal_constraint


def identified_q(prefix: str = "") -> Q:
    """Tied to the programme's list by a source (yes or likely), with at least medium confidence.

    `prefix` reaches the project's fields from a related model (e.g. "projects__").
    """
    return Q(**{f"{prefix}listing__in": [Listing.OFFICIAL, Listing.LIKELY]}) & Q(
        **{f"{prefix}confidence__in": [Confidence.HIGH, Confidence.MEDIUM]}
    )


def portfolio_q(day: date, prefix: str = "") -> Q:
    """In the portfolio on `day`: identified, entered by then and not withdrawn by then.

    A project whose entry date is unknown (a subject the sources cite in the programme without
    saying when it entered) counts on the days after the latest edition DINUM published: on an
    edition's day or before, it cannot be placed and is counted apart (`aggregate_coverage`).
    So a snapshot frozen any day and the dashboard of that day hold the same projects, and an
    edition holds only the projects known to be in it.
    """
    from projects.models.snapshot import Snapshot

    later_edition = Snapshot.objects.filter(kind=SnapshotKind.EDITION, taken_on__gte=day)
    return (
        identified_q(prefix)
        & active_q(day, prefix)
        & (
            Q(**{f"{prefix}entered_on__lte": day})
            | Q(**{f"{prefix}entered_on__isnull": True}) & ~Exists(later_edition)
        )
    )


IDENTIFIED = identified_q()

# The annotations `with_status` adds, read from the project's latest published update.
STATUS_FIELDS = {
    "status_id": "pk",
    "status_on": "as_of",
    "status_precision": "as_of_precision",
    "phase": "phase",
    "progress": "progress",
    "status_summary": "summary",
    "meteo_justification": "meteo_justification",
    "status_confidence": "confidence",
}


class ProjectQuerySet(BySlugQuerySet):
    def identified(self):
        """Projects a source ties to the programme's list with at least medium confidence."""
        return self.filter(IDENTIFIED)

    def to_confirm(self):
        """Candidates shown apart (« à confirmer »), never counted in an edition's total; not
        the withdrawn ones."""
        return self.exclude(IDENTIFIED).filter(active_q())

    def in_portfolio(self, as_of: date | None = None):
        """The portfolio on `as_of` (today when None): see `portfolio_q`."""
        return self.filter(portfolio_q(as_of or timezone.localdate()))

    def aggregate_coverage(self, as_of: date | None = None) -> dict[str, int]:
        """In one query: the projects in the portfolio on `as_of`, those of them whose entry
        date is unknown (flagged wherever they are listed), the identified projects that cannot
        be placed on that day (entry unknown, day of an edition or before) and the candidates
        still to confirm."""
        in_portfolio = portfolio_q(as_of or timezone.localdate())
        return self.aggregate(
            identified=Count("pk", filter=in_portfolio),
            entry_unknown=Count("pk", filter=in_portfolio & Q(entered_on__isnull=True)),
            not_placed=Count(
                "pk",
                filter=IDENTIFIED & active_q(as_of) & Q(entered_on__isnull=True) & ~in_portfolio,
            ),
            to_confirm=Count("pk", filter=~IDENTIFIED & active_q(as_of)),
        )

    def with_status(self, as_of: date | None = None):
        """Annotate each project with its latest update published on `as_of` (today when None):
        `meteo` (NON_RENSEIGNEE without one), `phase` ("" when unknown), `progress`,
        `status_on`/`status_precision`, `status_id`, `status_summary`, `meteo_justification`,
        `status_confidence`, and `is_stale` (`rules.is_stale`).

        Today the latest update is the stored pointer `latest_update` (kept by the services);
        on a past day, one join on the latest update of that day (`join_latest`).
        """
        day = as_of or timezone.localdate()
        if as_of is None:
            relation, queryset = "latest_update", self
        else:
            from projects.models.status import StatusUpdate

            published = StatusUpdate.objects.published(day)
            relation = "status_on_day"
            queryset = join_latest(self, relation, "updates", published, ["-as_of", "-pk"])
        status = {name: F(f"{relation}__{field}") for name, field in STATUS_FIELDS.items()}
        status["meteo"] = Coalesce(F(f"{relation}__meteo"), Value(Meteo.NON_RENSEIGNEE))
        status["phase"] = Coalesce(F(f"{relation}__phase"), Value(""))
        return queryset.annotate(**status).annotate(is_stale=rules.is_stale(day))

    def last_summaries(self, as_of: date | None = None) -> dict[int, str]:
        """The summary of each project's latest update published on `as_of` (the update
        `with_status` reads), by project id, in one query."""
        return dict(self.with_status(as_of).values_list("pk", "status_summary"))

    def first_per_mission(self, limit: int):
        """At most `limit` projects of each mission, by name (`first_per_group`)."""
        return first_per_group(self, "mission_id", "name", limit)

    def stale(self, as_of: date | None = None):
        """Projects « à mettre à jour » on `as_of` (`rules.is_stale`), oldest news first."""
        return (
            self.with_status(as_of)
            .filter(is_stale=True)
            .order_by(F("status_on").asc(nulls_first=True), "name")
        )

    def with_milestone_summary(self, as_of: date | None = None):
        """Annotate what the project table says of each project's milestones on `as_of`.

        `next_milestone_title`, `next_milestone_on`, `next_milestone_precision`: the first
        milestone still to come, by forecast date; `max_drift`: the largest drift against the
        first published date (`rules.drift`; unknown drifts are left out); `has_late`: one of
        them is late (`rules.milestone_state`). Correlated subqueries: the same single query
        whatever the number of milestones.
        """
        from projects.models.milestone import Milestone

        milestones = (
            Milestone.objects.filter(project=OuterRef("pk")).with_dates(as_of).visible_on(as_of)
        )
        upcoming = milestones.filter(state=MilestoneState.UPCOMING)
        upcoming = upcoming.order_by("forecast_on", "position", "pk")
        largest = milestones.order_by().values("project").annotate(largest=Max("drift"))
        return self.annotate(
            next_milestone_title=Subquery(upcoming.values("title")[:1]),
            next_milestone_on=Subquery(upcoming.values("forecast_on")[:1]),
            next_milestone_precision=Subquery(upcoming.values("forecast_precision")[:1]),
            max_drift=Subquery(largest.values("largest")[:1], output_field=DurationField()),
            has_late=Exists(milestones.filter(state=MilestoneState.LATE)),
        )

    def for_listing(self, as_of: date | None = None):
        """What every list of projects shows: mission joined, status annotated, ordered."""
        return (
            self.select_related("mission")
            .with_status(as_of)
            .order_by(F("mission__order").asc(nulls_last=True), "name")
        )

    def table(self, as_of: date | None = None):
        """The project table of the portfolio on `as_of` (`in_portfolio().for_table()`), built
        once per process and day (`prepared`)."""
        day = as_of or timezone.localdate()
        return prepared(
            ("project-table", day, as_of is None),
            lambda: self.model.objects.in_portfolio(as_of).for_table(as_of),
        )

    def for_table(self, as_of: date | None = None):
        """What the project table (`/projets/`) shows: the listing and the milestone summary,
        by mission then name (primary key last, so that pages never overlap)."""
        return (
            self.for_listing(as_of)
            .with_milestone_summary(as_of)
            .order_by(F("mission__order").asc(nulls_last=True), "name", "pk")
        )

    def refresh_status(self) -> int:
        """Store in each project its latest published update (`latest_update`) and the day its
        first update declared through the application was published (`reporting_since`), in
        one UPDATE. Called by the services that publish updates and by the loader.

        Published updates are never changed nor back-dated, so these columns equal what the
        history gives on any later day (a test moves the clock to prove it).
        """
        from projects.models.status import StatusUpdate

        published = StatusUpdate.objects.filter(project=OuterRef("pk"), state=UpdateState.VALIDATED)
        first_declared = (
            published.declared().order_by().values("project").annotate(first=Min("published_on"))
        )
        return self.update(
            latest_update=Subquery(published.order_by("-as_of", "-pk").values("pk")[:1]),
            reporting_since=Subquery(first_declared.values("first")[:1]),
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
    sources = sources_field()
    # Copies of the published history kept by `ProjectQuerySet.refresh_status()` for speed.
    latest_update = models.ForeignKey(
        "projects.StatusUpdate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("dernier point publié"),
    )
    reporting_since = models.DateField(
        _("suivi par ses points d'avancement depuis"), null=True, blank=True, editable=False
    )

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
