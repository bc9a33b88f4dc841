"""Exports of the project list (`/projets/?…&export=`), filtered and sorted as shown, every page.

Four files and a descriptor, all from the same records (named fields, read from the table's
annotations): the open-data CSV (`csv`: UTF-8, comma, ISO dates, codes and a label beside each
code, described by `/donnees/schema-projets.json`), the « Tableur Excel (FR) » CSV
(`csv` + `format=excel`: BOM, `;`, decimal comma, dd/mm/yyyy, labels, notes under the table),
the XLSX (with a metadata sheet), the JSON (`meta` then `projets`, keys are codes) and the
Data Package that describes the open-data CSV (`datapackage`). Each file's name carries the date
of its data and a short form of its filters: `projets-tech-gouv-2026-12-01-mission-idnum.csv`.
"""

import csv
import io
import json
from dataclasses import dataclass
from datetime import date

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.enums import Meteo, phase_label
from projects.exports import excel_csv, xlsx
from projects.exports.cells import safe
from projects.exports.meta import LICENCE, LICENCE_URL, PRODUCER, Metadata, permalink
from projects.exports.opendata import MISSION_FIELDS, PRECISION_DESCRIPTION, STATUS_FIELDS
from projects.exports.spreadsheetml import Workbook
from projects.fuzzydates import PRECISION_CODES, FuzzyDate, fuzzy

SCHEMA_PATH = "/donnees/schema-projets.json"
FORMATS = {"csv", "xlsx", "json", "datapackage"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "datapackage": "application/json",
}

FIELDS = [
    {
        "name": "date_donnees",
        "title": "Date des données",
        "description": "Le portefeuille tel qu'il était publié ce jour-là (AAAA-MM-JJ).",
        "type": "date",
        "constraints": {"required": True},
    },
    {
        "name": "projet",
        "title": "Projet",
        "description": "Identifiant stable du projet (/projets/<identifiant>/).",
        "type": "string",
        "constraints": {"required": True, "pattern": "^[a-z0-9-]+$"},
    },
    {"name": "nom", "title": "Nom du projet", "type": "string", "constraints": {"required": True}},
    *MISSION_FIELDS,
    *STATUS_FIELDS,
    {
        "name": "avancement",
        "title": "Avancement (%)",
        "type": "integer",
        "constraints": {"minimum": 0, "maximum": 100},
    },
    {"name": "date_dernier_point", "title": "Date du dernier point publié", "type": "date"},
    {
        "name": "precision_date_dernier_point",
        "title": "Précision de la date du dernier point",
        "description": PRECISION_DESCRIPTION,
        "type": "string",
        "constraints": {"enum": list(PRECISION_CODES.values())},
    },
    {"name": "prochain_jalon", "title": "Prochain jalon", "type": "string"},
    {"name": "date_prochain_jalon", "title": "Date prévue du prochain jalon", "type": "date"},
    {
        "name": "precision_date_prochain_jalon",
        "title": "Précision de la date du prochain jalon",
        "description": PRECISION_DESCRIPTION,
        "type": "string",
        "constraints": {"enum": list(PRECISION_CODES.values())},
    },
    {
        "name": "glissement_max_jours",
        "title": "Glissement maximal (jours)",
        "description": "Le plus grand écart, en jours, entre la date d'un jalon et sa première "
        "date publiée ; vide s'il n'est pas connu.",
        "type": "integer",
    },
    {
        "name": "jalon_en_retard",
        "title": "Au moins un jalon en retard",
        "type": "boolean",
        "trueValues": ["oui"],
        "falseValues": ["non"],
        "constraints": {"required": True},
    },
]
# The people's table (Excel FR CSV, XLSX): labels, no codes; (key, header).
PEOPLE_COLUMNS = [
    ("nom", gettext_lazy("Projet")),
    ("mission", gettext_lazy("Mission")),
    ("phase_libelle", gettext_lazy("Phase")),
    ("meteo_libelle", gettext_lazy("Météo")),
    ("avancement", gettext_lazy("Avancement (%)")),
    ("dernier_point", gettext_lazy("Date du dernier point")),
    ("precision_dernier_point", gettext_lazy("Précision de la date du dernier point")),
    ("prochain_jalon", gettext_lazy("Prochain jalon")),
    ("prochain_jalon_date", gettext_lazy("Date prévue du prochain jalon")),
    ("precision_prochain_jalon", gettext_lazy("Précision de la date prévue")),
    ("glissement_max_jours", gettext_lazy("Glissement maximal (jours)")),
    ("en_retard", gettext_lazy("Jalon en retard")),
]


