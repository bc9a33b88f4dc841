"""The vocabularies shared with the State's steering tools. Codes are stable; labels are French.

`Confidence` belongs to the reference data (`missions.enums`) and is re-exported here, so that
every vocabulary of the dashboard is found in this one module.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from missions.enums import Confidence

__all__ = ["Confidence", "Listing", "Meteo", "Phase", "SnapshotKind", "UpdateState"]


class Meteo(models.TextChoices):
    """Confidence that the project meets its objectives (DITP's PILOTE scale), worst to best."""

    ORAGE = "ORAGE", _("Objectifs compromis")
    NUAGE = "NUAGE", _("Appuis nécessaires")
    COUVERT = "COUVERT", _("Objectifs atteignables")
    SOLEIL = "SOLEIL", _("Objectifs sécurisés")
    NON_RENSEIGNEE = "NON_RENSEIGNEE", _("Non renseignée")

    @classmethod
    def declared(cls) -> list["Meteo"]:
        """The four values a project lead can declare, worst to best."""
        return [cls.ORAGE, cls.NUAGE, cls.COUVERT, cls.SOLEIL]

    @property
    def rank(self) -> int:
        """0 for ORAGE … 3 for SOLEIL; -1 when not declared."""
        order = [Meteo.ORAGE, Meteo.NUAGE, Meteo.COUVERT, Meteo.SOLEIL]
        return order.index(self) if self in order else -1

    @property
    def badge(self) -> str:
        """DSFR badge modifier (SOLEIL success, COUVERT info, NUAGE warning, ORAGE error)."""
        return {
            Meteo.SOLEIL: "success",
            Meteo.COUVERT: "info",
            Meteo.NUAGE: "warning",
            Meteo.ORAGE: "error",
        }.get(self, "")


class Phase(models.TextChoices):
    """Maturity phases of DINUM's Panorama of major State IT projects, then the two endings."""

    CADRAGE = "CADRAGE", _("Cadrage")
    CONCEPTION = "CONCEPTION", _("Conception / Réalisation")
    EXPERIMENTATION = "EXPERIMENTATION", _("Expérimentation")
    DEPLOIEMENT = "DEPLOIEMENT", _("Déploiement")
    ACHEVE = "ACHEVE", pgettext_lazy("project phase", "Achevé")
    ARRETE = "ARRETE", pgettext_lazy("project phase", "Arrêté")

    @classmethod
    def active(cls) -> list["Phase"]:
        return [cls.CADRAGE, cls.CONCEPTION, cls.EXPERIMENTATION, cls.DEPLOIEMENT]


class Listing(models.TextChoices):
    """Whether a source names the project as one of the programme's listed actions."""

    OFFICIAL = "OFFICIAL", _("Dans la liste officielle")
    LIKELY = "LIKELY", _("Probablement dans la liste")
    UNCERTAIN = "UNCERTAIN", _("À confirmer")


class UpdateState(models.TextChoices):
    DRAFT = "DRAFT", _("Brouillon")
    SUBMITTED = "SUBMITTED", _("Soumis à validation")
    VALIDATED = "VALIDATED", _("Validé")
    RETURNED = "RETURNED", _("Renvoyé pour correction")


class SnapshotKind(models.TextChoices):
    EDITION = "EDITION", _("Édition publiée par la DINUM")
    PRESS = "PRESS", _("Instantané")
