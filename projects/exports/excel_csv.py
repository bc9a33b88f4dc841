"""The « Excel FR » CSV: UTF-8 with BOM, `;`, decimal comma, dd/mm/yyyy, French labels.

Opens cleanly by a double click in Excel (French locale) and in LibreOffice. The table comes
first (its header on line 1, so sorting and filtering work); after an empty line, the notes say
what the file is: date of the data, filters, source, licence, permanent address and the
announced vs identified caveat — the French statistical habit of notes under a table.

Rows are dicts keyed by column name (`project_records`): the XLSX reads the same records by
name, never by position.
"""

import csv
import io
from datetime import date

from django.utils.translation import gettext_lazy

from projects.enums import MilestoneState
from projects.exports.cells import fr_date, fr_decimal, safe, share_done
from projects.exports.data import ExportData
from projects.exports.meta import Metadata
from projects.fuzzydates import FuzzyDate, Precision

# (key, header): the people's table of a snapshot's projects.
COLUMNS = [
    ("instantane", gettext_lazy("Instantané")),
    ("date_instantane", gettext_lazy("Date de l'état figé")),
    ("projet", gettext_lazy("Projet")),
    ("mission", gettext_lazy("Mission")),
    ("phase", gettext_lazy("Phase")),
    ("meteo", gettext_lazy("Météo")),
    ("avancement", gettext_lazy("Avancement (%)")),
    ("date_dernier_point", gettext_lazy("Date du dernier point")),
    ("precision_date_dernier_point", gettext_lazy("Précision de la date du dernier point")),
    ("jalons", gettext_lazy("Jalons")),
    ("jalons_realises", gettext_lazy("Jalons réalisés")),
    ("jalons_en_retard", gettext_lazy("Jalons en retard")),
    ("jalons_non_renseignes", gettext_lazy("Échéances passées, réalisation non renseignée")),
    ("jalons_a_venir", gettext_lazy("Jalons à venir")),
    ("part_realises", gettext_lazy("Part des jalons réalisés (%, à partir de 3 jalons)")),
    ("resume", gettext_lazy("Objectif du projet")),
    ("resume_dernier_point", gettext_lazy("Résumé du dernier point publié")),
]


def columns() -> list[str]:
    return [str(header) for _key, header in COLUMNS]


def project_records(data: ExportData) -> list[dict]:
    """One dict per project, typed values (dates as FuzzyDate, shares as numbers, None when
    unknown), keyed like `COLUMNS`."""
    records = []
    for project in data.state.projects:
        counts = project.milestone_counts()
        status = project.status_date
        records.append(
            {
                "instantane": data.snapshot.title,
                "date_instantane": data.day,
                "projet": project.name,
                "mission": project.mission_code,
                "phase": project.phase_label,
                "meteo": project.meteo_label,
                "avancement": project.progress,
                "date_dernier_point": status,
                "precision_date_dernier_point": str(status.precision.label) if status else "",
                "jalons": len(project.milestones),
                "jalons_realises": counts[MilestoneState.DONE],
                "jalons_en_retard": counts[MilestoneState.LATE],
                "jalons_non_renseignes": counts[MilestoneState.UNREPORTED],
                "jalons_a_venir": counts[MilestoneState.UPCOMING],
                "part_realises": share_done(counts[MilestoneState.DONE], len(project.milestones)),
                "resume": project.summary,
                "resume_dernier_point": data.update_summaries.get(project.id, ""),
            }
        )
    return records


def excel_text(value) -> object:
    """A typed value as the Excel FR CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, FuzzyDate):
        return fr_date(value.end) if value.precision == Precision.DAY else value.label()
    if isinstance(value, date):
        return fr_date(value)
    if isinstance(value, float):
        return fr_decimal(value)
    return value


SHARE_NOTE = gettext_lazy("Part des jalons réalisés : calculée à partir de 3 jalons, vide en deçà.")


def write(header: list[str], rows, meta: Metadata, notes=()) -> bytes:
    """The table (`rows`: lists of typed values), an empty line, then the notes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe(excel_text(cell)) for cell in row])
    writer.writerow([])
    for label, value in meta.lines():
        writer.writerow([safe(f"{label} : {value}")])
    for note in notes:
        writer.writerow([safe(str(note))])
    return buffer.getvalue().encode("utf-8-sig")


def to_csv(data: ExportData) -> bytes:
    keys = [key for key, _header in COLUMNS]
    rows = ([record[key] for key in keys] for record in project_records(data))
    return write(columns(), rows, data.meta, [SHARE_NOTE])
