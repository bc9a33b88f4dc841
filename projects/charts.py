"""Charts of the portfolio: météo, milestones, evolution across editions, indicators.

Pure functions from the figures of `projects.figures` to `Chart`s; views never build figures.
"""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.chartkit import (
    METEO_COLOURS,
    PHASE_COLOURS,
    Chart,
    base_layout,
    figure_json,
    share,
)
from projects.enums import Meteo, Phase
from projects.figures import METEO_ORDER, PHASE_ORDER, EditionCounts, StatusCounts
from projects.fuzzydates import long_date
from projects.models.milestone import MilestoneState
from techgouv.templatetags.fr_formats import number, percent

LATE_COLOUR = "#CE0500"


def meteo_distribution(counts: StatusCounts, slug="meteo") -> Chart:
    by_meteo = counts.by_meteo()
    total = counts.total
    labels = [str(Meteo(meteo).label) for meteo in METEO_ORDER]
    traces = [
        {
            "type": "bar",
            "x": labels,
            "y": [by_meteo.get(meteo, 0) for meteo in METEO_ORDER],
            "marker": {"color": [METEO_COLOURS[meteo] for meteo in METEO_ORDER]},
            "text": [number(by_meteo.get(meteo, 0)) for meteo in METEO_ORDER],
            "textposition": "outside",
            "hovertemplate": "%{x} : %{y}<extra></extra>",
        }
    ]
    unknown = by_meteo.get(Meteo.NON_RENSEIGNEE, 0)
    summary = ngettext(
        "Sur %(total)s projet, %(unknown)s n'a pas de météo renseignée (%(share)s).",
        "Sur %(total)s projets, %(unknown)s n'ont pas de météo renseignée (%(share)s).",
        total,
    ) % {
        "total": number(total),
        "unknown": number(unknown),
        "share": percent(share(unknown, total), 1),
    }
    return Chart(
        slug=slug,
        title=_("Météo des projets"),
        summary=summary,
        figure=figure_json(traces, base_layout(showlegend=False)),
        columns=[_("Météo"), _("Projets"), _("Part")],
        rows=[
            [
                label,
                number(by_meteo.get(meteo, 0)),
                percent(share(by_meteo.get(meteo, 0), total), 1),
            ]
            for meteo, label in zip(METEO_ORDER, labels, strict=True)
        ],
    )


def _milestone_label(milestone) -> str:
    title = milestone.title if len(milestone.title) <= 60 else milestone.title[:59] + "…"
    return f"{milestone.project.display_name[:40]} — {title}"


