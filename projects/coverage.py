"""How much of what DINUM announced the reference data has identified, on a given date."""

from dataclasses import dataclass
from datetime import date

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
