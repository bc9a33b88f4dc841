"""The comparison of two snapshots as files: `/instantanes/<a>/comparer/<b>/export.<pdf|csv|xlsx>`.

The same `Comparison` as the page (`projects.snapshots.comparison.comparison_of`): its summary,
its figures and every move the page lists (entries, exits, météo and phase changes, milestones
done, slipped, advanced, added, removed), one row per move with a code and its label. Everything
is read in the request (`collect`); the files are written without database access.

The CSV is for people (« Excel FR »: BOM, `;`, dd/mm/yyyy, notes under the table), as the
press opens it; each row still carries the move's code beside its label.
"""

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from projects.charts.kit import Chart
from projects.exports import excel_csv, xlsx
from projects.exports.meta import LICENCE, LICENCE_URL, PRODUCER, Metadata, permalink
from projects.exports.spreadsheetml import Workbook
from projects.fuzzydates import long_date
from projects.portfolio import Portfolio
from projects.snapshots import charts as comparison_charts
from projects.snapshots.comparison import Comparison, comparison_of

# Move code -> (label, Comparison attribute), in the page's order.
MOVES = [
    ("PROJET_ENTRE", gettext_lazy("Projet entré dans le programme"), "entered"),
    ("PROJET_SORTI", gettext_lazy("Projet sorti du programme"), "left"),
    ("METEO_DEGRADEE", gettext_lazy("Météo dégradée"), "meteo_worse"),
    ("METEO_AMELIOREE", gettext_lazy("Météo améliorée"), "meteo_better"),
    ("METEO_PREMIERE", gettext_lazy("Première météo"), "meteo_declared"),
    ("METEO_RETIREE", gettext_lazy("Météo non renseignée"), "meteo_withdrawn"),
    ("PHASE_SUIVANTE", gettext_lazy("Phase suivante"), "phase_forward"),
    ("PHASE_RECUL", gettext_lazy("Retour en arrière"), "phase_backward"),
    ("PHASE_ARRET", gettext_lazy("Arrêté"), "phase_stopped"),
    ("PHASE_RENSEIGNEE", gettext_lazy("Phase renseignée"), "phase_known"),
    ("JALON_REALISE", gettext_lazy("Jalon réalisé entre les deux dates"), "delivered"),
    ("JALON_GLISSE", gettext_lazy("Jalon qui a glissé"), "slipped"),
    ("JALON_AVANCE", gettext_lazy("Jalon avancé"), "advanced"),
    ("JALON_AJOUTE", gettext_lazy("Jalon ajouté"), "added"),
    ("JALON_RETIRE", gettext_lazy("Jalon retiré"), "removed"),
]
HEADER = [
    gettext_lazy("Code du changement"),
    gettext_lazy("Changement"),
    gettext_lazy("Projet"),
    gettext_lazy("Mission"),
    gettext_lazy("Jalon"),
    gettext_lazy("Avant"),
    gettext_lazy("Après"),
    gettext_lazy("Écart (jours)"),
]


@dataclass
class ComparisonData:
    comparison: Comparison
    a: object  # the two snapshots
    b: object
    path: str  # the page's path
    charts: list[Chart] = field(default_factory=list)

    @cached_property
    def meta(self) -> Metadata:
        c = self.comparison
        caveat = c.coverage_b.caveat()
        if not c.same_day:
            caveat = f"{c.coverage_a.caveat()} {caveat}"
        return Metadata(
            title=_("Comparaison : %(a)s → %(b)s")
            % {"a": self.a.display_title, "b": self.b.display_title},
            day=max(c.a.day, c.b.day),  # the newer of the two states
            origin=_(
                "%(producer)s — tableau de bord, comparaison des instantanés du %(a)s et du %(b)s"
            )
            % {"producer": PRODUCER, "a": long_date(c.a.day), "b": long_date(c.b.day)},
            permalink=permalink(self.path),
            caveat=caveat,
            coverage={"avant": c.coverage_a.as_data(), "apres": c.coverage_b.as_data()},
        )

    @property
    def figures(self) -> list[tuple[str, str, int]]:
        """(code, label, count) of every kind of move, then the milestones late and
        unreported at the second date: the page's figures."""
        c = self.comparison
        rows = [(code, str(label), len(getattr(c, attr))) for code, label, attr in MOVES]
        rows += [
            (
                "JALONS_EN_RETARD",
                str(_("Jalons en retard au second instantané")),
                len(c.late_after),
            ),
            (
                "JALONS_NON_RENSEIGNES",
                str(_("Échéances passées, réalisation non renseignée, au second instantané")),
                len(c.unreported_after),
            ),
        ]
        return rows

    def moves(self) -> list[list]:
        """One row per move: code, label, project, mission, milestone, before, after, days."""
        rows = []
        for code, label, attr in MOVES:
            for move in getattr(self.comparison, attr):
                rows.append([code, str(label), *_describe(move, attr)])
        return rows


