"""The milestone calendar: for each milestone that matters on a day, its original baseline, its
forecast and its actual date."""

from collections import Counter
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.charts.kit import Chart, base_layout, figure_json
from projects.enums import MilestoneState
from projects.formats import number

LATE_COLOUR = "#CE0500"


def _milestone_label(milestone) -> str:
    title = milestone.title if len(milestone.title) <= 60 else milestone.title[:59] + "…"
    return f"{milestone.project.display_name[:40]} — {title}"


def milestone_calendar(milestones, as_of, slug="jalons", total: int | None = None) -> Chart:
    """Gantt-like: for each milestone its original baseline, its forecast and its actual date.

    `total`: how many dated milestones there are in all, when `milestones` shows only the first
    ones (`figures.calendar`)."""
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
    states = Counter(m.state for m in milestones)
    summary = _calendar_summary(len(milestones), total, states)
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


def _calendar_summary(shown: int, total: int | None, states: Counter) -> str:
    """« 25 jalons présentés sur 44 : 2 en retard, 11 échéances passées sans réalisation
    renseignée, … » — every state under its own label, never one for another."""
    if total is not None and total > shown:
        intro = _("%(shown)s jalons présentés sur %(total)s (les premiers par ordre d'intérêt)") % {
            "shown": number(shown),
            "total": number(total),
        }
    else:
        intro = ngettext("%(n)s jalon présenté", "%(n)s jalons présentés", shown) % {
            "n": number(shown)
        }
    parts = [
        f"{number(states[state])} {str(MilestoneState(state).label).lower()}"
        for state in MilestoneState.counted()
        if states[state]
    ]
    return f"{intro} : {', '.join(parts)}." if parts else f"{intro}."
