"""The vocabularies shared with the State's steering tools. Codes are stable; labels are French.

`Confidence` belongs to the reference data (`missions.enums`) and is re-exported here, so that
every vocabulary of the dashboard is found in this one module.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from missions.enums import Confidence

__all__ = [
    "METEO_ORDER",
    "PHASE_ORDER",
    "PHASE_RANK",
    "Confidence",
    "Listing",
    "Meteo",
    "MilestoneState",
    "Phase",
    "SnapshotKind",
    "UpdateState",
    "phase_label",
]


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


def phase_label(code: str) -> str:
    """The label of a phase code; « Phase non connue » for "" (no phase published)."""
    return Phase(code).label if code else _("Phase non connue")


# Worst to best, then « non renseignée »: every météo list and chart in this order.
METEO_ORDER = [Meteo.ORAGE, Meteo.NUAGE, Meteo.COUVERT, Meteo.SOLEIL, Meteo.NON_RENSEIGNEE]
# The pipeline, then the endings, then unknown ("").
PHASE_ORDER = [*Phase.values, ""]
# Progress along the pipeline; ARRETE is an ending, neither progress nor regression.
PHASE_RANK = {
    Phase.CADRAGE: 0,
    Phase.CONCEPTION: 1,
    Phase.EXPERIMENTATION: 2,
    Phase.DEPLOIEMENT: 3,
    Phase.ACHEVE: 4,
}


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

    @property
    def code(self) -> str:
        """The French code files and the API write (« PRESSE »); the database keeps the value."""
        return {SnapshotKind.EDITION: "EDITION", SnapshotKind.PRESS: "PRESSE"}[self]


class MilestoneState(models.TextChoices):
    """The one state of a milestone on a day (`projects.rules.milestone_state`)."""

    DONE = "REALISE", _("Réalisé")
    LATE = "EN_RETARD", _("En retard")
    UPCOMING = "A_VENIR", _("À venir")
    UNREPORTED = "NON_RENSEIGNE", _("Échéance passée, réalisation non renseignée")
    UNDATED = "NON_DATE", _("Non daté")

    @classmethod
    def counted(cls) -> list["MilestoneState"]:
        """The states headline figures count, each under its own label."""
        return [cls.DONE, cls.LATE, cls.UNREPORTED, cls.UPCOMING]
