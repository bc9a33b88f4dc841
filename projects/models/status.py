from datetime import date

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from projects.enums import Meteo, Phase, UpdateState
from projects.fuzzydates import Precision, fuzzy
from projects.models.fields import (
    ByRefQuerySet,
    confidence_field,
    date_range_constraint,
    person_field,
    precision_field,
    ref_field,
    sources_field,
    unique_ref_constraint,
)


class StatusUpdateQuerySet(ByRefQuerySet):
    def published(self, as_of: date | None = None):
        """Validated updates, as published on `as_of` when given."""
        published = self.filter(state=UpdateState.VALIDATED)
        if as_of is not None:
            published = published.filter(published_on__lte=as_of)
        return published

    def declared(self):
        """Updates written in the application by a project's lead or the programme office (not
        imported from a public source): what makes a project answer for its forecasts."""
        return self.filter(ref="")

    def awaiting_review(self):
        """Submitted updates that are still their project's latest (the validation queue)."""
        latest = self.model.objects.filter(project=OuterRef("project")).order_by("-pk")
        return self.filter(
            state=UpdateState.SUBMITTED, pk=Subquery(latest.values("pk")[:1])
        ).order_by("created_at", "pk")


class StatusUpdate(models.Model):
    """A point d'avancement: append-only, its content never changes once written."""

    ref = ref_field()
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="updates",
        verbose_name=_("projet"),
    )
    as_of = models.DateField(_("date du point"))
    as_of_precision = precision_field()
    meteo = models.CharField(_("météo"), max_length=16, choices=Meteo, default=Meteo.NON_RENSEIGNEE)
    phase = models.CharField(_("phase"), max_length=16, choices=Phase, blank=True)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), null=True, blank=True)
    summary = models.TextField(_("résumé public"), max_length=2000, blank=True)
    achievements = models.TextField(_("réalisations"), max_length=4000, blank=True)
    next_steps = models.TextField(_("prochaines étapes"), max_length=4000, blank=True)
    decisions = models.TextField(_("décisions attendues"), max_length=4000, blank=True)
    risks = models.TextField(
        _("risques et points d'attention (interne)"), max_length=4000, blank=True
    )
    meteo_justification = models.TextField(
        _("justification de la météo"), max_length=2000, blank=True
    )
    state = models.CharField(
        _("état"), max_length=10, choices=UpdateState, default=UpdateState.DRAFT
    )
    published_on = models.DateField(_("publié le"), null=True, blank=True)
    author = person_field(_("auteur"))
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("point précédent connu de l'auteur"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("examiné le"), null=True, blank=True)
    reviewed_by = person_field(_("examiné par"))
    review_comment = models.TextField(_("commentaire du bureau du programme"), blank=True)
    confidence = confidence_field()
    sources = sources_field()

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-as_of", "-pk"]
        verbose_name = _("point d'avancement")
        verbose_name_plural = _("points d'avancement")
        indexes = [models.Index(fields=["project", "state", "as_of"])]
        constraints = [
            unique_ref_constraint("statusupdate"),
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | Q(progress__range=(0, 100)),
                name="statusupdate_progress_0_100",
                violation_error_message=_("L'avancement est un pourcentage entre 0 et 100."),
            ),
            models.CheckConstraint(
                condition=Q(meteo__in=Meteo.values),
                name="statusupdate_meteo_known",
                violation_error_message=_("Météo inconnue."),
            ),
            models.CheckConstraint(
                condition=Q(phase="") | Q(phase__in=Phase.values),
                name="statusupdate_phase_known",
                violation_error_message=_("Phase inconnue."),
            ),
            models.CheckConstraint(
                condition=Q(state=UpdateState.VALIDATED, published_on__isnull=False)
                | (~Q(state=UpdateState.VALIDATED) & Q(published_on__isnull=True)),
                name="statusupdate_published_iff_validated",
                violation_error_message=_("Seul un point validé a une date de publication."),
            ),
            models.CheckConstraint(
                condition=~Q(as_of_precision=""),
                name="statusupdate_as_of_has_precision",
                violation_error_message=_("La date du point a une précision."),
            ),
            date_range_constraint("as_of", _("date du point"), "statusupdate"),
        ]

    def __str__(self):
        return f"{self.project} — {self.as_of_date}"

    def natural_key(self):
        return (self.ref,)

    @property
    def as_of_date(self):
        return fuzzy(self.as_of, self.as_of_precision or Precision.DAY)


class NewMilestone(models.Model):
    """A milestone an update adds (« Ajouter un jalon »): nothing public until the update is
    validated. Then `services.validate_update` creates the Milestone, its target date as its
    first published date (its baseline) and the day of validation as its publication, and
    keeps it here (`milestone`)."""

    status_update = models.ForeignKey(
        StatusUpdate,
        on_delete=models.CASCADE,
        related_name="new_milestones",
        verbose_name=_("point d'avancement"),
    )
    title = models.CharField(_("intitulé"), max_length=400)
    forecast_on = models.DateField(_("date cible"))
    forecast_precision = precision_field()
    milestone = models.OneToOneField(
        "projects.Milestone",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("jalon créé à la validation"),
    )

    class Meta:
        ordering = ["status_update", "pk"]
        verbose_name = _("nouveau jalon proposé")
        verbose_name_plural = _("nouveaux jalons proposés")
        constraints = [
            models.CheckConstraint(
                condition=~Q(forecast_precision=""),
                name="newmilestone_forecast_has_precision",
                violation_error_message=_("La date cible a une précision."),
            ),
            date_range_constraint("forecast_on", _("date cible"), "newmilestone"),
        ]

    def __str__(self):
        return self.title

    @property
    def target(self):
        return fuzzy(self.forecast_on, self.forecast_precision)
