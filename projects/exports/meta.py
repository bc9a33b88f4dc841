"""What every file says of itself: the date of its data, its filters, its source, its licence,
its permanent address and the announced vs identified caveat (issue 10).

One `Metadata` per file, written the same way everywhere: a `meta` object in JSON, a sheet in
XLSX, notes under the Excel CSV's table, a companion Data Package beside the open-data CSV, the
stamp of a chart image, the README of the ZIP.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from projects.fuzzydates import long_date

LICENCE = "Licence Ouverte / Etalab 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
PRODUCER = "DINUM, programme TECH.GOUV"


def permalink(path: str) -> str:
    """The permanent address of a page of the site: `SITE_URL` and its path, never the
    request's Host."""
    return settings.SITE_URL + path


def dated_name(snapshot) -> str:
    """The snapshot's slug with the date of its data, unless the slug already says it:
    « mise-a-jour-2021-2021-09-14 », « point-presse-2026-12-01 »: every file's name."""
    day = snapshot.taken_on.isoformat()
    return snapshot.slug if day in snapshot.slug else f"{snapshot.slug}-{day}"


def snapshot_source(day: date) -> str:
    """« DINUM, programme TECH.GOUV — tableau de bord, instantané du 1er décembre 2026 »."""
    return _("%(producer)s — tableau de bord, instantané du %(date)s") % {
        "producer": PRODUCER,
        "date": long_date(day),
    }


def live_source(day: date) -> str:
    """« DINUM, programme TECH.GOUV — tableau de bord, état au 1er décembre 2026 »."""
    return _("%(producer)s — tableau de bord, état au %(date)s") % {
        "producer": PRODUCER,
        "date": long_date(day),
    }


def source_line(origin: str) -> str:
    """« Source : <origin> », as a chart or a table credits its data."""
    return _("Source : %(origin)s") % {"origin": origin}


@dataclass(frozen=True)
class Metadata:
    title: str
    day: date  # the date of the data
    origin: str  # `snapshot_source` or `live_source`
    permalink: str
    caveat: str
    coverage: dict = field(default_factory=dict)  # Coverage.as_data()
    filters: tuple[tuple[str, str], ...] = ()  # (label, value) as the reader chose them

    @property
    def licence(self) -> str:
        return LICENCE

    @property
    def source(self) -> str:
        """« Source : DINUM, programme TECH.GOUV — tableau de bord, instantané du … »."""
        return source_line(self.origin)

    def filters_text(self) -> str:
        if not self.filters:
            return _("aucun (tous les projets)")
        return " ; ".join(f"{label} : {value}" for label, value in self.filters)

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) pairs for people: a metadata sheet, notes under a table."""
        return [
            (_("Titre"), self.title),
            (_("Date des données"), long_date(self.day)),
            (_("Filtres"), self.filters_text()),
            (_("Source"), self.origin),
            (_("Licence"), f"{LICENCE} ({LICENCE_URL})"),
            (_("Adresse permanente"), self.permalink),
            (_("Avertissement"), self.caveat),
        ]

    def as_data(self) -> dict:
        """French snake_case keys, codes and ISO dates: the `meta` object of JSON files."""
        return {
            "titre": self.title,
            "date_donnees": self.day.isoformat(),
            "filtres": {label: value for label, value in self.filters},
            "source": self.source,
            "producteur": PRODUCER,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "adresse_permanente": self.permalink,
            "schema": permalink("/donnees/schema.json"),
            "avertissement": self.caveat,
            "couverture": self.coverage,
        }


def snapshot_metadata(snapshot, coverage) -> Metadata:
    """What a snapshot's files and embeds say of themselves (`coverage`: its Coverage)."""
    return Metadata(
        title=snapshot.display_title,
        day=snapshot.taken_on,
        origin=snapshot_source(snapshot.taken_on),
        permalink=permalink(snapshot.get_absolute_url()),
        caveat=coverage.caveat(),
        coverage=coverage.as_data(),
    )
