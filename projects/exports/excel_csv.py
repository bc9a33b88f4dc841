"""The « Excel FR » CSV: UTF-8 with BOM, `;`, decimal comma, dd/mm/yyyy, French labels.

Opens cleanly by a double click in Excel (French locale) and in LibreOffice.
"""

import csv
import io

from django.utils.translation import gettext as _

from projects.enums import MilestoneState
from projects.exports.cells import fr_date, fr_decimal, safe, share
from projects.exports.data import ExportData
from projects.fuzzydates import Precision


def columns() -> list[str]:
    return [
        _("Instantané"),
        _("Date de l'état figé"),
        _("Projet"),
        _("Mission"),
        _("Phase"),
        _("Météo"),
        _("Avancement (%)"),
        _("Date du dernier point"),
        _("Jalons"),
        _("Jalons réalisés"),
        _("Jalons en retard"),
        _("Échéances passées, réalisation non renseignée"),
        _("Jalons à venir"),
        _("Part des jalons réalisés (%)"),
        _("Objectif du projet"),
        _("Résumé du dernier point publié"),
    ]


def rows(data: ExportData) -> list[list]:
    result = []
    for project in data.state.projects:
        counts = project.milestone_counts()
        status = project.status_date
        result.append(
            [
                data.snapshot.title,
                fr_date(data.day),
                project.name,
                project.mission_code,
                project.phase_label,
                project.meteo_label,
                "" if project.progress is None else project.progress,
                (fr_date(status.end) if status.precision == Precision.DAY else status.label())
                if status
                else "",
                len(project.milestones),
                counts[MilestoneState.DONE],
                counts[MilestoneState.LATE],
                counts[MilestoneState.UNREPORTED],
                counts[MilestoneState.UPCOMING],
                fr_decimal(share(counts[MilestoneState.DONE], len(project.milestones))),
                project.summary,
                data.update_summaries.get(project.id, ""),
            ]
        )
    return result


def to_csv(data: ExportData) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns())
    for row in rows(data):
        writer.writerow([safe(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")
