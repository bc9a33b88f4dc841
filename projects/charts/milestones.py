"""The milestone calendar: for each milestone that matters on a day, its original baseline, its
forecast and its actual date."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.charts.kit import Chart, base_layout, figure_json
from projects.formats import number
from projects.models.milestone import MilestoneState

LATE_COLOUR = "#CE0500"


def _milestone_label(milestone) -> str:
    title = milestone.title if len(milestone.title) <= 60 else milestone.title[:59] + "…"
    return f"{milestone.project.display_name[:40]} — {title}"


def milestone_calendar(milestones, as_of, slug="jalons") -> Chart:
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
