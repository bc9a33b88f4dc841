from django.db import models
from django.utils.translation import gettext_lazy as _

from missions.models import in_language
from projects.fuzzydates import fuzzy
from projects.models.fields import (
    ByRefQuerySet,
    confidence_field,
    fuzzy_date_constraints,
    precision_field,
    ref_field,
    sources_field,
    unique_ref_constraint,
)


class Announcement(models.Model):
    """A dated event in a project's history that is neither a deliverable nor a target (the
    project announced, put on a roadmap): shown in the history, never counted as a milestone."""

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="announcements",
        verbose_name=_("projet"),
    )
    ref = ref_field()
    title = models.CharField(_("intitulé"), max_length=400)
    title_en = models.CharField(_("intitulé (anglais)"), max_length=400, blank=True)
    on = models.DateField(_("date"))
    on_precision = precision_field()
    source_wording = models.CharField(_("date telle que publiée"), max_length=100, blank=True)
    confidence = confidence_field()
    sources = sources_field()

    objects = ByRefQuerySet.as_manager()

    class Meta:
        ordering = ["project", "on", "pk"]
        verbose_name = _("annonce")
        verbose_name_plural = _("annonces")
        constraints = [
            unique_ref_constraint("announcement"),
            *fuzzy_date_constraints("on", "on_precision", _("date de l'annonce"), "announcement"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.ref,)

    @property
    def date(self):
        return fuzzy(self.on, self.on_precision)

    @property
    def display_title(self) -> str:
        return in_language(self.title, self.title_en)
