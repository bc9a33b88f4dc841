"""Every colour a chart draws comes from the DSFR palette and stands out from the white page:
3:1 for marks (WCAG 1.4.11, non-text contrast), 4.5:1 for text (1.4.3). Read from the figures
the pages actually ship, so a colour added anywhere is checked."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/?date=2019-10-02",
    "/missions/idnum/",
    "/projets/franceconnect-generalisation/",
    "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/",
]
HEX = re.compile(r"#[0-9a-fA-F]{6}")
BACKGROUNDS = {"paper_bgcolor", "plot_bgcolor", "bgcolor", "gridcolor"}  # white page, light grid
WHITE = "#ffffff"
FIGURE = re.compile(r'<script id="[^"]+" type="application/json">(.*?)</script>', re.S)


def dsfr_palette() -> set[str]:
    css = Path(finders.find("dsfr/dist/dsfr/dsfr.min.css")).read_text(encoding="utf-8")
    palette = set()
    for value in re.findall(r"--[a-z0-9-]+:(#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?)\b", css):
        digits = value[1:].lower()
        palette.add("#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits))
    return palette


def contrast_on_white(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def colours_in(node, path=()):
    """(path, colour) for every hex colour in a figure."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from colours_in(value, (*path, key))
    elif isinstance(node, list):
        for value in node:
            yield from colours_in(value, path)
    elif isinstance(node, str) and HEX.fullmatch(node):
        yield path, node.lower()


def figures_on(client: Client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [json.loads(raw) for raw in FIGURE.findall(response.content.decode())]


def problems_in(figure: dict, palette: set[str]) -> list[str]:
    problems = []
    for path, colour in colours_in(figure):
        where = ".".join(path)
        if path[-1] in BACKGROUNDS:
            continue
        if colour not in palette and colour != WHITE:
            problems.append(f"{where} {colour} is not a DSFR colour")
        is_text = any("font" in key for key in path)
        if colour == WHITE and is_text:
            continue  # white labels on marks: the marks are checked below at 4.5:1
        if contrast_on_white(colour) < (4.5 if is_text else 3):
            problems.append(f"{where} {colour}: {contrast_on_white(colour):.2f}:1 on white")
    for trace in figure.get("data", []):
        if trace.get("textfont", {}).get("color", "").lower() == WHITE:
            for _path, colour in colours_in(trace.get("marker", {})):
                if contrast_on_white(colour) < 4.5:
                    problems.append(f"white text on {colour}: {contrast_on_white(colour):.2f}:1")
    return problems


@pytest.mark.parametrize("url", PAGES)
def test_chart_colours_are_dsfr_and_contrasted(client, programme, url):
    palette = dsfr_palette()
    figures = figures_on(client, url)
    assert figures, f"{url} draws no chart"

    problems = [problem for figure in figures for problem in problems_in(figure, palette)]

    assert problems == []


def test_the_checks_catch_a_pale_colour_and_one_outside_the_palette():
    figure = {"data": [{"marker": {"color": ["#c3992a", "#123456"]}}]}

    problems = problems_in(figure, dsfr_palette())

    assert any("#c3992a: 2.65:1" in problem for problem in problems)
    assert any("#123456 is not a DSFR colour" in problem for problem in problems)
