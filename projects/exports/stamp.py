"""A chart file that stands alone: around the figure, its title, the date of its data and its
summary above; below, the announced vs identified caveat, « Source : DINUM, programme TECH.GOUV
— tableau de bord, instantané du <date> », the licence and the permanent address.

`compose_svg` lays the stamp out around the figure's own SVG (drawn by kaleido) as one SVG with
Marianne embedded (the DSFR's font: the file renders the same anywhere); the PNG is that SVG
rasterised (`png.py`). The figure itself is the page's, with long category labels wrapped rather
than cut (`printable`). The charts' modules are not changed for files.
"""

import base64
import json
import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.contrib.staticfiles import finders
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from projects.charts.kit import Chart
from projects.exports.meta import LICENCE, Metadata
from projects.fuzzydates import long_date

WIDTH = 800  # px: the file's width (× 2 in the PNG), and the PDF's figures at A4 width
PADDING = 24
TITLE_SIZE, TEXT_SIZE, SMALL_SIZE = 22, 14, 12
CHAR_WIDTH = 0.55  # average advance of a Marianne character, in em: wraps long lines
LABEL_CHARS = 44  # a category label longer than this wraps onto several lines
LABEL_SIZE = 11  # px: the font of wrapped axis labels
BLUE, GREY, INK = "#000091", "#3a3a3a", "#161616"


@dataclass(frozen=True)
class Stamp:
    title: str
    above: list[str]  # the date of the data, then the chart's summary
    below: list[str]  # the caveat, the source, the licence and the address

    @property
    def text(self) -> str:
        return "\n".join([self.title, *self.above, *self.below])


def stamp_for(chart: Chart, meta: Metadata) -> Stamp:
    width = _chars(WIDTH - 2 * PADDING, TEXT_SIZE)
    small = _chars(WIDTH - 2 * PADDING, SMALL_SIZE)
    day = _("Données au %(date)s") % {"date": long_date(meta.day)}
    return Stamp(
        title=chart.title,
        above=[day, *textwrap.wrap(chart.summary, width)],
        below=[
            *textwrap.wrap(meta.caveat, small),
            *textwrap.wrap(meta.source, small),
            f"{LICENCE} — {meta.permalink}#{chart.slug}",
        ],
    )


def _chars(pixels: int, size: int) -> int:
    return int(pixels / (size * CHAR_WIDTH))


# --- The figure, as files draw it -------------------------------------------------------------


def _wrap_label(value):
    if not isinstance(value, str) or len(value) <= LABEL_CHARS or "<br>" in value:
        return value
    return "<br>".join(textwrap.wrap(value, LABEL_CHARS, break_long_words=False))


def printable(chart: Chart, width: int = WIDTH) -> dict:
    """The chart's figure for a file: no plotly title (the stamp or the PDF's heading has it),
    long category labels wrapped, and enough height for the lines they take."""
    figure = json.loads(json.dumps(chart.figure, cls=DjangoJSONEncoder))
    lines = 1
    for trace in figure.get("data", []):
        for axis in ("x", "y"):
            values = trace.get(axis)
            if isinstance(values, list) and any(isinstance(v, str) for v in values):
                trace[axis] = [_wrap_label(v) for v in values]
                if axis == "y":
                    lines = max([lines, *(str(v).count("<br>") + 1 for v in trace[axis] if v)])
    layout = figure.setdefault("layout", {})
    height = chart.height
    if lines > 1:
        rows = len({v for trace in figure["data"] for v in trace.get("y") or [] if v})
        height = max(height, rows * ((LABEL_SIZE + 3) * lines + 10) + 140)
        layout["yaxis"] = {**layout.get("yaxis", {}), "tickfont": {"size": LABEL_SIZE}}
    layout.pop("title", None)
    if layout.get("showlegend", True):
        # Above the plot, where a tall figure cannot push it away from what it explains.
        layout["legend"] = {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}
    layout |= {"width": width, "height": height, "paper_bgcolor": "#ffffff"}
    return figure


# --- The stamped SVG --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _font_faces() -> str:
    """Marianne (regular, bold) as data URIs: an SVG file carries its own font."""
    faces = []
    for weight, name in ((400, "Marianne-Regular"), (700, "Marianne-Bold")):
        found = finders.find(f"dsfr/dist/fonts/{name}.woff2")
        if found:
            data = base64.b64encode(Path(found).read_bytes()).decode()
            faces.append(
                f"@font-face{{font-family:Marianne;font-weight:{weight};"
                f"src:url(data:font/woff2;base64,{data}) format('woff2')}}"
            )
    return "".join(faces)


def _size(svg: str) -> tuple[int, int]:
    match = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
    return (int(float(match.group(1))), int(float(match.group(2)))) if match else (WIDTH, 400)


def compose_svg(figure_svg: str, stamp: Stamp) -> tuple[str, int, int]:
    """One SVG: the stamp's text around the figure's SVG. Returns it with its size in px."""
    figure_svg = re.sub(r"^<\?xml[^>]*>\s*", "", figure_svg.strip())
    inner_width, inner_height = _size(figure_svg)
    width = max(WIDTH, inner_width)
    parts, y = [], PADDING + TITLE_SIZE
    parts.append(_text(PADDING, y, stamp.title, TITLE_SIZE, BLUE, bold=True))
    y += 8
    for line in stamp.above:
        y += TEXT_SIZE + 6
        parts.append(_text(PADDING, y, line, TEXT_SIZE, INK))
    top = y + 12
    parts.append(figure_svg.replace("<svg ", f'<svg x="0" y="{top}" ', 1))
    y = top + inner_height + 8
    parts.append(
        f'<line x1="{PADDING}" x2="{width - PADDING}" y1="{y}" y2="{y}" '
        'stroke="#dddddd" stroke-width="1"/>'
    )
    for line in stamp.below:
        y += SMALL_SIZE + 6
        parts.append(_text(PADDING, y, line, SMALL_SIZE, GREY))
    height = y + PADDING
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" lang="fr" '
        f'role="img" aria-label="{escape(stamp.title, {chr(34): "&quot;"})}">'
        f"<title>{escape(stamp.title)}</title><desc>{escape(stamp.text)}</desc>"
        f"<style>{_font_faces()}text{{font-family:Marianne,Arial,sans-serif}}</style>"
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>' + "".join(parts) + "</svg>"
    )
    return svg, width, height


def _text(x: int, y: int, text: str, size: int, colour: str, bold: bool = False) -> str:
    weight = ' font-weight="700"' if bold else ""
    return f'<text x="{x}" y="{y}" font-size="{size}" fill="{colour}"{weight}>{escape(text)}</text>'
