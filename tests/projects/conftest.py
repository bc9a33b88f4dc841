"""The fixed cast of the status-update tests: a visitor, the lead of project A, the lead of
project B, a press user and a programme-office user, with two projects A and B."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from projects import roles
from projects.enums import Meteo, Phase
from projects.fuzzydates import Precision
from projects.models import Milestone
from tests.factories import (
    MilestoneFactory,
    ProjectFactory,
    StatusUpdateFactory,
    UserFactory,
)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def project_a(db, today):
    project = ProjectFactory(slug="projet-a", name="Projet A")
    MilestoneFactory(
        project=project,
        title="Ouverture au public",
        baseline_on=today + timedelta(days=100),
        baseline_precision=Precision.DAY,
    )
    StatusUpdateFactory(
        project=project,
        as_of=today - timedelta(days=10),
        published_on=today - timedelta(days=10),
        meteo=Meteo.COUVERT,
        phase=Phase.CONCEPTION,
        summary="Résumé public du projet A.",
        risks="RISQUE-INTERNE-A",
    )
    return project


@pytest.fixture
def project_b(db):
    return ProjectFactory(slug="projet-b", name="Projet B")


@pytest.fixture
def visitor():
    """No account: an anonymous visitor."""
    return None


@pytest.fixture
def lead_a(project_a):
    user = UserFactory(username="cheffe-a", groups=[roles.PROJECT_LEAD])
    project_a.leads.add(user)
    return user


@pytest.fixture
def lead_b(project_b):
    user = UserFactory(username="chef-b", groups=[roles.PROJECT_LEAD])
    project_b.leads.add(user)
    return user


@pytest.fixture
def press(db):
    return UserFactory(username="presse", groups=[roles.PRESS])


@pytest.fixture
def office(db):
    """A member of the programme office, with the permissions migrations give the group."""
    return UserFactory(username="bureau", groups=[roles.PROGRAMME_OFFICE], is_staff=True)


@pytest.fixture
def cast(visitor, lead_a, lead_b, press, office):
    return {
        "visitor": visitor,
        "lead_a": lead_a,
        "lead_b": lead_b,
        "press": press,
        "office": office,
    }


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def update_payload(project, *, action="submit", milestones=None, **fields) -> dict:
    """A valid POST of the status update form of `project`, as a browser would send it
    unchanged; `fields` override the update's fields, `milestones` maps a row index to the
    values of that milestone row."""
    rows = list(Milestone.objects.filter(project=project).with_dates().order_by("position", "pk"))
    latest = project.updates.order_by("-pk").first()
    data = {
        "meteo": Meteo.COUVERT,
        "phase": Phase.DEPLOIEMENT,
        "progress": "60",
        "summary": "Nouveau résumé public.",
        "achievements": "",
        "next_steps": "",
        "risks": "",
        "decisions": "",
        "meteo_justification": "",
        "based_on": str(latest.pk) if latest else "",
        "action": action,
        "jalons-TOTAL_FORMS": str(len(rows)),
        "jalons-INITIAL_FORMS": str(len(rows)),
        "jalons-MIN_NUM_FORMS": "0",
        "jalons-MAX_NUM_FORMS": "1000",
    }
    for index, milestone in enumerate(rows):
        prefix = f"jalons-{index}-"
        data |= {
            prefix + "milestone": str(milestone.pk),
            prefix + "forecast_on": milestone.forecast_on.isoformat()
            if milestone.forecast_on
            else "",
            prefix + "forecast_precision": milestone.forecast_precision or Precision.DAY,
            prefix + "actual_on": milestone.actual_on.isoformat() if milestone.actual_on else "",
            prefix + "actual_precision": milestone.actual_precision or Precision.DAY,
            prefix + "reason": "",
        }
        for name, value in (milestones or {}).get(index, {}).items():
            data[prefix + name] = value
    data.update(fields)
    return data


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The cast is rebuilt for each test: PBKDF2 would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
