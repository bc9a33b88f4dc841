"""An indicator's dated measurements against its target."""

from django.utils.translation import gettext as _

from projects.charts.kit import (
    Chart,
    base_layout,
    content,
    date_axis,
    figure_json,
    period_middle,
)


def stated_target(targets: list):
    """The one target a reader is told about: the latest announced (`set_on`), else the last
    recorded. The chart draws it once, where the summary says, and the table lists them all."""
    if not targets:
        return None
    dated = [t for t in targets if t.set_on]
    if dated:
        return max(dated, key=lambda t: (t.set_on, t.pk or 0))
    return targets[-1]


def indicator_chart(indicator, slug: str) -> Chart:
    """An indicator's measurements against its target (where the sources give figures), each
    at its own date and precision (« 2020 » in the middle of 2020)."""
    all_values = [m for m in indicator.measurements.all() if not m.is_target and m.on]
    targets = [m for m in indicator.measurements.all() if m.is_target]
    values = [m for m in all_values if m.value is not None]
    target = stated_target(targets)
    drawn_target = target if target and target.on and target.value is not None else None
    traces = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": _("Mesures"),
            "x": [period_middle(m.date).isoformat() for m in values],
            "y": [float(m.value) for m in values],
            "text": [f"{m.text} ({m.date.label()})" for m in values],
            "line": {"color": "#000091"},
            "cliponaxis": False,
            "hovertemplate": "%{text}<extra></extra>",
        }
    ]
    if drawn_target:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": _("Cible"),
                "x": [period_middle(drawn_target.date).isoformat()],
                "y": [float(drawn_target.value)],
                "text": [f"{drawn_target.text} ({drawn_target.date.label()})"],
                "marker": {"symbol": "star", "size": 14, "color": "#B34000"},
                "cliponaxis": False,
                "hovertemplate": _("Cible") + " : %{text}<extra></extra>",
            }
        )
    drawn = [m.date for m in values] + ([drawn_target.date] if drawn_target else [])
    yaxis = {"autorange": "reversed"} if indicator.lower_is_better else {}
    if indicator.lower_is_better:
        yaxis["rangemode"] = "normal"
    latest = all_values[-1] if all_values else None
    summary = _summary(latest, target)
    xaxis = date_axis([d.start for d in drawn] + [d.end for d in drawn]) if drawn else {}
    return Chart(
        slug=slug,
        title=indicator.display_name + (f" ({indicator.unit})" if indicator.unit else ""),
        summary=summary,
        figure=figure_json(traces, base_layout(height=300, xaxis=xaxis, yaxis=yaxis)),
        columns=[_("Date"), _("Valeur publiée"), _("Nature")],
        rows=[
            [
                m.date.label() if m.date else "—",
                content(m.text),  # the source's own wording, in French
                _("Cible") if m.is_target else _("Mesure"),
            ]
            for m in [*all_values, *targets]
        ],
        # One dot in an empty frame tells nothing the sentence and the table do not.
        has_graph=len(drawn) >= 2,
    )


def _summary(latest, target) -> str:
    if latest and target:
        when = f" ({target.date.label()})" if target.date else ""
        return _("Dernière valeur : %(value)s (%(date)s) ; cible : %(target)s%(when)s.") % {
            "value": latest.text,
            "date": latest.date.label(),
            "target": target.text,
            "when": when,
        }
    if latest:
        return _("Dernière valeur : %(value)s (%(date)s) ; aucune cible connue.") % {
            "value": latest.text,
            "date": latest.date.label(),
        }
    return _("Aucune mesure chiffrée à cette date.")
