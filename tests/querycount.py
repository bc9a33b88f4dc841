"""Query counting for "a page costs a fixed number of queries, whatever the portfolio size"."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    MilestoneChangeFactory,
    MilestoneFactory,
    ProjectFactory,
    StatusUpdateFactory,
)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def grow_portfolio(n: int, mission=None) -> list:
    """`n` more projects, each with published updates and milestones (one of them done)."""
    extra = {"mission": mission} if mission else {}
    projects = ProjectFactory.create_batch(n, **extra)
    for project in projects:
        StatusUpdateFactory.create_batch(2, project=project)
        milestones = MilestoneFactory.create_batch(3, project=project)
        MilestoneChangeFactory(milestone=milestones[0])
    return projects