def schema() -> dict:
    return {
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": "techgouv-liste-projets",
        "title": "Liste filtrée des projets du programme TECH.GOUV",
        "description": "Une ligne par projet du tableau /projets/, avec les filtres choisis.",
        "countryCode": "FR",
        "path": SCHEMA_PATH,
        "licenses": [{"title": LICENCE, "name": "etalab-2.0", "path": LICENCE_URL}],
        "contributors": [{"title": PRODUCER, "role": "author"}],
        "version": "1.0.0",
        "fields": FIELDS,
        "missingValues": [""],
        "primaryKey": ["projet"],
    }


@dataclass(frozen=True)
class ListExport:
    """The rows of the table as shown (every page), the day of their data, their filters."""

    records: list[dict]
    meta: Metadata
    short_filters: list[str]

    def filename(self, fmt: str, excel: bool = False) -> str:
        parts = ["projets-tech-gouv", self.meta.day.isoformat(), *self.short_filters]
        if excel:
            parts.append("excel-fr")
        extension = "json" if fmt == "datapackage" else fmt
        suffix = ".datapackage" if fmt == "datapackage" else ""
        return "-".join(parts) + suffix + "." + extension


def record(project, day: date) -> dict:
    """One project of `ProjectQuerySet.for_table()` as typed, named values."""
    status = fuzzy(project.status_on, project.status_precision)
    upcoming = fuzzy(project.next_milestone_on, project.next_milestone_precision)
    meteo = project.meteo or Meteo.NON_RENSEIGNEE
    return {
        "date_donnees": day,
        "projet": project.slug,
        "nom": project.display_name,
        "mission": project.mission.code if project.mission else "",
        "mission_libelle": project.mission.name if project.mission else "",
        "phase": project.phase or "",
        "phase_libelle": str(phase_label(project.phase)),
        "meteo": meteo,
        "meteo_libelle": str(Meteo(meteo).label),
        "avancement": project.progress,
        "dernier_point": status,
        "prochain_jalon": project.next_milestone_title or "",
        "prochain_jalon_date": upcoming,
        "glissement_max_jours": project.max_drift.days if project.max_drift is not None else None,
        "en_retard": bool(project.has_late),
    }


def _open_row(r: dict) -> dict:
    status, upcoming = r["dernier_point"], r["prochain_jalon_date"]
    return {
        **{key: r[key] for key in ("projet", "nom", "mission", "mission_libelle", "phase")},
        "date_donnees": r["date_donnees"].isoformat(),
        "phase_libelle": r["phase_libelle"],
        "meteo": r["meteo"],
        "meteo_libelle": r["meteo_libelle"],
        "avancement": r["avancement"],
        "date_dernier_point": status.end.isoformat() if status else None,
        "precision_date_dernier_point": status.code if status else None,
        "prochain_jalon": r["prochain_jalon"],
        "date_prochain_jalon": upcoming.end.isoformat() if upcoming else None,
        "precision_date_prochain_jalon": upcoming.code if upcoming else None,
        "glissement_max_jours": r["glissement_max_jours"],
        "jalon_en_retard": r["en_retard"],
    }


def _people_row(r: dict) -> dict:
    status, upcoming = r["dernier_point"], r["prochain_jalon_date"]
    return {
        **r,
        "precision_dernier_point": _precision(status),
        "precision_prochain_jalon": _precision(upcoming),
        "en_retard": _("oui") if r["en_retard"] else _("non"),
    }


