"""Charts as PNG images, drawn by plotly's kaleido in Debian's Chromium.

A cold kaleido call starts a browser (about 2.5 s); a kaleido « sync server » kept for the
process answers in about 0.2 s per image. The server is started on first use and shared;
its queue is not safe for concurrent callers, so calls go through a lock.
"""

import json
import os
import threading
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder

from projects.charts.kit import Chart

CHROMIUM = Path("/usr/bin/chromium")
WIDTH = 1000
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


def render(chart: Chart, width: int = WIDTH, scale: int = SCALE) -> bytes:
    """The chart's figure as a PNG (its own height, `width` px wide, times `scale`)."""
    opts = {"format": "png", "width": width, "height": chart.height + 48, "scale": scale}
    with _lock:
        return _server().calc_fig_sync(_printable(chart), opts=opts)


def render_all(charts: list[Chart]) -> dict[str, bytes]:
    return {chart.slug: render(chart) for chart in charts if chart.has_graph}


def _printable(chart: Chart) -> dict:
    """The figure with its title drawn in: an image file must read on its own."""
    layout = dict(chart.figure.get("layout", {}))
    margin = {**layout.get("margin", {}), "t": 64}
    layout |= {
        "title": {"text": chart.title, "x": 0.01, "font": {"size": 17}},
        "margin": margin,
        "height": chart.height + 48,
        "paper_bgcolor": "#ffffff",
    }
    # Lazy translations (labels of TextChoices) become plain strings for kaleido's encoder.
    return json.loads(json.dumps({**chart.figure, "layout": layout}, cls=DjangoJSONEncoder))
