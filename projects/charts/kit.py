"""What every chart is made of: a Plotly figure, a title, a one-sentence summary and a data table.

The figure is built server-side with plotly.py and shipped as JSON; `static/techgouv/charts.js`
draws it with the plotly.js bundle served from our own static files (no CDN, no inline script).
"""

from dataclasses import dataclass, field

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

    @property
    def figure_id(self) -> str:
        return f"{self.slug}-donnees"

    @property
    def height(self) -> int:
        return self.figure.get("layout", {}).get("height", 360)


def worth_drawing(total: int, unknown: int) -> bool:
    """The one rule of pages and files: a chart whose data is all « non renseignée » (or « non
    connue »), or empty, is not drawn — one grey bar says nothing its one-sentence summary does
    not. Its summary (and data table) stand in for it (`Chart.has_graph`)."""
    return total > 0 and unknown < total


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
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": {"gridcolor": "#dddddd", "automargin": True},
        "yaxis": {"gridcolor": "#dddddd", "automargin": True, "rangemode": "tozero"},
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


def share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0
