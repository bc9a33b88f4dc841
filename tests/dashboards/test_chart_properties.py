"""Charts say exactly what the data says (issue 13): every figure of every page, for the real
programme, read as plotly will draw it: no tick label twice, whole numbers on count axes, no
label cut, and the drawn counts equal to the chart's own table."""

import re
from datetime import date
from html import unescape

import pytest
from django.utils.html import strip_tags

from projects.charts.kit import Chart, count_axis, date_axis, entirely_unknown
from projects.enums import Meteo
from tests.conftest import client_for

PAGES = [
    "/",
    "/?date=2019-10-02",
    "/missions/idnum/",
    "/missions/fabrique/",
    "/projets/franceconnect-generalisation/",
    "/instantanes/mise-a-jour-2021/",
    "/instantanes/feuille-de-route-2019/",
    "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/",
]


def charts_of(response) -> list[Chart]:
    context = response.context
    charts = [
        *context.get("charts", []),
        *context.get("evolution_charts", []),
        *context.get("indicator_charts", []),
    ]
    if "timeline" in context:
        charts.append(context["timeline"])
    return charts


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def tick_labels(axis: dict) -> list[str]:
    """The labels plotly writes on an axis we give explicit ticks to."""
    if axis.get("tickmode") == "array":
        return [str(text) for text in axis["ticktext"]]
    if axis.get("type") == "date":
        step = int(axis["dtick"].removeprefix("M"))
        day, end = date.fromisoformat(axis["tick0"]), date.fromisoformat(axis["range"][1])
        labels = []
        while day < end:
            labels.append(day.strftime(axis["tickformat"]))
            day = _add_months(day, step)
        return labels
    return []


def number(cell) -> int:
    return int(re.sub(r"[\s\u202f\u00a0]", "", strip_tags(str(cell))))


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_chart_says_what_its_data_says(programme, url):
    charts = charts_of(client_for(None).get(url))
    drawn = [chart for chart in charts if chart.has_graph]
    assert drawn, url

    for chart in drawn:
        layout, traces = chart.figure["layout"], chart.figure["data"]
        where = f"{url} {chart.slug}"
        # No tick label twice, on any axis whose ticks we set.
        for name in ("xaxis", "yaxis"):
            labels = tick_labels(layout.get(name, {}))
            assert len(labels) == len(set(labels)), (where, name, labels)
        # No label cut: nothing ends in an ellipsis, categories are whole.
        labels = [*tick_labels(layout.get("yaxis", {})), *[t.get("name", "") for t in traces]]
        labels += [str(x) for t in traces if t["type"] == "bar" for x in t["x"]]
        assert not [label for label in labels if "…" in label], where
        if all(t["type"] == "bar" for t in traces):
            # Counts: whole numbers on the axis, each bar equal to its cell of the table.
            yaxis = layout["yaxis"]
            assert yaxis["tickformat"] == "d" and isinstance(yaxis["dtick"], int), where
            assert yaxis["dtick"] >= 1, where
            for trace in traces:
                column = chart.columns.index(trace["name"]) if "name" in trace else 1
                for row, value in zip(chart.rows, trace["y"], strict=True):
                    assert number(row[column]) == value, (where, trace.get("name"), row)


@pytest.mark.django_db
def test_the_calendar_draws_the_most_recent_and_its_table_lists_them_all(programme, clock):
    charts = {c.slug: c for c in charts_of(client_for(None).get("/"))}
    calendar = charts["jalons"]
    ticks = [label.replace("<br>", " ") for label in calendar.figure["layout"]["yaxis"]["ticktext"]]

    # The real programme: 67 dated milestones (4 more have no date), the 25 latest drawn.
    assert len(calendar.rows) == 67
    assert len(ticks) == 25
    assert "les 25 plus récents sur 67" in calendar.note
    # Each label whole: « project — milestone », as in the table.
    for tick, row in zip(ticks, calendar.rows, strict=False):
        assert tick == unescape(f"{strip_tags(row[0])} — {strip_tags(row[1])}")
    # Its height follows its rows: each row at least two lines of label.
    assert calendar.figure["layout"]["height"] >= 25 * 2 * 17
    # The date axis stops with the year of the latest date drawn.
    xaxis = calendar.figure["layout"]["xaxis"]
    latest = max(day for trace in calendar.figure["data"] for day in trace["x"] if day is not None)
    assert xaxis["range"][1] == f"{int(latest[:4]) + 1}-01-01"


@pytest.mark.django_db
def test_a_mission_chart_says_mission_not_missions(programme):
    charts = {c.slug: c for c in charts_of(client_for(None).get("/missions/idnum/"))}

    assert charts["pipeline"].title == "Projets de la mission par phase de maturité"
    # Its projects' phases are unknown in every edition: one sentence, on the mission alone.
    assert charts["evolution"].summary == (
        "Du 2 octobre 2019 au 14 septembre 2021, le nombre de projets identifiés de la mission "
        "passe de 4 à 4. Aucune édition ne donne la phase de ses projets."
    )


@pytest.mark.django_db
def test_a_chart_entirely_non_renseignee_is_one_sentence(programme):
    """No source gives a météo: the météo charts are one sentence each, nothing drawn."""
    charts = {c.slug: c for c in charts_of(client_for(None).get("/"))}

    assert charts["meteo"].sentence_only and not charts["meteo"].has_graph
    assert charts["meteo"].summary == "Aucun des 33 projets n'a de météo renseignée."
    assert "meteo-missions" not in charts  # one sentence about météo is enough
    assert charts["evolution-meteo"].sentence_only


@pytest.mark.django_db
def test_an_indicator_draws_one_target_at_its_own_period(programme):
    charts = {c.slug: c for c in charts_of(client_for(None).get("/"))}
    users = charts["indicateur-ind-fc-users"]
    target = [trace for trace in users.figure["data"] if trace["name"] == "Cible"]

    assert len(target) == 1 and target[0]["x"] == ["2022-07-02"]  # « 2022 »: mid-2022
    assert target[0]["y"] == [25000000.0]
    assert "cible : 25 millions (2022)" in users.summary
    assert users.figure["layout"]["xaxis"]["tickformat"] == "%Y"


@pytest.mark.django_db
def test_a_measurement_of_a_year_sits_in_that_year(programme):
    charts = {c.slug: c for c in charts_of(client_for(None).get("/"))}
    desi = charts["indicateur-ind-desi"]

    measures = desi.figure["data"][0]
    assert dict(zip(measures["y"], measures["x"], strict=True))[12.0] == "2020-07-01"


def test_count_axis_has_whole_ticks():
    assert count_axis(1)["dtick"] == 1
    assert count_axis(33)["dtick"] == 5
    assert count_axis(5000)["dtick"] == 1000


def test_date_axis_follows_the_data():
    years = date_axis([date(2019, 6, 30), date(2022, 12, 31)])
    assert (years["tickformat"], years["dtick"]) == ("%Y", "M12")
    assert years["range"] == ["2019-01-01", "2023-01-01"]
    months = date_axis([date(2021, 3, 1), date(2021, 10, 31)])
    assert months["tickformat"] == "%m/%Y"
    assert tick_labels(months) == sorted(set(tick_labels(months)), key=tick_labels(months).index)


def test_the_unknown_rule():
    unknown = [Meteo.NON_RENSEIGNEE]
    assert entirely_unknown({Meteo.NON_RENSEIGNEE: 3, Meteo.SOLEIL: 0}, unknown)
    assert not entirely_unknown({Meteo.NON_RENSEIGNEE: 3, Meteo.SOLEIL: 1}, unknown)
    assert not entirely_unknown({}, unknown)
