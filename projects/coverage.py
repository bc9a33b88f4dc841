"""How much of what DINUM announced the reference data has identified, on a given date."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import ngettext

from projects.formats import number
from projects.models import Project, Snapshot


@dataclass(frozen=True)
class Coverage:
    """« 43 projets annoncés, 22 identifiés à ce jour » for the edition in force on a date."""

    edition: Snapshot | None
    identified: int
    entry_unknown: int
    to_confirm: int

    @property
    def announced(self) -> int | None:
        return self.edition.announced_total if self.edition else None

    def headline(self) -> str:
        """« 35 actions annoncées par la DINUM (…), 18 identifiées à ce jour … »."""
        values = {"identified": number(self.identified)}
        if self.edition is None:
            return (
                ngettext(
                    "%(identified)s projet identifié dans les sources publiques.",
                    "%(identified)s projets identifiés dans les sources publiques.",
                    self.identified,
                )
                % values
            )
        values |= {"announced": number(self.announced or 0), "edition": self.edition.title}
        if self.edition.announced_label == "actions":
            text = ngettext(
                "%(announced)s actions annoncées par la DINUM (%(edition)s), %(identified)s "
                "identifiée à ce jour dans les sources publiques.",
                "%(announced)s actions annoncées par la DINUM (%(edition)s), %(identified)s "
                "identifiées à ce jour dans les sources publiques.",
                self.identified,
            )
        else:
            text = ngettext(
                "%(announced)s projets annoncés par la DINUM (%(edition)s), %(identified)s "
                "identifié à ce jour dans les sources publiques.",
                "%(announced)s projets annoncés par la DINUM (%(edition)s), %(identified)s "
                "identifiés à ce jour dans les sources publiques.",
                self.identified,
            )
        return text % values

    @property
    def missing(self) -> int | None:
        if self.announced is None:
            return None
        return max(self.announced - self.identified, 0)


def coverage_on(day: date | None = None) -> Coverage:
    """The coverage of the portfolio on `day` (today when None), in two queries."""
    editions = Snapshot.objects.editions()
    if day is not None:
        editions = editions.filter(taken_on__lte=day)
    edition = editions.order_by("-taken_on").first()
    counts = Project.objects.aggregate_coverage(day)
    return Coverage(edition=edition, **counts)
