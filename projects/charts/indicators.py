"""An indicator's dated measurements against its targets."""

from django.utils.translation import gettext as _

from projects.charts.kit import Chart, base_layout, figure_json


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
