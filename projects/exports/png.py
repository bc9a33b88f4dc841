"""Charts as image files (SVG and PNG), drawn by plotly's kaleido in Debian's Chromium.

Each file stands alone (`stamp.py`): the figure's SVG is drawn by kaleido, the stamp laid out
around it, and the PNG is that stamped SVG rasterised by the same browser (a plotly figure
whose only content is the SVG as an image), at twice its size. The PDF embeds the figure's
SVG without the stamp (its headings and footers carry the same).

A cold kaleido call starts a browser (about 2.5 s); a kaleido « sync server » kept for the
process answers in about 0.2 s per image. The server is started on first use and shared;
its queue is not safe for concurrent callers, so calls go through a lock.
"""

import base64
import os
import threading
from pathlib import Path

from projects.charts.kit import Chart
from projects.exports.meta import Metadata
from projects.exports.stamp import WIDTH, compose_svg, printable, stamp_for

CHROMIUM = Path("/usr/bin/chromium")
SCALE = 2  # sharp in print and on high-density screens

_lock = threading.Lock()
_started = False


def _server():
    global _started
    import kaleido  # imported late: it pulls in choreographer, needed only for images

    if not _started:
        if CHROMIUM.exists():
            os.environ.setdefault("BROWSER_PATH", str(CHROMIUM))
        # No MathJax: our figures have no LaTeX, and it would be fetched from a CDN.
        kaleido.start_sync_server(n=1, timeout=60, mathjax=False, silence_warnings=True)
        _started = True
    return kaleido


def _draw(figure: dict, fmt: str, width: int, height: int, scale: int = 1) -> bytes:
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    with _lock:
        return _server().calc_fig_sync(figure, opts=opts)


def figure_svg(chart: Chart) -> str:
    """The chart's figure alone, as SVG (what the PDF embeds and the files stamp)."""
    figure = printable(chart)
    layout = figure["layout"]
    return _draw(figure, "svg", layout["width"], layout["height"]).decode("utf-8")


def render_svg(chart: Chart, meta: Metadata, figure: str | None = None) -> bytes:
    """The stamped SVG file of `chart`."""
    svg, _width, _height = compose_svg(figure or figure_svg(chart), stamp_for(chart, meta))
    return svg.encode("utf-8")


def render(chart: Chart, meta: Metadata, figure: str | None = None) -> bytes:
    """The stamped PNG file of `chart` (twice its SVG size)."""
    svg, width, height = compose_svg(figure or figure_svg(chart), stamp_for(chart, meta))
    frame = {
        "data": [],
        "layout": {
            "width": width,
            "height": height,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "paper_bgcolor": "#ffffff",
            "images": [
                {
                    "source": "data:image/svg+xml;base64,"
                    + base64.b64encode(svg.encode()).decode(),
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0,
                    "y": 1,
                    "sizex": 1,
                    "sizey": 1,
                    "sizing": "stretch",
                    "xanchor": "left",
                    "yanchor": "top",
                    "layer": "above",
                }
            ],
        },
    }
    return _draw(frame, "png", width, height, SCALE)


def drawn(charts: list[Chart]) -> list[Chart]:
    """The charts that have a graph (the others are one sentence, `kit.replaced_by_sentence`)."""
    return [chart for chart in charts if chart.has_graph]


def figures_all(charts: list[Chart]) -> dict[str, str]:
    """Slug -> the figure's SVG, for every drawn chart."""
    return {chart.slug: figure_svg(chart) for chart in drawn(charts)}


__all__ = ["WIDTH", "drawn", "figure_svg", "figures_all", "render", "render_svg"]
