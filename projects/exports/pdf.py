"""The press report (PDF), rendered by WeasyPrint from `templates/snapshots/report.html`.

A designed cover (programme, snapshot, date, the key figures of the snapshot page and the
announced vs identified caveat, DSFR identity: Marianne, blue, « République française »), a
contents page, the key figures, the charts (the figure's SVG at A4 width, its summary and data
table), one section per mission, then sources and method. Tables break across pages with
their header repeated; the footer carries the date of the data and « page n / N ». The PDF is
tagged (PDF/UA-1: structure tree, document language and title), as a government publication
under the RGAA must be.

A mission with more than `PER_MISSION` projects prints the first ones and points to the CSV and
XLSX for the full list: WeasyPrint lays a table out at about 5 ms a row, and a press report of
5,000 rows is read by nobody.
"""

import base64
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from projects.enums import Meteo
from projects.exports.data import ExportData
from projects.exports.meta import LICENCE, LICENCE_URL
from projects.fuzzydates import long_date

PER_MISSION = 12  # as the snapshot page (`PROJECTS_PER_MISSION`)
PDF_VARIANT = "pdf/ua-1"


def _font_dir() -> str:
    found = finders.find("dsfr/dist/fonts/Marianne-Regular.woff2")
    return Path(found).parent.as_uri() if found else ""


def _groups(data: ExportData) -> list[dict]:
    """The projects by mission, in the page's order; missions without a project left out."""
    by_mission: dict = {}
    for project in data.state.projects:
        by_mission.setdefault(project.mission_id, []).append(project)
    groups = []
    for mission in [*data.missions, None]:
        projects = by_mission.get(mission.pk if mission else None, [])
        if projects:
            groups.append(
                {
                    "mission": mission,
                    "anchor": f"mission-{mission.code.lower()}" if mission else "mission-inconnue",
                    "projects": projects[:PER_MISSION],
                    "total": len(projects),
                    "truncated": len(projects) > PER_MISSION,
                }
            )
    return groups


def charts_with_images(charts, figures: dict[str, str]) -> list[dict]:
    """Each chart with its drawing inlined as an SVG data URL (empty for a chart not drawn)."""
    return [
        {
            "chart": chart,
            "image": "data:image/svg+xml;base64,"
            + base64.b64encode(figures[chart.slug].encode()).decode()
            if chart.slug in figures
            else "",
        }
        for chart in charts
    ]


def html(data: ExportData, figures: dict[str, str]) -> str:
    """`figures`: slug -> the figure's SVG (`png.figures_all`), for the drawn charts."""
    charts = charts_with_images(data.charts, figures)
    snapshot = data.snapshot
    footer = _("TECH.GOUV — %(title)s — état au %(date)s") % {
        "title": snapshot.display_title,
        "date": long_date(snapshot.taken_on),
    }
    return render_to_string(
        "snapshots/report.html",
        {
            "data": data,
            "snapshot": snapshot,
            "meta": data.meta,
            "headline": data.headline,
            "meteo_rows": [(str(Meteo(code).label), n) for code, n in data.headline["meteo"]],
            "charts": charts,
            "groups": _groups(data),
            "per_mission": PER_MISSION,
            "published_on": timezone.localtime(snapshot.published_at).date()
            if snapshot.published_at
            else None,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "font_dir": _font_dir(),
            "footer": _css_string(footer),
            "LANGUAGE_CODE": get_language() or "fr",
        },
    )


def _css_string(text: str) -> str:
    """`text` inside a CSS string (the footer's `content: "…"`)."""
    return "".join(
        f"\\{ord(char):x} " if char in '"\\' or ord(char) < 32 else char for char in text
    )


def to_pdf(data: ExportData, figures: dict[str, str]) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, needed only for PDFs

    document = HTML(string=html(data, figures), base_url=str(Path.cwd()))
    return document.write_pdf(pdf_variant=PDF_VARIANT)
