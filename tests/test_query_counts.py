"""Every page costs a fixed number of queries: a literal pin at the real programme's size, and
the same number once the portfolio has grown (more projects, updates, milestones, submitted
points to review). The numbers are written here, not recomputed: a change that adds a query
to a page changes its line, and the reviewer sees it."""

import pytest

from projects import roles
from projects.enums import UpdateState
from projects.models import Project, StatusUpdate
from tests.conftest import client_for
from tests.factories import StatusUpdateFactory, UserFactory
from tests.querycount import grow_portfolio, queries_for

PROJECT = "franceconnect-generalisation"
COMPARISON = "/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/"

# (who, address): queries. `office` is the programme office, `lead` leads PROJECT.
PINS = {
    ("visitor", "/"): 15,
    ("visitor", "/?date=2019-10-02"): 14,
    ("visitor", "/missions/"): 6,
    ("visitor", "/missions/idnum/"): 13,
    ("visitor", "/projets/"): 6,
    ("visitor", "/projets/?q=franceconnect&meteo=SOLEIL"): 5,
    ("visitor", f"/projets/{PROJECT}/"): 11,
    ("visitor", f"/projets/{PROJECT}/?date=2020-08-01"): 11,
    ("visitor", "/instantanes/"): 1,
    ("visitor", "/instantanes/mise-a-jour-2021/"): 12,
    ("visitor", COMPARISON): 12,
    ("visitor", "/instantanes/comparer/?du=2020-08-01&au=2021-09-14"): 10,
    ("visitor", "/instantanes/mise-a-jour-2021/integrer/meteo/"): 9,
    ("visitor", "/flux.atom"): 2,
    ("visitor", "/plan-du-site/"): 0,
    ("visitor", "/api/projets/"): 4,
    ("visitor", "/api/jalons/"): 4,
    ("visitor", "/api/points/"): 4,
    ("visitor", "/api/instantanes/mise-a-jour-2021/projets/"): 7,
    ("office", "/"): 19,
    ("office", "/projets/"): 10,
    ("office", f"/projets/{PROJECT}/"): 19,
    ("office", "/projets/a-valider/"): 13,
    ("office", f"/projets/{PROJECT}/mettre-a-jour/"): 13,
    ("office", "/compte/"): 5,
    ("lead", "/"): 18,
    ("lead", "/mes-projets/"): 6,
    ("lead", f"/projets/{PROJECT}/mettre-a-jour/"): 12,
}


def _submitted_points(projects) -> None:
    for project in projects:
        StatusUpdateFactory(project=project, submitted=True)


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "url"), PINS)
def test_each_page_costs_a_pinned_number_of_queries_whatever_the_size(programme, who, url):
    users = {
        "visitor": None,
        "office": UserFactory(groups=[roles.PROGRAMME_OFFICE], is_staff=True),
        "lead": UserFactory(groups=[roles.PROJECT_LEAD]),
    }
    Project.objects.get(slug=PROJECT).leads.add(users["lead"])
    _submitted_points(Project.objects.filter(slug__in=[PROJECT, "tchap"]))
    client = client_for(users[who])

    assert queries_for(client, url) == PINS[who, url]
    grown = grow_portfolio(12)
    _submitted_points(grown[:6])
    assert StatusUpdate.objects.filter(state=UpdateState.SUBMITTED).count() >= 7
    assert queries_for(client, url) == PINS[who, url]
