from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Length
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from missions.enums import Confidence


def in_language(french: str, english: str) -> str:
    """The English version of a content field when English is active and one exists."""
    if english and (get_language() or "fr").startswith("en"):
        return english
    return french


def in_language_html(french: str, english: str = "") -> SafeString:
    """`in_language` as escaped HTML: when English is active and the content field has no English
    version, the French text shows marked `<span lang="fr">` (RGAA 8.7), never unmarked."""
    if not (get_language() or "fr").startswith("en"):
        return conditional_escape(french or "")
    if english:
        return conditional_escape(english)
    return format_html('<span lang="fr">{}</span>', french) if french else SafeString("")


class SourceManager(models.Manager):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class MissionManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Source(models.Model):
    """A public document a fact comes from, as cited in the reference data."""

    key = models.SlugField(_("clé"), max_length=40, unique=True)
    url = models.URLField(_("adresse"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = SourceManager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.url or self.description or self.key

    def natural_key(self):
        return (self.key,)


class Mission(models.Model):
    code = models.CharField(
        _("code"),
        max_length=16,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]+$", _("Le code s'écrit en lettres capitales."))],
    )
    name = models.CharField(_("nom"), max_length=200)
    name_en = models.CharField(_("nom (anglais)"), max_length=200, blank=True)
    name_confidence = models.CharField(
        _("confiance dans le nom"), max_length=8, choices=Confidence, default=Confidence.HIGH
    )
    aim = models.TextField(_("objectif"))
    aim_en = models.TextField(_("objectif (anglais)"), blank=True)
    group = models.CharField(_("regroupement"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    colour = models.CharField(
        _("couleur"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Couleur au format #RRVVBB."))],
    )
    renamed_to = models.CharField(_("renommée en"), max_length=16, blank=True)
    renamed_when = models.CharField(_("date du renommage"), max_length=200, blank=True)
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"))

    objects = MissionManager()

    class Meta:
        ordering = ["order"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(colour__startswith="#")
                & models.lookups.Exact(Length("colour"), 7),
                name="mission_colour_is_hex",
                violation_error_message=_("La couleur doit s'écrire #RRVVBB."),
            ),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("missions:detail", args=[self.code.lower()])

    def natural_key(self):
        return (self.code,)

    @property
    def display_name(self) -> str:
        return in_language(self.name, self.name_en)
