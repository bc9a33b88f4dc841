"""Projects per phase or météo in each edition DINUM published."""

from django.utils.translation import gettext as _

from projects.charts.kit import (
    METEO_COLOURS,
    PHASE_COLOURS,
    Chart,
    base_layout,
    figure_json,
    worth_drawing,
)
from projects.enums import METEO_ORDER, PHASE_ORDER, Meteo, Phase
from projects.figures import EditionCounts
from projects.formats import number
from projects.fuzzydates import long_date


def _edition_label(counts: EditionCounts) -> str:
    return f"{counts.edition.title} ({long_date(counts.edition.taken_on)})"


def evolution(editions: list[EditionCounts], axis: str, slug: str) -> Chart:
    """Projects per phase (or per météo) in each edition: stacked bars, one per edition."""
    if axis == "phase":
        keys, colours = PHASE_ORDER, PHASE_COLOURS
        label = lambda key: Phase(key).label if key else _("Phase non connue")  # noqa: E731
        title = _("Évolution des phases d'une édition à l'autre")
    else:
        keys, colours = METEO_ORDER, METEO_COLOURS
        label = lambda key: Meteo(key).label  # noqa: E731
        title = _("Évolution de la météo d'une édition à l'autre")
    pick = (lambda e: e.by_phase) if axis == "phase" else (lambda e: e.by_meteo)
    keys = [key for key in keys if any(pick(e).get(key) for e in editions)]
    x = [_edition_label(e) for e in editions]
    traces = [
        {
            "type": "bar",
            "name": str(label(key)),
            "x": x,
            "y": [pick(e).get(key, 0) for e in editions],
            "marker": {"color": colours[key]},
            "hovertemplate": f"{label(key)} : %{{y}}<extra>%{{x}}</extra>",
        }
        for key in keys
    ]
    if editions:
        first, last = editions[0], editions[-1]
        summary = _(
            "De %(first)s à %(last)s, le nombre de projets identifiés passe de %(a)s à %(b)s "
            "(DINUM en annonçait %(ta)s puis %(tb)s)."
        ) % {
            "first": long_date(first.edition.taken_on),
            "last": long_date(last.edition.taken_on),
            "a": number(first.identified),
            "b": number(last.identified),
            "ta": number(first.edition.announced_total or 0),
            "tb": number(last.edition.announced_total or 0),
        }
    else:
        summary = _("Aucune édition publiée à cette date.")
    unknown = "" if axis == "phase" else Meteo.NON_RENSEIGNEE
    return Chart(
        slug=slug,
        has_graph=worth_drawing(
            sum(sum(pick(e).values()) for e in editions),
            sum(pick(e).get(unknown, 0) for e in editions),
        ),
        title=title,
        summary=summary,
        figure=figure_json(traces, base_layout(barmode="stack")),
        columns=[_("Édition"), *[str(label(key)) for key in keys], _("Identifiés"), _("Annoncés")],
        rows=[
            [
                _edition_label(e),
                *[number(pick(e).get(key, 0)) for key in keys],
                number(e.identified),
                number(e.edition.announced_total) if e.edition.announced_total else "—",
            ]
            for e in editions
        ],
    )
