"""The milestone calendar: for each milestone that matters on a day, its original baseline, its
forecast and its actual date."""

from collections import Counter
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.charts.kit import Chart, base_layout, content, date_axis, figure_json, wrap
from projects.enums import MilestoneState
from projects.formats import number

LATE_COLOUR = "#CE0500"
UNREPORTED_COLOUR = "#666666"
LABEL_WIDTH = 44  # characters per line of a milestone's label
LINE_HEIGHT = 17  # pixels per line of label
ROW_GAP = 10
NARROWEST = 576  # px: below, the calendar is its table (charts.js reads `layout.meta`)


def _label(milestone) -> str:
    """« Projet — jalon », whole, on as many lines as it takes."""
    return wrap(f"{milestone.project.display_name} — {milestone.display_title}", LABEL_WIDTH)


def _marker(symbol, colour, size=11) -> dict:
    return {"symbol": symbol, "size": size, "color": colour, "line": {"width": 2, "color": colour}}


def _series(name, points, marker) -> dict:
    """One legend entry: the same marker in the legend and in the plot."""
    return {
        "type": "scatter",
        "mode": "markers",
        "name": name,
        "x": [day.end.isoformat() for day, _label in points],
        "y": [position for _day, position in points],
        "text": [day.label() for day, _label in points],
        "marker": marker,
        "cliponaxis": False,
        "hovertemplate": f"{name} : %{{text}}<extra></extra>",
    }


def milestone_calendar(
    milestones, as_of, slug="jalons", total: int | None = None, rows=None, link=None
) -> Chart:
    """Gantt-like: for each milestone its original baseline, its forecast and its actual date.

    `milestones` are drawn; `rows` (all of them by default) fill the table; `total`: how many
    dated milestones there are in all (`figures.calendar`); `link`: (text, address) of the full
    list when the table cannot hold them all."""
    rows = list(milestones) if rows is None else list(rows)
    total = len(rows) if total is None else total
    labels = [_label(m) for m in milestones]
    # Each row as tall as its label: y is in pixels from the top, the label at the row's middle.
    positions, bottom = [], 0
    for label in labels:
        pitch = max(label.count("<br>") + 1, 2) * LINE_HEIGHT + ROW_GAP
        positions.append(bottom + pitch / 2)
        bottom += pitch
    points = {key: [] for key in ("baseline", "forecast", "late", "unreported", "actual")}
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
    days = []
    for milestone, label in zip(milestones, positions, strict=True):
        if milestone.baseline:
            points["baseline"].append((milestone.baseline, label))
        if milestone.forecast and not milestone.actual:
            # Late (someone said so) and « échéance passée, non renseignée » (nobody said
            # anything) are two different facts: two markers, never one for the other.
            key = {
                MilestoneState.LATE: "late",
                MilestoneState.UNREPORTED: "unreported",
            }.get(milestone.state, "forecast")
            points[key].append((milestone.forecast, label))
        if milestone.actual:
            points["actual"].append((milestone.actual, label))
        start, end = milestone.baseline, milestone.actual or milestone.forecast
        if start and end and start != end:
            links["x"] += [start.end.isoformat(), end.end.isoformat(), None]
            links["y"] += [label, label, None]
        days += [d.end for d in (milestone.baseline, milestone.forecast, milestone.actual) if d]
    traces = [links]
    for key, name, marker in (
        ("baseline", _("Date de référence initiale"), _marker("circle-open", "#465F9D")),
        ("forecast", _("Date prévue"), _marker("diamond", "#000091")),
        ("late", _("Date prévue, en retard"), _marker("diamond", LATE_COLOUR, 13)),
        (
            "unreported",
            _("Échéance passée, réalisation non renseignée"),
            _marker("diamond-open", UNREPORTED_COLOUR),
        ),
        ("actual", _("Réalisé"), _marker("circle", "#18753C")),
    ):
        if points[key]:
            traces.append(_series(name, points[key], marker))
    xaxis = date_axis(days) if days else {"type": "date"}
    shapes = []
    today = as_of or date.today()
    if days and xaxis["range"][0] <= today.isoformat() <= xaxis["range"][1]:
        shapes.append(
            {
                "type": "line",
                "x0": today.isoformat(),
                "x1": today.isoformat(),
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": "#161616", "dash": "dot", "width": 1},
            }
        )
    layout = base_layout(
        height=max(220, int(bottom) + 130),
        shapes=shapes,
        xaxis={**xaxis, "side": "top"},
        yaxis={
            "type": "linear",
            "range": [bottom, 0],
            "tickmode": "array",
            "tickvals": positions,
            "ticktext": labels,
            "rangemode": "normal",
            "showgrid": True,
            "zeroline": False,
        },
        margin={"l": 16, "t": 40, "b": 16},
        legend={"orientation": "h", "y": 0, "yanchor": "top", "x": 0},
        meta={"narrowest": NARROWEST},
    )
    states = Counter(m.state for m in rows)
    return Chart(
        slug=slug,
        title=_("Calendrier des jalons"),
        summary=_calendar_summary(len(rows), total, states),
        note=_calendar_note(len(milestones), len(rows), total),
        link=link if total > len(rows) else None,
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
                # display_name / display_title, French marked lang="fr" where no English exists
                content(m.project.name, m.project.name_en),
                content(m.title, m.title_en),
                m.baseline.label() if m.baseline else "—",
                m.forecast.label() if m.forecast else "—",
                m.actual.label() if m.actual else "—",
                m.state_label,
            ]
            for m in rows
        ],
        has_graph=bool(milestones),
    )


def _calendar_note(drawn: int, listed: int, total: int) -> str:
    """What the drawing and the table hold when they do not hold every milestone."""
    if drawn >= total:
        return ""
    values = {"drawn": number(drawn), "listed": number(listed), "total": number(total)}
    if listed >= total:
        return (
            _(
                "Le graphique montre les %(drawn)s plus récents sur %(total)s ; "
                "le tableau les donne tous."
            )
            % values
        )
    return (
        _(
            "Le graphique montre les %(drawn)s plus récents sur %(total)s, le tableau les "
            "%(listed)s plus récents ; chaque projet a sa liste complète."
        )
        % values
    )


def state_count(state: str, n: int) -> str:
    """« 1 réalisé », « 14 échéances passées sans réalisation renseignée »: French singular for
    0 and 1, each state under its own words."""
    phrases = {
        MilestoneState.DONE: ngettext("%(n)s réalisé", "%(n)s réalisés", n),
        MilestoneState.LATE: ngettext("%(n)s en retard", "%(n)s en retard", n),
        MilestoneState.UNREPORTED: ngettext(
            "%(n)s échéance passée sans réalisation renseignée",
            "%(n)s échéances passées sans réalisation renseignée",
            n,
        ),
        MilestoneState.UPCOMING: ngettext("%(n)s à venir", "%(n)s à venir", n),
    }
    return phrases[state] % {"n": number(n)}


def _calendar_summary(listed: int, total: int, states: Counter) -> str:
    """« 67 jalons datés : 53 réalisés, 14 échéances passées sans réalisation renseignée. » —
    every state under its own label, never one for another."""
    intro = ngettext("%(n)s jalon daté", "%(n)s jalons datés", total) % {"n": number(total)}
    if listed < total:
        return f"{intro}."
    parts = [
        state_count(state, states[state]) for state in MilestoneState.counted() if states[state]
    ]
    return f"{intro} : {', '.join(parts)}." if parts else f"{intro}."
