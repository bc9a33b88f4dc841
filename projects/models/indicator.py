from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from missions.models import Mission, in_language
from projects.fuzzydates import fuzzy
from projects.models.fields import (
    ByRefQuerySet,
    BySlugQuerySet,
    confidence_field,
    fuzzy_date_constraints,
    precision_field,
    ref_field,
    sources_field,
    unique_ref_constraint,
)


class Qualifier(models.TextChoices):
    EXACT = "EXACT", "="
    MORE_THAN = "MORE_THAN", ">"
    ABOUT = "ABOUT", "≈"


class Indicator(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=250)
    name_en = models.CharField(_("nom (anglais)"), max_length=250, blank=True)
    unit = models.CharField(_("unité"), max_length=60, blank=True)
    lower_is_better = models.BooleanField(_("plus bas est meilleur"), default=False)
    mission = models.ForeignKey(
        Mission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("mission"),
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("projet"),
    )
    note = models.TextField(_("note"), blank=True)
    confidence = confidence_field()

    objects = BySlugQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def display_name(self) -> str:
        return in_language(self.name, self.name_en)


class MeasurementQuerySet(ByRefQuerySet):
    def known_on(self, as_of: date | None = None):
        """What a reader could know on `as_of` (today when None): measurements dated by then,
        and targets, unless announced later (`set_on`)."""
        day = as_of or timezone.localdate()
        return self.filter(Q(is_target=True) | Q(on__lte=day)).filter(
            Q(set_on__isnull=True) | Q(set_on__lte=day)
        )


class Measurement(models.Model):
    """A dated value of an indicator, or a target (value to reach by a date).

    `value` holds the number when the source gives one; `text` keeps the source's own wording
    (« >15 millions », « Tchap 250 000 inscrits ; … ») so that nothing is rounded away.
    """

    ref = ref_field()
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indicateur"),
    )
    is_target = models.BooleanField(_("cible"), default=False)
    on = models.DateField(_("date"), null=True, blank=True)
    on_precision = precision_field()
    value = models.DecimalField(_("valeur"), max_digits=16, decimal_places=2, null=True, blank=True)
    qualifier = models.CharField(
        _("qualificatif"), max_length=10, choices=Qualifier, default=Qualifier.EXACT
    )
    text = models.CharField(_("valeur telle que publiée"), max_length=400)
    set_on = models.DateField(
        _("cible fixée le"),
        null=True,
        blank=True,
        help_text=_("Pour une cible : date à laquelle elle a été annoncée, si elle est connue."),
    )
    confidence = confidence_field()
    sources = sources_field()

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "is_target", "on", "pk"]
        verbose_name = _("mesure")
        verbose_name_plural = _("mesures")
        constraints = [
            unique_ref_constraint("measurement"),
            *fuzzy_date_constraints("on", "on_precision", _("date de la mesure"), "measurement"),
            models.CheckConstraint(
                condition=Q(is_target=True) | Q(on__isnull=False),
                name="measurement_value_is_dated",
                violation_error_message=_("Une mesure est datée."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator} : {self.text}"

    def natural_key(self):
        return (self.ref,)

    @property
    def date(self):
        return fuzzy(self.on, self.on_precision)
