from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from missions.models import Mission, in_language
from projects import rules
from projects.enums import Meteo, MilestoneState, Phase, SnapshotKind
from projects.fuzzydates import fuzzy
from projects.models.fields import (
    BySlugQuerySet,
    confidence_field,
    fuzzy_date_constraints,
    person_field,
    precision_field,
    sources_field,
)
from projects.models.queries import first_per_group


class SnapshotQuerySet(BySlugQuerySet):
    def editions(self):
        """The programme's editions as DINUM published them, oldest first."""
        return self.filter(kind=SnapshotKind.EDITION).order_by("taken_on")

    def published(self):
        return self.filter(published_at__isnull=False)

    def edition_entered(self, entered_on):
        """The first edition that lists a project which entered the programme on `entered_on`."""
        if entered_on is None:
            return None
        return self.editions().filter(taken_on__gte=entered_on).first()


class Snapshot(models.Model):
    """A named, dated freeze of the portfolio; immutable once published."""

    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre (anglais)"), max_length=200, blank=True)
    taken_on = models.DateField(_("date de l'état figé"))
    kind = models.CharField(
        _("nature"), max_length=10, choices=SnapshotKind, default=SnapshotKind.PRESS
    )
    note = models.TextField(_("note"), max_length=4000, blank=True)
    # Nullable: a NOT NULL column would rebuild the table on SQLite and drop its immutability
    # triggers. None and "" both mean « no English version ».
    note_en = models.TextField(  # noqa: DJ001
        _("note (anglais)"), max_length=4000, blank=True, null=True
    )
    announced_total = models.PositiveSmallIntegerField(
        _("projets annoncés par la DINUM"), null=True, blank=True
    )
    announced_completed = models.PositiveSmallIntegerField(
        _("dont achevés (annoncé)"), null=True, blank=True
    )
    announced_completing = models.PositiveSmallIntegerField(
        _("dont à achever dans l'année (annoncé)"), null=True, blank=True
    )
    announced_new = models.PositiveSmallIntegerField(
        _("dont nouveaux (annoncé)"), null=True, blank=True
    )
    announced_label = models.CharField(
        _("unité annoncée"),
        max_length=40,
        blank=True,
        help_text=_("« actions » en 2019, « projets » ensuite."),
    )
    confidence = confidence_field()
    sources = sources_field()
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    created_by = person_field(_("créé par"))
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_on", "-pk"]
        verbose_name = _("instantané")
        verbose_name_plural = _("instantanés")
        constraints = [
            models.CheckConstraint(
                condition=Q(announced_completed__isnull=True)
                | Q(announced_total__isnull=False)
                & Q(announced_completed__lte=models.F("announced_total")),
                name="snapshot_completed_within_total",
                violation_error_message=_("Les projets achevés font partie du total annoncé."),
            ),
            models.CheckConstraint(
                condition=Q(announced_new__isnull=True)
                | Q(announced_total__isnull=False)
                & Q(announced_new__lte=models.F("announced_total")),
                name="snapshot_new_within_total",
                violation_error_message=_("Les nouveaux projets font partie du total annoncé."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("snapshots:detail", args=[self.slug])

    @property
    def display_title(self) -> str:
        return in_language(self.title, self.title_en)

    @property
    def display_note(self) -> str:
        return in_language(self.note, self.note_en or "")

    def natural_key(self):
        return (self.slug,)


class SnapshotEntryQuerySet(models.QuerySet):
    def first_per_mission(self, limit: int):
        """At most `limit` frozen projects of each mission, by name (`first_per_group`)."""
        return first_per_group(self, "mission_id", "name", limit)

    def for_listing(self, day):
        """What a snapshot's project lists show: the mission, the project's slug, and how many
        of its milestones were done on `day` (the snapshot's date) out of how many."""
        milestones = SnapshotMilestone.objects.filter(entry=OuterRef("pk")).judged(day)
        done = milestones.filter(state=MilestoneState.DONE)
        return (
            self.select_related("mission")
            .annotate(
                slug=F("project__slug"),
                milestone_total=_count(milestones),
                done_count=_count(done),
            )
            .order_by(F("mission__order").asc(nulls_last=True), "name", "pk")
        )


def _count(rows):
    counted = rows.order_by().values("entry").annotate(n=models.Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), Value(0))


class SnapshotEntry(models.Model):
    """A project as it stood in a snapshot: a frozen copy, never recomputed."""

    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.CASCADE, related_name="entries", verbose_name=_("instantané")
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="snapshot_entries",
        verbose_name=_("projet"),
    )
    mission = models.ForeignKey(
        Mission, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("mission")
    )
    name = models.CharField(_("nom"), max_length=250)
    summary = models.TextField(_("résumé"), blank=True)
    meteo = models.CharField(_("météo"), max_length=16, choices=Meteo)
    phase = models.CharField(_("phase"), max_length=16, choices=Phase, blank=True)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), null=True, blank=True)
    status_on = models.DateField(_("date du dernier point"), null=True, blank=True)
    status_precision = precision_field()
    # NULL when the entry date of the project was not known on the day of the freeze.
    entered_on = models.DateField(_("entrée dans le programme"), null=True, blank=True)

    objects = SnapshotEntryQuerySet.as_manager()

    class Meta:
        ordering = ["snapshot", "name"]
        verbose_name = _("projet figé")
        verbose_name_plural = _("projets figés")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "project"], name="snapshotentry_once_per_snapshot"
            ),
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | Q(progress__range=(0, 100)),
                name="snapshotentry_progress_0_100",
            ),
            *fuzzy_date_constraints(
                "status_on", "status_precision", _("date du point"), "snapshotentry"
            ),
        ]

    def __str__(self):
        return f"{self.snapshot} — {self.name}"

    @property
    def status_date(self):
        return fuzzy(self.status_on, self.status_precision)


class SnapshotMilestoneQuerySet(models.QuerySet):
    def judged(self, day):
        """Annotate `state` on `day` (the snapshot's date) by the rules of `projects.rules`,
        from the frozen dates: the same rules as the live pages."""
        return self.annotate(project_id=F("entry__project_id")).annotate(
            state=rules.milestone_state(day)
        )

    def with_drift(self, day):
        """Annotate `drift` and `drift_latest` on `day`, on judged rows."""
        return self.annotate(drift=rules.drift(day), drift_latest=rules.drift_from_latest(day))


class SnapshotMilestone(models.Model):
    entry = models.ForeignKey(
        SnapshotEntry, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("projet")
    )
    title = models.CharField(_("intitulé"), max_length=400)
    baseline_on = models.DateField(_("date de référence initiale"), null=True, blank=True)
    baseline_precision = precision_field()
    forecast_on = models.DateField(_("date prévue"), null=True, blank=True)
    forecast_precision = precision_field()
    actual_on = models.DateField(_("date de réalisation"), null=True, blank=True)
    actual_precision = precision_field()
    # Someone answered for the milestone's forecast on the day of the freeze (`rules`);
    # NULL for milestones frozen before this was recorded, read as « no ».
    tracked = models.BooleanField(_("suivi par le projet"), null=True, blank=True)

    objects = SnapshotMilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "pk"]
        verbose_name = _("jalon figé")
        verbose_name_plural = _("jalons figés")

    def __str__(self):
        return self.title
