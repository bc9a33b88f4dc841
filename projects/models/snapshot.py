from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from missions.models import Mission, Source
from projects.enums import Meteo, Phase, SnapshotKind
from projects.fuzzydates import fuzzy
from projects.models.fields import (
    BySlugQuerySet,
    confidence_field,
    fuzzy_date_constraints,
    precision_field,
)


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
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"))
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créé par"),
    )
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

    def natural_key(self):
        return (self.slug,)


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


# A frozen milestone's content, in this order wherever it is read or compared.
MILESTONE_FIELDS = (
    "title",
    "baseline_on",
    "baseline_precision",
    "forecast_on",
    "forecast_precision",
    "actual_on",
    "actual_precision",
)


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

    class Meta:
        ordering = ["entry", "pk"]
        verbose_name = _("jalon figé")
        verbose_name_plural = _("jalons figés")

    def __str__(self):
        return self.title