def _precision(value: FuzzyDate | None) -> str:
    return str(value.precision.label) if value else ""


def to_open_csv(export: ListExport) -> bytes:
    buffer = io.StringIO()
    names = [field["name"] for field in FIELDS]
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\r\n")
    writer.writeheader()
    for r in export.records:
        row = _open_row(r)
        row["jalon_en_retard"] = "oui" if row["jalon_en_retard"] else "non"
        writer.writerow({key: "" if value is None else safe(value) for key, value in row.items()})
    return buffer.getvalue().encode("utf-8")


def to_excel_csv(export: ListExport) -> bytes:
    keys = [key for key, _header in PEOPLE_COLUMNS]
    rows = ([_people_row(r)[key] for key in keys] for r in export.records)
    return excel_csv.write([str(h) for _k, h in PEOPLE_COLUMNS], rows, export.meta)


def to_xlsx(export: ListExport) -> bytes:
    workbook = Workbook()
    keys = [key for key, _header in PEOPLE_COLUMNS]

    def row(r):
        values = _people_row(r)
        values["dernier_point"] = xlsx.cell_date(values["dernier_point"])
        values["prochain_jalon_date"] = xlsx.cell_date(values["prochain_jalon_date"])
        return [values[key] for key in keys]

    xlsx.add_sheet(
        workbook,
        _("Projets"),
        [str(h) for _k, h in PEOPLE_COLUMNS],
        (row(r) for r in export.records),
        [48, 11, 22, 22, 10, 16, 12, 48, 16, 12, 12, 10],
    )
    xlsx.add_metadata_sheet(workbook, export.meta)
    return workbook.to_bytes()


def to_json(export: ListExport) -> bytes:
    document = {"meta": export.meta.as_data(), "projets": [_open_row(r) for r in export.records]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def to_datapackage(export: ListExport, csv_url: str) -> bytes:
    descriptor = {
        "profile": "tabular-data-package",
        "name": "techgouv-liste-projets",
        **export.meta.as_data(),
        "licenses": [{"name": "etalab-2.0", "title": LICENCE, "path": LICENCE_URL}],
        "sources": [{"title": export.meta.source, "path": export.meta.permalink}],
        "resources": [
            {
                "name": "techgouv-liste-projets",
                "path": csv_url,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(),
            }
        ],
    }
    return json.dumps(descriptor, ensure_ascii=False, indent=2).encode("utf-8")


def build(export: ListExport, fmt: str, excel: bool, csv_url: str) -> bytes:
    if fmt == "csv":
        return to_excel_csv(export) if excel else to_open_csv(export)
    if fmt == "xlsx":
        return to_xlsx(export)
    if fmt == "json":
        return to_json(export)
    return to_datapackage(export, permalink(csv_url))


# --- Filters, in a file name and in words ------------------------------------------------------


def describe_filters(filterset) -> tuple[list[str], list[tuple[str, str]]]:
    """The filters the reader set: short slug parts for the file name (« mission-idnum ») and
    (label, value) pairs for people."""
    data = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    short, lines = [], []
    for name, bound in filterset.filters.items():
        value = data.get(name)
        if value in (None, "", False):
            continue
        field = filterset.form.fields[name]
        if name == "mission":
            short.append(f"mission-{value.code.lower()}")
            shown = f"{value.code} — {value.name}"
        elif hasattr(field, "choices") and field.choices:
            short.append(f"{name}-{slugify(str(value))[:30]}")
            shown = str(dict(field.choices).get(value, value))
        elif name == "late":
            short.append("en-retard")
            shown = _("oui")
        else:
            short.append(f"{_SHORT.get(name, name)}-{slugify(str(value))[:30]}")
            shown = str(value)
        lines.append((str(bound.label), shown))
    return short, lines


_SHORT = {"q": "recherche", "lead_organisation": "entite"}
