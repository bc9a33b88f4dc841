from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models.fields import person_field


class AuditEvent(models.Model):
    """Who did what and when: one row per business action, written by the services and by
    every change made in the admin (`projects/admin_history.py`). Append-only."""

    at = models.DateTimeField(_("date"), auto_now_add=True)
    actor = person_field(_("auteur"))
    action = models.CharField(_("action"), max_length=40)
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("projet"),
    )
    details = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("événement du journal")
        verbose_name_plural = _("journal des actions")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
