"""Projects per phase or météo in each edition DINUM published."""

from collections import Counter

from django.utils.translation import gettext as _

from projects.charts.kit import (
    METEO_COLOURS,
    PHASE_COLOURS,
    Chart,
    count_bars,
    entirely_unknown,
    replaced_by_sentence,
    wrap,
)
from projects.enums import METEO_ORDER, PHASE_ORDER, Meteo, Phase
from projects.figures import EditionCounts
from projects.formats import number
from projects.fuzzydates import long_date


def _edition_label(counts: EditionCounts) -> str:
    return f"{counts.edition.display_title} ({long_date(counts.edition.taken_on)})"


def _summary(editions: list[EditionCounts], mission) -> str:
    """How many projects were identified from the first edition to the last; DINUM's announced
    totals only for the whole programme (they count the programme, not one mission)."""
    if not editions:
        return _("Aucune édition publiée à cette date.")
    first, last = editions[0], editions[-1]
    values = {
        "first": long_date(first.edition.taken_on),
        "last": long_date(last.edition.taken_on),
        "a": number(first.identified),
        "b": number(last.identified),
        "ta": number(first.edition.announced_total or 0),
        "tb": number(last.edition.announced_total or 0),
    }
    if mission is not None:
        if first is last:
            return _("Le %(first)s, %(a)s projets de la mission étaient identifiés.") % values
        return (
            _(
                "Du %(first)s au %(last)s, le nombre de projets identifiés de la mission passe de "
                "%(a)s à %(b)s."
            )
            % values
        )
    if first is last:
        return (
            _("Le %(first)s, %(a)s projets étaient identifiés (DINUM en annonçait %(ta)s).")
            % values
        )
    return (
        _(
            "Du %(first)s au %(last)s, le nombre de projets identifiés passe de %(a)s à %(b)s "
            "(DINUM en annonçait %(ta)s puis %(tb)s)."
        )
        % values
    )


def evolution(editions: list[EditionCounts], axis: str, slug: str, mission=None) -> Chart:
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
    unknown = "" if axis == "phase" else Meteo.NON_RENSEIGNEE
    together = sum((pick(e) for e in editions), Counter())
    if entirely_unknown(together, [unknown]):
        sentence = (
            _("Aucune édition ne donne la phase de ses projets.")
            if axis == "phase"
            else _("Aucune édition ne donne la météo de ses projets.")
        )
        return replaced_by_sentence(slug, title, f"{_summary(editions, mission)} {sentence}")
    keys = [key for key in keys if any(pick(e).get(key) for e in editions)]
    x = [wrap(_edition_label(e), 22) for e in editions]
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
    summary = _summary(editions, mission)
    return Chart(
        slug=slug,
        title=title,
        summary=summary,
        figure=count_bars(
            traces, max((e.identified for e in editions), default=0), barmode="stack"
        ),
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