def milestone_timeline(milestones, as_of, slug="jalons") -> Chart:
    """Gantt-like: for each milestone its original baseline, its forecast and its actual date."""
    labels = [_milestone_label(m) for m in milestones]
    late = [m.state == MilestoneState.LATE for m in milestones]

    def series(name, attr, symbol, colour):
        points = [(getattr(m, attr), label) for m, label in zip(milestones, labels, strict=True)]
        points = [(day, label) for day, label in points if day is not None]
        return {
            "type": "scatter",
            "mode": "markers",
            "name": name,
            "x": [day.end.isoformat() for day, _label in points],
            "y": [label for _day, label in points],
            "text": [day.label() for day, _label in points],
            "marker": {
                "symbol": symbol,
                "size": 11,
                "color": colour,
                "line": {"width": 2, "color": colour},
            },
            "hovertemplate": f"{name} : %{{text}}<extra>%{{y}}</extra>",
        }

    links = {
        "type": "scatter",
        "mode": "lines",
        "name": _("Glissement"),
        "showlegend": False,
        "hoverinfo": "skip",
        "x": [],
        "y": [],
        "line": {"color": "#929292", "width": 2},
    }
    for milestone, label in zip(milestones, labels, strict=True):
        start, end = milestone.baseline, milestone.actual or milestone.forecast
        if start and end and start != end:
            links["x"] += [start.end.isoformat(), end.end.isoformat(), None]
            links["y"] += [label, label, None]
    traces = [
        links,
        series(_("Date de référence initiale"), "baseline", "circle-open", "#465F9D"),
        series(_("Date prévue"), "forecast", "diamond", "#000091"),
        series(_("Réalisé"), "actual", "circle", "#18753C"),
    ]
    late_labels = [label for label, is_late in zip(labels, late, strict=True) if is_late]
    if late_labels:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": _("En retard"),
                "x": [
                    m.forecast.end.isoformat()
                    for m, is_late in zip(milestones, late, strict=True)
                    if is_late
                ],
                "y": late_labels,
                "marker": {"symbol": "x", "size": 9, "color": LATE_COLOUR},
                "hovertemplate": _("En retard") + "<extra>%{y}</extra>",
            }
        )
    today = (as_of or date.today()).isoformat()
    shapes = [
        {
            "type": "line",
            "x0": today,
            "x1": today,
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "line": {"color": "#161616", "dash": "dot", "width": 1},
        }
    ]
    height = max(260, 28 * len(milestones) + 110)
    layout = base_layout(
        height=height,
        shapes=shapes,
        xaxis={"type": "date", "tickformat": "%m/%Y"},
        yaxis={"autorange": "reversed", "type": "category", "rangemode": "normal"},
        margin={"l": 16},
    )
    n_late = sum(late)
    summary = ngettext(
        "%(n)s jalon présenté, dont %(late)s en retard (échéance dépassée sans réalisation "
        "renseignée).",
        "%(n)s jalons présentés, dont %(late)s en retard (échéance dépassée sans réalisation "
        "renseignée).",
        len(milestones),
    ) % {"n": number(len(milestones)), "late": number(n_late)}
    return Chart(
        slug=slug,
        title=_("Calendrier des jalons"),
        summary=summary,
        figure=figure_json(traces, layout),
        columns=[
            _("Projet"),
            _("Jalon"),
            _("Référence initiale"),
            _("Prévu"),
            _("Réalisé"),
            _("État"),
        ],
        rows=[
            [
                m.project.display_name,
                m.title,
                m.baseline.label() if m.baseline else "—",
                m.forecast.label() if m.forecast else "—",
                m.actual.label() if m.actual else "—",
                m.state_label,
            ]
            for m in milestones
        ],
    )


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
    return Chart(
        slug=slug,
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


def indicator_chart(indicator, slug: str) -> Chart:
    """An indicator's measurements against its targets (where the sources give figures)."""
    all_values = [m for m in indicator.measurements.all() if not m.is_target and m.on]
    targets = [m for m in indicator.measurements.all() if m.is_target]
    values = [m for m in all_values if m.value is not None]
    traces = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": _("Mesures"),
            "x": [m.date.end.isoformat() for m in values],
            "y": [float(m.value) for m in values],
            "text": [m.text for m in values],
            "line": {"color": "#000091"},
            "hovertemplate": "%{text}<extra>%{x|%m/%Y}</extra>",
        }
    ]
    dated_targets = [m for m in targets if m.on and m.value is not None]
    if dated_targets:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": _("Cibles"),
                "x": [m.date.end.isoformat() for m in dated_targets],
                "y": [float(m.value) for m in dated_targets],
                "text": [m.text for m in dated_targets],
                "marker": {"symbol": "star", "size": 14, "color": "#B34000"},
                "hovertemplate": _("Cible") + " : %{text}<extra>%{x|%m/%Y}</extra>",
            }
        )
    yaxis = {"autorange": "reversed"} if indicator.lower_is_better else {}
    latest = all_values[-1] if all_values else None
    target = dated_targets[-1] if dated_targets else (targets[-1] if targets else None)
    if latest and target:
        summary = _("Dernière valeur : %(value)s (%(date)s) ; cible : %(target)s.") % {
            "value": latest.text,
            "date": latest.date.label(),
            "target": target.text,
        }
    elif latest:
        summary = _("Dernière valeur : %(value)s (%(date)s) ; aucune cible connue.") % {
            "value": latest.text,
            "date": latest.date.label(),
        }
    else:
        summary = _("Aucune mesure chiffrée à cette date.")
    return Chart(
        slug=slug,
        title=indicator.display_name + (f" ({indicator.unit})" if indicator.unit else ""),
        summary=summary,
        figure=figure_json(
            traces,
            base_layout(height=300, xaxis={"type": "date", "tickformat": "%Y"}, yaxis=yaxis),
        ),
        columns=[_("Date"), _("Valeur publiée"), _("Nature")],
        rows=[
            [
                m.date.label() if m.date else "—",
                m.text,
                _("Cible") if m.is_target else _("Mesure"),
            ]
            for m in [*all_values, *targets]
        ],
        has_graph=bool(values),
    )
