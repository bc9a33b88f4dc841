"""The vocabulary of the reference data: how well a fact is established."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    """How well a fact is established (see the reference README)."""

    HIGH = "HIGH", _("élevée")
    MEDIUM = "MEDIUM", _("moyenne")
    LOW = "LOW", _("faible")
