"""The XLSX workbook: projects, milestones, status updates and indicators, one sheet each.

Written by `spreadsheetml` (a 5,000-project workbook in about a second). Dates are real dates,
numbers real numbers, the share of milestones done a percentage; text cells are made inert for
formulas.
"""

from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from projects.enums import Meteo, Phase
from projects.exports import excel_csv
from projects.exports.cells import safe
from projects.exports.data import ExportData
from projects.exports.spreadsheetml import Workbook

SHARE_COLUMN = 11  # « Part des jalons réalisés », on the projects sheet


def _sheet(workbook, title, header, rows, widths, percent_columns=()):
    safe_rows = ([safe(value) for value in row] for row in rows)
    workbook.add_sheet(title, header, safe_rows, widths, percent_columns)


def _day(value):
    return value.end if value else None


def _label(value):
    return _label_in(value, get_language()) if value else ""


@lru_cache(maxsize=4096)
def _label_in(value, language):
    """Few distinct dates, many rows: each label is formatted once per language."""
    return value.label()


def to_xlsx(data: ExportData) -> bytes:
    workbook = Workbook()
    projects = data.state.projects
    project_rows = [
        [
            row[2],
            project.mission_code,
            row[4],
            row[5],
            project.progress,
            _day(project.status_date),
            *row[8:13],
            share / 100 if (share := _share(project)) is not None else None,
            project.summary,
            data.update_summaries.get(project.id, ""),
        ]
        for project, row in zip(projects, excel_csv.rows(data), strict=True)
    ]
    _sheet(
        workbook,
        _("Projets"),
        # The Excel CSV's columns from « Projet » on; the share is a percentage cell here.
        [
            *excel_csv.columns()[2 : SHARE_COLUMN + 2],
            _("Part des jalons réalisés"),
            _("Objectif du projet"),
            _("Résumé du dernier point publié"),
        ],
        project_rows,
        [48, 11, 22, 22, 10, 14, 8, 10, 10, 12, 10, 12, 80, 80],
        percent_columns={SHARE_COLUMN},
    )
    _sheet(
        workbook,
        _("Jalons"),
        [
            _("Projet"),
            _("Mission"),
            _("Jalon"),
            _("Référence initiale"),
            _("Prévu"),
            _("Réalisé"),
            _("Précision (référence / prévu / réalisé)"),
            _("État"),
            _("Glissement (jours)"),
        ],
        (
            [
                project.name,
                project.mission_code,
                m.title,
                _day(m.baseline),
                _day(m.forecast),
                _day(m.actual),
                " / ".join(_label(d) for d in (m.baseline, m.forecast, m.actual)),
                m.state_label,
                m.drift_days,
            ]
            for project in projects
            for m in project.milestones
        ),
        [40, 11, 60, 14, 14, 14, 30, 12, 12],
    )
    _sheet(
        workbook,
        _("Points d'avancement"),
        [
            _("Projet"),
            _("Date du point"),
            _("Publié le"),
            _("Météo"),
            _("Justification de la météo"),
            _("Phase"),
            _("Avancement (%)"),
            _("Résumé"),
            _("Réalisations"),
            _("Prochaines étapes"),
        ],
        (
            [
                u.project.name,
                _label(u.date),
                u.published_on,
                str(Meteo(u.meteo).label),
                u.meteo_justification,
                str(Phase(u.phase).label) if u.phase else "",
                u.progress,
                u.summary,
                u.achievements,
                u.next_steps,
            ]
            for u in data.updates
        ),
        [40, 16, 12, 22, 50, 22, 10, 80, 80, 80],
    )
    _sheet(
        workbook,
        _("Indicateurs"),
        [
            _("Indicateur"),
            _("Unité"),
            _("Mission"),
            _("Projet"),
            _("Date"),
            _("Nature"),
            _("Valeur"),
            _("Valeur telle que publiée"),
        ],
        (
            [
                i.indicator,
                i.unit,
                i.mission,
                i.project,
                _label(i.date),
                _("Cible") if i.is_target else _("Mesure"),
                float(i.value) if i.value is not None else None,
                i.text,
            ]
            for i in data.indicators
        ),
        [40, 16, 11, 30, 14, 10, 14, 50],
    )
    return workbook.to_bytes()


def _share(project):
    if not project.milestones:
        return None
    return round(100 * project.done_count / project.milestone_total, 1)
