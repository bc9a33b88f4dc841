"""Figures are written as plain dicts in plotly's JSON schema (no validation on each request):
every figure every page draws must still be one plotly.py accepts, property by property."""

import json

import plotly.graph_objects as go
import pytest
from django.core.serializers.json import DjangoJSONEncoder

from tests.conftest import client_for

PAGES = [
    "/",
    "/?date=2019-10-02",
    "/missions/idnum/",
    "/projets/franceconnect-generalisation/",
    "/instantanes/mise-a-jour-2021/",
    "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/",
]


def figures_of(response) -> list[dict]:
    context = response.context
    charts = [
        *context.get("charts", []),
        *context.get("evolution_charts", []),
        *context.get("indicator_charts", []),
    ]
    if "timeline" in context:
        charts.append(context["timeline"])
    return [chart.figure for chart in charts if chart.has_graph]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_figure_of_the_page_is_valid_for_plotly(programme, url):
    figures = figures_of(client_for(None).get(url))

    assert figures, f"{url} draws no chart"
    for figure in figures:
        plain = json.loads(json.dumps(figure, cls=DjangoJSONEncoder))
        go.Figure(plain)  # raises ValueError on any property plotly does not know


def test_a_wrong_property_is_caught():
    with pytest.raises(ValueError):
        go.Figure({"data": [{"type": "bar", "colour": "red"}], "layout": {}})