def _describe(move, attr: str) -> list:
    """Project, mission, milestone, before, after, days of one move of `Comparison.<attr>`."""
    if attr in ("entered", "left"):
        return [move.name, move.mission_code, "", "", "", None]
    if attr.startswith("meteo"):
        after = move.after
        return [
            after.name,
            after.mission_code,
            "",
            move.before.meteo_label,
            after.meteo_label,
            None,
        ]
    if attr.startswith("phase"):
        after = move.after
        return [
            after.name,
            after.mission_code,
            "",
            move.before.phase_label,
            after.phase_label,
            None,
        ]
    before = (move.before.actual or move.before.forecast) if move.before else None
    after = (move.after.actual or move.after.forecast) if move.after else None
    project = move.project
    return [project.name, project.mission_code, move.milestone.title, before, after, move.days]


def collect(a, b, path: str) -> ComparisonData:
    """Everything the comparison's files hold, read in the request."""
    comparison = comparison_of(Portfolio.of_snapshot(a), Portfolio.of_snapshot(b))
    data = ComparisonData(comparison, a, b, path)
    data.charts = [
        comparison_charts.phase_transitions(comparison),
        comparison_charts.meteo_before_after(comparison),
    ]
    data.meta  # noqa: B018 — formatted in the request's language
    return data


def to_csv(data: ComparisonData) -> bytes:
    notes = [
        _("Résumé : %(summary)s") % {"summary": data.comparison.summary},
        *(f"{label} : {count}" for _code, label, count in data.figures),
    ]
    return excel_csv.write([str(h) for h in HEADER], data.moves(), data.meta, notes)


def to_xlsx(data: ComparisonData) -> bytes:
    workbook = Workbook()
    xlsx.add_sheet(
        workbook,
        _("Résumé"),
        [_("Code"), _("Chiffre"), _("Nombre")],
        [[code, label, count] for code, label, count in data.figures],
        [24, 70, 10],
    )
    rows = ([*row[:5], *_xlsx_date(row[5]), *_xlsx_date(row[6]), row[7]] for row in data.moves())
    xlsx.add_sheet(
        workbook,
        _("Changements"),
        [
            *[str(h) for h in HEADER[:5]],
            _("Avant"),
            _("Précision (avant)"),
            _("Après"),
            _("Précision (après)"),
            _("Écart (jours)"),
        ],
        rows,
        [18, 34, 44, 10, 50, 22, 12, 22, 12, 12],
    )
    xlsx.add_metadata_sheet(
        workbook, data.meta, [_("Résumé : %(summary)s") % {"summary": data.comparison.summary}]
    )
    return workbook.to_bytes()


def _xlsx_date(value) -> tuple:
    """A milestone's date (real date or text, and its precision) or a label (météo, phase)."""
    if value is None or isinstance(value, str):
        return value, ""
    return xlsx.cell_date(value), xlsx.precision(value)


def to_pdf(data: ComparisonData, figures: dict[str, str]) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, needed only for PDFs

    from projects.exports import pdf

    charts = pdf.charts_with_images(data.charts, figures)
    moves = []
    for code, label, attr in MOVES:
        rows = [_describe(move, attr) for move in getattr(data.comparison, attr)]
        moves.append({"code": code, "label": label, "rows": rows})
    footer = _("TECH.GOUV — comparaison du %(a)s au %(b)s") % {
        "a": long_date(data.comparison.a.day),
        "b": long_date(data.comparison.b.day),
    }
    html = render_to_string(
        "snapshots/compare_report.html",
        {
            "data": data,
            "comparison": data.comparison,
            "meta": data.meta,
            "figures": data.figures,
            "charts": charts,
            "moves": moves,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "font_dir": pdf._font_dir(),
            "footer": pdf._css_string(footer),
            "LANGUAGE_CODE": get_language() or "fr",
        },
    )
    return HTML(string=html, base_url=str(Path.cwd())).write_pdf(pdf_variant=pdf.PDF_VARIANT)
