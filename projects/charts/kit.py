"""What every chart is made of: a Plotly figure, a title, a one-sentence summary and a data table.

The figure is built server-side with plotly.py and shipped as JSON; `static/techgouv/charts.js`
draws it with the plotly.js bundle served from our own static files (no CDN, no inline script).
"""

import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.safestring import SafeString

from missions.models import in_language_html
from projects.enums import Meteo, Phase

FONT = "Marianne, arial, sans-serif"

# DSFR colours with a contrast of 3:1 or more on white (tests/dashboards/test_chart_colours.py);
# météo always travels with its label.
METEO_COLOURS = {
    Meteo.ORAGE: "#CE0500",
    Meteo.NUAGE: "#B34000",
    Meteo.COUVERT: "#0063CB",
    Meteo.SOLEIL: "#18753C",
    Meteo.NON_RENSEIGNEE: "#666666",
}
PHASE_COLOURS = {
    Phase.CADRAGE: "#6A6AF4",
    Phase.CONCEPTION: "#465F9D",
    Phase.EXPERIMENTATION: "#006A6F",
    Phase.DEPLOIEMENT: "#18753C",
    Phase.ACHEVE: "#000091",
    Phase.ARRETE: "#3A3A3A",
    "": "#666666",
}
UNKNOWN_MISSION_COLOUR = "#666666"


@dataclass
class Chart:
    slug: str
    title: str
    summary: str
    figure: dict
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    row_headers: bool = True  # the first cell of each row is its header
    has_graph: bool = True  # False when there is nothing to draw: the table alone is shown
    # True when the whole chart is one sentence (`summary`): its data is entirely unknown
    # (`replaced_by_sentence`); pages and files show the sentence, no drawing and no table.
    sentence_only: bool = False
    note: str = ""  # a line under the summary (« les 25 plus récents sur 67 »)
    link: tuple[str, str] | None = None  # (text, address) of a fuller view of the same data

    @property
    def figure_id(self) -> str:
        return f"{self.slug}-donnees"

    @property
    def height(self) -> int:
        return self.figure.get("layout", {}).get("height", 360)

    @property
    def labelled_rows(self) -> list[list[tuple[str, str]]]:
        """Each row as (column, cell) pairs, for tables that name each cell's column."""
        return [list(zip(self.columns, row, strict=False)) for row in self.rows]


def entirely_unknown(counts: Mapping, unknown: Iterable) -> bool:
    """THE rule of a chart whose data is entirely « non renseignée » (or « non connue »): there is
    something to count, and every count falls under an `unknown` key. Such a chart is replaced
    by one sentence on pages and in files (`replaced_by_sentence`): a wall of grey says nothing
    a sentence does not say better."""
    unknown = set(unknown)
    total = sum(counts.values())
    return total > 0 and all(n == 0 for key, n in counts.items() if key not in unknown)


def replaced_by_sentence(slug: str, title: str, sentence: str) -> Chart:
    """A chart whose data is entirely unknown, as its one sentence."""
    return Chart(
        slug=slug,
        title=title,
        summary=sentence,
        figure={},
        columns=[],
        has_graph=False,
        sentence_only=True,
    )


def base_layout(**overrides) -> dict:
    """A light layout: French separators, DSFR font, legend below, room for long labels."""
    layout = {
        "template": "none",  # plotly.py's default template would add ~7 KB to every figure
        "font": {"family": FONT, "size": 13, "color": "#161616"},
        "separators": ",\u202f",
        "margin": {"l": 48, "r": 16, "t": 16, "b": 48},
        "height": 360,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "legend": {"orientation": "h", "y": -0.2, "yanchor": "top"},
        # Static charts: no zoom or pan (charts.js shows no toolbar either).
        "xaxis": {"gridcolor": "#dddddd", "automargin": True, "fixedrange": True},
        "yaxis": {
            "gridcolor": "#dddddd",
            "automargin": True,
            "rangemode": "tozero",
            "fixedrange": True,
        },
        "hoverlabel": {"font": {"family": FONT}},
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


def figure_json(traces: list, layout: dict) -> dict:
    """The plain-JSON form of a figure (what `charts.js` hands to Plotly.newPlot), written
    directly in plotly's schema: plotly.py's validation of every property costs tens of
    milliseconds a page, so it runs in the tests (tests/dashboards/test_chart_schema.py)."""
    return {"data": traces, "layout": layout}


def count_bars(traces: list, largest: int, **layout) -> dict:
    """A bar chart of counts (projects, milestones): whole-number axis up to `largest`."""
    return figure_json(traces, base_layout(yaxis=count_axis(largest), **layout))


def share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def count_axis(largest: int) -> dict:
    """An axis of whole numbers (projects, milestones): ticks on integers only, never « 0,5 »."""
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        step = candidate
        if largest / candidate <= 8:
            break
    return {
        "tickmode": "linear",
        "tick0": 0,
        "dtick": step,
        "tickformat": "d",
        "rangemode": "tozero",
        "range": [0, max(step, largest) * 1.12],  # room for the values written above the bars
    }


def date_axis(days: list[date]) -> dict:
    """A date axis at the data's granularity: whole years labelled once (« 2020 » under the
    year), or months (« 03/2021 ») over a short span; it stops at the data's last period."""
    first, last = min(days), max(days)
    if (last.year - first.year) >= 2:
        step = 1 if last.year - first.year < 8 else 2
        return {
            "type": "date",
            "range": [f"{first.year}-01-01", f"{last.year + 1}-01-01"],
            "tickmode": "linear",
            "tick0": f"{first.year}-01-01",
            "dtick": f"M{12 * step}",
            "tickformat": "%Y",
            "ticklabelmode": "period",
        }
    start = date(first.year, first.month, 1)
    end = _add_months(date(last.year, last.month, 1), 1)
    months = (end.year - start.year) * 12 + end.month - start.month
    step = next(s for s in (1, 2, 3, 6, 12) if months / s <= 8)
    start = date(start.year, (start.month - 1) // step * step + 1, 1) if step <= 12 else start
    return {
        "type": "date",
        "range": [start.isoformat(), end.isoformat()],
        "tickmode": "linear",
        "tick0": start.isoformat(),
        "dtick": f"M{step}",
        "tickformat": "%m/%Y",
    }


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_middle(when) -> date:
    """Where a dated figure sits on a time axis: its own day, or the middle of its month,
    quarter, half-year or year (« 12e (2020) » in the middle of 2020, never at 2021's door)."""
    return when.start + timedelta(days=(when.end - when.start).days // 2)


def wrap(text: str, width: int = 28) -> str:
    """A label on several lines (plotly's `<br>`), cut between words, never inside one."""
    return "<br>".join(
        textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)
    ) or str(text)


def content(french: str, english: str = "") -> SafeString:
    """A content cell: its English version, else the French text marked `lang="fr"`."""
    return in_language_html(french, english)
