"""Charts of the projects' status: météo and phase, for the programme or one mission; one colour
per mission, the same on every page."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.charts.kit import (
    METEO_COLOURS,
    UNKNOWN_MISSION_COLOUR,
    Chart,
    count_bars,
    entirely_unknown,
    replaced_by_sentence,
    share,
    wrap,
)
from projects.enums import METEO_ORDER, PHASE_ORDER, Meteo, Phase
from projects.figures import StatusCounts
from projects.formats import number, percent


def no_meteo_sentence(total: int) -> str:
    return ngettext(
        "Le projet n'a pas de météo renseignée.",
        "Aucun des %(total)s projets n'a de météo renseignée.",
        total,
    ) % {"total": number(total)}


def meteo_distribution(counts: StatusCounts, slug="meteo") -> Chart:
    by_meteo = counts.by_meteo()
    total = counts.total
    title = _("Météo des projets")
    if entirely_unknown(by_meteo, [Meteo.NON_RENSEIGNEE]):
        return replaced_by_sentence(slug, title, no_meteo_sentence(total))
    labels = [str(Meteo(meteo).label) for meteo in METEO_ORDER]
    traces = [
        {
            "type": "bar",
            "x": [wrap(label, 12) for label in labels],
            "cliponaxis": False,
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
        title=title,
        summary=summary,
        figure=count_bars(traces, max(by_meteo.values(), default=0), showlegend=False),
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


def _phase_label(code: str) -> str:
    return Phase(code).label if code else _("Non connue")


def _mission_columns(missions, counts) -> list[tuple]:
    """(mission id, code, colour) for each mission, then « non connue » if a project has none."""
    columns = [(mission.pk, mission.code, mission.colour) for mission in missions]
    if any(key[0] is None for key in counts.cells):
        columns.append((None, _("Mission non connue"), UNKNOWN_MISSION_COLOUR))
    return columns


def maturity_pipeline(counts: StatusCounts, missions, slug="pipeline", mission=None) -> Chart:
    """Projects by phase, stacked by mission (one mission's page: its projects by phase)."""
    by_cell = counts.by_mission_and("phase")
    title = (
        _("Projets de la mission par phase de maturité")
        if mission is not None
        else _("Projets par phase de maturité et par mission")
    )
    if entirely_unknown(counts.by_phase(), [""]):
        return replaced_by_sentence(
            slug,
            title,
            _("La phase d'aucun des %(total)s projets n'est connue.")
            % {"total": number(counts.total)},
        )
    phases = [phase for phase in PHASE_ORDER if any(k[1] == phase for k in by_cell)]
    columns = _mission_columns(missions, counts)
    traces = [
        {
            "type": "bar",
            "name": code,
            "x": [wrap(_phase_label(phase), 14) for phase in phases],
            "y": [by_cell.get((pk, phase), 0) for phase in phases],
            "marker": {"color": colour},
            "hovertemplate": f"{code} : %{{y}}<extra>%{{x}}</extra>",
        }
        for pk, code, colour in columns
    ]
    by_phase = counts.by_phase()
    known = {phase: n for phase, n in by_phase.items() if phase}
    if known:
        top = max(known, key=known.get)
        summary = ngettext(
            "Sur %(total)s projet, la phase la plus fréquente est « %(phase)s » (%(n)s) ; "
            "la phase de %(unknown)s n'est pas connue.",
            "Sur %(total)s projets, la phase la plus fréquente est « %(phase)s » (%(n)s) ; "
            "la phase de %(unknown)s n'est pas connue.",
            counts.total,
        ) % {
            "total": number(counts.total),
            "phase": _phase_label(top),
            "n": number(known[top]),
            "unknown": number(by_phase.get("", 0)),
        }
    else:
        summary = _("La phase d'aucun des %(total)s projets n'est connue.") % {
            "total": number(counts.total)
        }
    return Chart(
        slug=slug,
        title=title,
        summary=summary,
        figure=count_bars(
            traces,
            max(by_phase.values(), default=0),
            barmode="stack",
            showlegend=mission is None,
        ),
        columns=[_("Phase"), *[code for _pk, code, _c in columns], _("Total")],
        rows=[
            [
                _phase_label(phase),
                *[number(by_cell.get((pk, phase), 0)) for pk, _code, _c in columns],
                number(by_phase.get(phase, 0)),
            ]
            for phase in phases
        ],
    )


def meteo_by_mission(counts: StatusCounts, missions, slug="meteo-missions") -> Chart:
    """For each mission, its projects by météo (stacked, labels in the legend and the table)."""
    by_cell = counts.by_mission_and("meteo")
    title = _("Météo des projets par mission")
    if entirely_unknown(counts.by_meteo(), [Meteo.NON_RENSEIGNEE]):
        return replaced_by_sentence(slug, title, no_meteo_sentence(counts.total))
    columns = _mission_columns(missions, counts)
    traces = [
        {
            "type": "bar",
            "name": str(Meteo(meteo).label),
            "x": [code for _pk, code, _c in columns],
            "y": [by_cell.get((pk, meteo), 0) for pk, _code, _c in columns],
            "marker": {"color": METEO_COLOURS[meteo]},
            "hovertemplate": f"{Meteo(meteo).label} : %{{y}}<extra>%{{x}}</extra>",
        }
        for meteo in METEO_ORDER
    ]
    declared = sum(n for (_pk, meteo), n in by_cell.items() if meteo != Meteo.NON_RENSEIGNEE)
    summary = ngettext(
        "%(declared)s projet sur %(total)s a une météo renseignée.",
        "%(declared)s projets sur %(total)s ont une météo renseignée.",
        declared,
    ) % {"declared": number(declared), "total": number(counts.total)}
    return Chart(
        slug=slug,
        title=title,
        summary=summary,
        figure=count_bars(traces, max(counts.by_mission().values(), default=0), barmode="stack"),
        columns=[_("Mission"), *[str(Meteo(meteo).label) for meteo in METEO_ORDER]],
        rows=[
            [code, *[number(by_cell.get((pk, meteo), 0)) for meteo in METEO_ORDER]]
            for pk, code, _colour in columns
        ],
    )
