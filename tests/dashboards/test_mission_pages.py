import pytest
from django.urls import reverse

from missions.models import Mission
from projects.models import Project
from tests.factories import MissionFactory
from tests.querycount import grow_portfolio, queries_for

pytestmark = pytest.mark.django_db


def test_mission_list_shows_the_eight_missions_with_their_counts(client, programme):
    response = client.get(reverse("missions:list"))

    cards = list(response.context["cards"])
    missions = [card.mission for card in cards]
    assert [m.code for m in missions] == [
        "LABEL", "IDNUM", "DATA", "INFRA", "PILOT", "TALENTS", "FABRIQUE", "TRANSFO"
    ]  # fmt: skip
    for card in cards:
        identified = Project.objects.identified().filter(mission=card.mission).count()
        assert card.identified == identified
    orphans = response.context["orphans"]
    assert orphans.identified == Project.objects.identified().filter(mission=None).count() == 3
    assert "3 projets sans mission connue" in response.text
    assert "0 jalon en retard" in response.text


def test_mission_page_rolls_up_its_projects(client, programme):
    response = client.get(reverse("missions:detail", args=["idnum"]))

    expected = Project.objects.identified().filter(mission__code="IDNUM")
    assert {p.slug for p in response.context["projects"]} == set(
        expected.values_list("slug", flat=True)
    )
    assert response.context["counts"].total == expected.count()
    slugs = [chart.slug for chart in response.context["charts"]]
    assert slugs == ["pipeline", "meteo", "jalons"]
    assert [chart.slug for chart in response.context["evolution_charts"]] == ["evolution"]
    assert "Nombre d&#x27;utilisateurs de FranceConnect" in response.text


def test_renamed_mission_says_so(client, programme):
    response = client.get(reverse("missions:detail", args=["fabrique"]))

    assert "Mission renommée BETA" in response.text


def test_unknown_mission_is_a_404(client):
    assert client.get("/missions/inconnue/").status_code == 404


def test_mission_page_query_count_is_fixed(client):
    mission = MissionFactory()
    url = reverse("missions:detail", args=[mission.code.lower()])
    grow_portfolio(2, mission=mission)
    small = queries_for(client, url)
    grow_portfolio(25, mission=mission)

    assert queries_for(client, url) == small
    assert Mission.objects.count() == 1
