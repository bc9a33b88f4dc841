"""Charts of a comparison between two states of the portfolio (a snapshot's own charts are the
dashboard's, `projects.overview`).

Drawn with the chart types of plotly.js's basic bundle (no Sankey there: phase transitions are
a bubble matrix, « from » phase across, « to » phase down).
"""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.charts.kit import (
    METEO_COLOURS,
    Chart,
    base_layout,
    count_bars,
    entirely_unknown,
    figure_json,
    replaced_by_sentence,
    wrap,
)
from projects.enums import METEO_ORDER, PHASE_ORDER, PHASE_RANK, Meteo, phase_label
from projects.formats import number
from projects.fuzzydates import long_date
from projects.snapshots.comparison import ABSENT, Comparison, meteo_sentence


def _phase_label(code: str) -> str:
    if code == ABSENT:
        return str(_("Hors programme"))
    return str(phase_label(code))


def phase_transitions(c: Comparison, slug="transitions-phases") -> Chart:
    """How many projects went from each phase (or from outside the programme) to each phase."""
    order = [ABSENT, *PHASE_ORDER]
    present = {code for pair in c.transitions for code in pair}
    axis = [code for code in order if code in present]
    cells = sorted(
        c.transitions.items(), key=lambda item: (order.index(item[0][0]), order.index(item[0][1]))
    )

    def colour(before, after):
        if before == after:
            return "#666666"
        if before == ABSENT or after == ABSENT:
            return "#000091"
        if before in PHASE_RANK and after in PHASE_RANK:
            return "#18753C" if PHASE_RANK[after] > PHASE_RANK[before] else "#CE0500"
        return "#B34000"

    biggest = max(c.transitions.values(), default=1)
    traces = [
        {
            "type": "scatter",
            "mode": "markers+text",
            "x": [_phase_label(before) for (before, _after), _n in cells],
            "y": [_phase_label(after) for (_before, after), _n in cells],
            "text": [number(n) for _pair, n in cells],
            "textposition": "middle center",
            "textfont": {"color": "#ffffff"},
            "marker": {
                "size": [18 + 42 * (n / biggest) ** 0.5 for _pair, n in cells],
                "color": [colour(before, after) for (before, after), _n in cells],
            },
            "hovertemplate": "%{x} → %{y} : %{text}<extra></extra>",
        }
    ]
    labels = [_phase_label(code) for code in axis]
    layout = base_layout(
        height=max(300, 70 * len(axis) + 120),
        showlegend=False,
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels,
            "title": {"text": _("Phase au %(date)s") % {"date": long_date(c.a.day)}},
        },
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels,
            "autorange": "reversed",
            "rangemode": "normal",
            "title": {"text": _("Phase au %(date)s") % {"date": long_date(c.b.day)}},
        },
    )
    moved = sum(n for (before, after), n in c.transitions.items() if before != after)
    same = sum(n for (before, after), n in c.transitions.items() if before == after)
    summary = ngettext(
        "%(moved)s projet a changé de phase ou de périmètre, %(same)s n'a pas changé de phase.",
        "%(moved)s projets ont changé de phase ou de périmètre, %(same)s n'ont pas changé "
        "de phase.",
        moved,
    ) % {"moved": number(moved), "same": number(same)}
    return Chart(
        slug=slug,
        title=_("Mouvements de phase entre les deux dates"),
        summary=summary,
        figure=figure_json(traces, layout),
        columns=[
            _("Phase au %(date)s") % {"date": long_date(c.a.day)},
            _("Phase au %(date)s") % {"date": long_date(c.b.day)},
            _("Projets"),
        ],
        rows=[
            [_phase_label(before), _phase_label(after), number(n)] for (before, after), n in cells
        ],
    )


def meteo_before_after(c: Comparison, slug="meteo-deux-dates") -> Chart:
    """Projects per météo at each date, side by side."""
    before, after = c.a.meteo_counts(), c.b.meteo_counts()
    title = _("Météo aux deux dates")
    if entirely_unknown(Counter(before) + Counter(after), [Meteo.NON_RENSEIGNEE]):
        sentence = _("Aucun projet n'a de météo renseignée, ni le %(a)s ni le %(b)s.") % {
            "a": long_date(c.a.day),
            "b": long_date(c.b.day),
        }
        return replaced_by_sentence(slug, title, sentence)
    labels = [str(Meteo(code).label) for code in METEO_ORDER]
    traces = [
        {
            "type": "bar",
            "name": long_date(state.day),
            "x": [wrap(label, 12) for label in labels],
            "y": [counts.get(code, 0) for code in METEO_ORDER],
            "marker": {
                "color": [METEO_COLOURS[code] for code in METEO_ORDER],
                "opacity": opacity,
                "line": {"color": "#161616", "width": 1},
            },
            "hovertemplate": "%{x} : %{y}<extra>" + long_date(state.day) + "</extra>",
        }
        for state, counts, opacity in ((c.a, before, 0.45), (c.b, after, 1.0))
    ]
    summary = _("Projets par météo au %(a)s (barres claires) et au %(b)s (barres foncées).") % {
        "a": long_date(c.a.day),
        "b": long_date(c.b.day),
    }
    summary = f"{summary} {meteo_sentence(c)}"
    return Chart(
        slug=slug,
        title=title,
        summary=summary,
        figure=count_bars(
            traces, max([*before.values(), *after.values()], default=0), barmode="group"
        ),
        columns=[_("Météo"), long_date(c.a.day), long_date(c.b.day), _("Écart")],
        rows=[
            [
                label,
                number(before.get(code, 0)),
                number(after.get(code, 0)),
                _signed(after.get(code, 0) - before.get(code, 0)),
            ]
            for code, label in zip(METEO_ORDER, labels, strict=True)
        ],
    )


def _signed(n: int) -> str:
    return f"+{number(n)}" if n > 0 else ("−" + number(-n) if n < 0 else "0")
