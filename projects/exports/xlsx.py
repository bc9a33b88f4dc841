"""The XLSX workbook: projects, milestones, status updates and indicators, one sheet each, then a
metadata sheet (date, source, licence, permanent address, caveat).

Written by `spreadsheetml` (a 5,000-project workbook in about a second). A date is a real Excel
date only where its day is known; a coarser date (« 05/2021 », « T1 2020 », « 2024 ») is text,
with its precision in the next column: the workbook never claims more than the source. Numbers
are numbers, the share of milestones done a percentage (from 3 milestones on), slippage in days
with its unit in the header. Every sheet has a frozen header and an autofilter; text cells are
made inert for formulas. Rows are built from named fields, never from column positions.
"""

from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from projects.enums import Meteo, Phase
from projects.exports.cells import safe
from projects.exports.data import ExportData
from projects.exports.excel_csv import COLUMNS, SHARE_NOTE, project_records
from projects.exports.meta import Metadata
from projects.exports.spreadsheetml import Workbook
from projects.fuzzydates import FuzzyDate, Precision


def add_sheet(workbook, title, header, rows, widths, percent_columns=(), wrap_columns=()):
    safe_rows = ([safe(value) for value in row] for row in rows)
    workbook.add_sheet(title, header, safe_rows, widths, percent_columns, wrap_columns)


def add_metadata_sheet(workbook, meta: Metadata, notes: list[str] = ()) -> None:
    rows = [[label, value] for label, value in meta.lines()]
    rows += [[_("Note"), note] for note in notes]
    add_sheet(workbook, _("Métadonnées"), [_("Champ"), _("Valeur")], rows, [24, 100], (), {1})


def cell_date(value: FuzzyDate | None):
    """A real date where the day is known; else the period as text (« 05/2021 »)."""
    if value is None:
        return None
    return value.end if value.precision == Precision.DAY else _label(value)


def precision(value: FuzzyDate | None) -> str:
    return _precision_in(value.precision, get_language()) if value else ""


def _label(value):
    return _label_in(value, get_language()) if value else ""


@lru_cache(maxsize=4096)
def _label_in(value, language):
    """Few distinct dates, many rows: each label is formatted once per language."""
    return value.label()


@lru_cache(maxsize=64)
def _precision_in(value, language):
    return str(Precision(value).label)


PROJECT_KEYS = [
    "projet",
    "mission",
    "phase",
    "meteo",
    "avancement",
    "date_dernier_point",
    "precision_date_dernier_point",
    "jalons",
    "jalons_realises",
    "jalons_en_retard",
    "jalons_non_renseignes",
    "jalons_a_venir",
    "part_realises",
    "resume",
    "resume_dernier_point",
]


def _project_sheet(workbook, data: ExportData) -> None:
    headers = dict(COLUMNS)
    share_column = PROJECT_KEYS.index("part_realises")

    def row(record):
        values = {
            **record,
            "date_dernier_point": cell_date(record["date_dernier_point"]),
            "part_realises": None
            if record["part_realises"] is None
            else record["part_realises"] / 100,
        }
        return [values[key] for key in PROJECT_KEYS]

    add_sheet(
        workbook,
        _("Projets"),
        [str(headers[key]) for key in PROJECT_KEYS],
        (row(record) for record in project_records(data)),
        [48, 11, 22, 22, 10, 16, 12, 8, 10, 10, 14, 10, 16, 80, 80],
        percent_columns={share_column},
    )


def _milestone_sheet(workbook, data: ExportData) -> None:
    add_sheet(
        workbook,
        _("Jalons"),
        [
            _("Projet"),
            _("Mission"),
            _("Jalon"),
            _("Référence initiale"),
            _("Précision de la référence"),
            _("Prévu"),
            _("Précision du prévu"),
            _("Réalisé"),
            _("Précision du réalisé"),
            _("État"),
            _("Glissement (jours)"),
            _("Glissement depuis la dernière référence (jours)"),
        ],
        (
            [
                project.name,
                project.mission_code,
                m.title,
                cell_date(m.baseline),
                precision(m.baseline),
                cell_date(m.forecast),
                precision(m.forecast),
                cell_date(m.actual),
                precision(m.actual),
                m.state_label,
                m.drift_days,
                m.drift_latest_days,
            ]
            for project in data.state.projects
            for m in project.milestones
        ),
        [40, 11, 60, 16, 12, 16, 12, 16, 12, 24, 12, 14],
    )


def _update_sheet(workbook, data: ExportData) -> None:
    add_sheet(
        workbook,
        _("Points d'avancement"),
        [
            _("Projet"),
            _("Date du point"),
            _("Précision de la date du point"),
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
                cell_date(u.date),
                precision(u.date),
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
        [40, 16, 12, 12, 22, 50, 22, 10, 80, 80, 80],
    )


def _indicator_sheet(workbook, data: ExportData) -> None:
    add_sheet(
        workbook,
        _("Indicateurs"),
        [
            _("Indicateur"),
            _("Unité"),
            _("Mission"),
            _("Projet"),
            _("Date"),
            _("Précision de la date"),
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
                cell_date(i.date),
                precision(i.date),
                _("Cible") if i.is_target else _("Mesure"),
                float(i.value) if i.value is not None else None,
                i.text,
            ]
            for i in data.indicators
        ),
        [40, 16, 11, 40, 14, 12, 10, 14, 50],
    )


def to_xlsx(data: ExportData) -> bytes:
    workbook = Workbook()
    _project_sheet(workbook, data)
    _milestone_sheet(workbook, data)
    _update_sheet(workbook, data)
    _indicator_sheet(workbook, data)
    add_metadata_sheet(
        workbook,
        data.meta,
        [
            str(SHARE_NOTE),
            _(
                "Dates : une date connue au jour est une vraie date ; une date connue au mois, "
                "au trimestre, au semestre ou à l'année est écrite en texte, sa précision dans "
                "la colonne suivante."
            ),
            _("Glissement : écart en jours avec la première date publiée du jalon."),
        ],
    )
    return workbook.to_bytes()
