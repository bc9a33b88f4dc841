"""How much of what DINUM announced the sources identify, on a day: the caveat that every page,
file and API answer of the portfolio carries (« 43 projets annoncés, 33 identifiés »)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.formats import number
from projects.fuzzydates import long_date
from projects.models import Project, Snapshot
from projects.portfolio import Portfolio


@dataclass(frozen=True)
class Coverage:
    """The edition in force on `day` (what DINUM announced) against the projects identified."""

    day: date
    is_today: bool
    edition: Snapshot | None
    identified: int  # projects in the portfolio of the day
    entry_unknown: int  # of which the entry date is unknown (flagged where listed)
    not_placed: int = 0  # identified projects of unknown entry date not counted on that day
    to_confirm: int = 0  # candidates shown apart, counted nowhere

    @property
    def announced(self) -> int | None:
        return self.edition.announced_total if self.edition else None

    @property
    def missing(self) -> int | None:
        if self.announced is None:
            return None
        return max(self.announced - self.identified, 0)

    @property
    def when(self) -> str:
        """« à ce jour », or « au 2 octobre 2019 » for a past day."""
        if self.is_today:
            return _("à ce jour")
        return _("au %(date)s") % {"date": long_date(self.day)}

    def headline(self) -> str:
        """« 43 projets annoncés par la DINUM (Mise à jour mi-2021), 33 identifiés à ce jour
        dans les sources publiques. »"""
        return self.counts(self.when) + "."

    def counts(self, when: str = "") -> str:
        """« 35 actions annoncées par la DINUM (Feuille de route 2019-2021), 19 identifiées
        [when] dans les sources publiques », agreeing with what DINUM counted."""
        values = {"identified": number(self.identified), "when": f" {when}" if when else ""}
        if self.edition is None:
            return (
                ngettext(
                    "%(identified)s projet identifié%(when)s dans les sources publiques",
                    "%(identified)s projets identifiés%(when)s dans les sources publiques",
                    self.identified,
                )
                % values
            )
        values |= {"announced": number(self.announced or 0), "edition": self.edition.display_title}
        if self.edition.announced_label == "actions":
            text = ngettext(
                "%(announced)s actions annoncées par la DINUM (%(edition)s), %(identified)s "
                "identifiée%(when)s dans les sources publiques",
                "%(announced)s actions annoncées par la DINUM (%(edition)s), %(identified)s "
                "identifiées%(when)s dans les sources publiques",
                self.identified,
            )
        else:
            text = ngettext(
                "%(announced)s projets annoncés par la DINUM (%(edition)s), %(identified)s "
                "identifié%(when)s dans les sources publiques",
                "%(announced)s projets annoncés par la DINUM (%(edition)s), %(identified)s "
                "identifiés%(when)s dans les sources publiques",
                self.identified,
            )
        return text % values

    def details(self) -> list[str]:
        """The sentences under the headline: what is missing, flagged or left apart."""
        sentences = []
        if self.missing:
            sentences.append(
                ngettext(
                    "%(n)s reste à identifier ; rien n'est deviné à sa place.",
                    "%(n)s restent à identifier ; rien n'est deviné à leur place.",
                    self.missing,
                )
                % {"n": number(self.missing)}
            )
        if self.entry_unknown:
            sentences.append(
                ngettext(
                    "%(n)s des projets identifiés a une date d'entrée dans le programme inconnue.",
                    "%(n)s des projets identifiés ont une date d'entrée dans le programme "
                    "inconnue.",
                    self.entry_unknown,
                )
                % {"n": number(self.entry_unknown)}
            )
        if self.not_placed:
            sentences.append(
                ngettext(
                    "%(n)s autre projet identifié, dont la date d'entrée est inconnue, n'est pas "
                    "compté à cette date.",
                    "%(n)s autres projets identifiés, dont la date d'entrée est inconnue, ne sont "
                    "pas comptés à cette date.",
                    self.not_placed,
                )
                % {"n": number(self.not_placed)}
            )
        if self.to_confirm:
            sentences.append(
                ngettext(
                    "%(n)s candidat reste à confirmer.",
                    "%(n)s candidats restent à confirmer.",
                    self.to_confirm,
                )
                % {"n": number(self.to_confirm)}
            )
        return sentences

    def caveat(self) -> str:
        """The headline and its details in one paragraph: what every file carries."""
        return " ".join([self.headline(), *self.details()])

    def as_data(self) -> dict:
        """The caveat for machine-readable files and the API (French snake_case keys)."""
        return {
            "date": self.day.isoformat(),
            "edition_de_reference": self.edition.slug if self.edition else None,
            "projets_annonces": self.announced,
            "unite_annoncee": self.edition.announced_label if self.edition else None,
            "projets_identifies": self.identified,
            "dont_date_entree_inconnue": self.entry_unknown,
            "avertissement": self.caveat(),
        }


def edition_in_force(day: date) -> Snapshot | None:
    """The latest edition DINUM had published on `day`."""
    return Snapshot.objects.editions().filter(taken_on__lte=day).order_by("-taken_on").first()


def coverage_of(portfolio: Portfolio) -> Coverage:
    """The coverage of the whole programme on the portfolio's day (two queries). For a
    snapshot, from its frozen rows; candidates and unplaced projects are live facts only."""
    edition = edition_in_force(portfolio.day)
    if portfolio.snapshot is not None:
        counts = portfolio.snapshot.entries.aggregate(
            identified=Count("pk"), entry_unknown=Count("pk", filter=Q(entered_on__isnull=True))
        )
        return Coverage(portfolio.day, False, edition, **counts)
    as_of = None if portfolio.is_today else portfolio.day
    counts = Project.objects.aggregate_coverage(as_of)
    return Coverage(portfolio.day, portfolio.is_today, edition, **counts)


def coverage_on(day: date | None = None) -> Coverage:
    """The coverage of the live portfolio on `day` (today when None)."""
    return coverage_of(Portfolio.on(day))
