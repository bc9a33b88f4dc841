from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Preferences(models.Model):
    """What a person chose in their account page (`/compte/`). No row: the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="techgouv_preferences",
        verbose_name=_("utilisateur"),
    )
    weekly_reminders = models.BooleanField(
        _("rappel hebdomadaire"),
        default=True,
        help_text=_("Un courriel chaque semaine quand un de ses projets attend un point."),
    )

    class Meta:
        verbose_name = _("préférences")
        verbose_name_plural = _("préférences")

    def __str__(self):
        return str(self.user)


class ReminderSent(models.Model):
    """The weekly reminder sent to a lead, once per ISO week (`manage.py send_reminders`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("destinataire"),
    )
    week = models.DateField(_("semaine (son lundi)"))
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    projects = models.PositiveSmallIntegerField(_("projets à mettre à jour"), default=0)

    class Meta:
        ordering = ["-week", "user"]
        verbose_name = _("rappel envoyé")
        verbose_name_plural = _("rappels envoyés")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="remindersent_once_a_week")
        ]

    def __str__(self):
        return f"{self.user} — {self.week}"
