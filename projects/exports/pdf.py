"""The press report (PDF), rendered by WeasyPrint from `templates/snapshots/report.html`.

Cover with title and date, headline figures, the charts (kaleido PNGs, each with its data
table), the project table and the sources and method. A portfolio larger than
`TABLE_LIMIT` projects prints the first ones and points to the CSV and XLSX for the full list:
WeasyPrint lays a table out at about 5 ms a row, and a press report of 5,000 rows is read by
nobody.
"""

import base64
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import get_language

from projects.enums import Meteo
from projects.exports.data import ExportData

TABLE_LIMIT = 150


def _font_dir() -> str:
    found = finders.find("dsfr/dist/fonts/Marianne-Regular.woff2")
    return Path(found).parent.as_uri() if found else ""


def html(data: ExportData, images: dict[str, bytes]) -> str:
    charts = [
        {
            "chart": chart,
            "image": "data:image/png;base64," + base64.b64encode(images[chart.slug]).decode()
            if chart.slug in images
            else "",
        }
        for chart in data.charts
    ]
    projects = data.state.projects
    return render_to_string(
        "snapshots/report.html",
        {
            "data": data,
            "snapshot": data.snapshot,
            "headline": data.headline,
            "meteo_rows": [(str(Meteo(code).label), n) for code, n in data.headline["meteo"]],
            "charts": charts,
            "projects": projects[:TABLE_LIMIT],
            "truncated": len(projects) > TABLE_LIMIT,
            "total": len(projects),
            "font_dir": _font_dir(),
            "LANGUAGE_CODE": get_language() or "fr",
        },
    )


def to_pdf(data: ExportData, images: dict[str, bytes]) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, needed only for PDFs

    return HTML(string=html(data, images), base_url=str(Path.cwd())).write_pdf()
