"""Withdrawal, what replaces deletion: a withdrawn project or milestone is kept with its
history, marked withdrawn (date, reason, author), out of every dashboard and count from that
day on, and journaled. The programme office withdraws from the admin."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from projects import history
from projects.coverage import coverage_on
from projects.models import AuditEvent, Milestone, Project
from tests.conftest import client_for
from tests.factories import IndicatorFactory, MeasurementFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def withdraw_url(obj) -> str:
    return reverse(f"admin:projects_{obj._meta.model_name}_withdraw", args=[obj.pk])


def test_the_office_withdraws_a_project_in_the_admin_with_a_reason(office, project_a):
    client = client_for(office)
    change = client.get(reverse("admin:projects_project_change", args=[project_a.pk]))
    assert withdraw_url(project_a) in change.content.decode()

    refused = client.post(withdraw_url(project_a), {"reason": "  "})
    assert refused.status_code == 200
    assert Project.objects.get(pk=project_a.pk).withdrawn_on is None

    response = client.post(withdraw_url(project_a), {"reason": "Fusionné avec le projet B."})
    assert response.status_code == 302
    project = Project.objects.get(pk=project_a.pk)
    assert project.withdrawn_on == timezone.localdate()
    assert project.withdrawal_reason == "Fusionné avec le projet B."
    assert project.withdrawn_by == office
    event = AuditEvent.objects.get(action="project.withdrawn")
    assert event.actor == office and event.project == project
    assert event.details == {"reason": "Fusionné avec le projet B."}


def test_only_the_office_withdraws(lead_a, press, project_a):
    for user in (lead_a, press):
        response = client_for(user).post(withdraw_url(project_a), {"reason": "Non."})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Project.objects.get(pk=project_a.pk).withdrawn_on is None


def test_a_withdrawn_project_leaves_dashboards_and_counts_but_keeps_its_page(
    client, office, project_a, project_b
):
    before = coverage_on().identified
    history.withdraw_project(project=project_a, reason="Abandonné par le ministère.", actor=office)

    assert coverage_on().identified == before - 1
    assert "Projet A" not in client.get(reverse("projects:list")).content.decode()
    assert "Projet A" not in client.get(reverse("home")).content.decode()
    api = client.get(reverse("api:projects")).json()
    assert "projet-a" not in [row["projet"] for row in api["resultats"]]
    assert "Projet B" in client.get(reverse("projects:list")).content.decode()

    page = client.get(project_a.get_absolute_url()).content.decode()
    assert "Projet retiré du programme le" in page
    assert "Abandonné par le ministère." in page
    assert "Résumé public du projet A." in page  # its history stays readable


def test_a_withdrawn_project_s_indicators_leave_the_dashboards(client, office, project_a):
    indicator = IndicatorFactory(project=project_a, name="Usagers du projet A")
    MeasurementFactory(indicator=indicator)
    assert "Usagers du projet A" in client.get(reverse("home")).content.decode()
    history.withdraw_project(project=project_a, reason="Abandonné.", actor=office)
    assert "Usagers du projet A" not in client.get(reverse("home")).content.decode()


def test_a_withdrawn_project_still_shows_on_the_dates_before_its_withdrawal(
    client, office, project_a
):
    history.withdraw_project(project=project_a, reason="Abandonné.", actor=office)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    listing = client.get(reverse("projects:list"), {"date": yesterday}).content.decode()
    assert "Projet A" in listing
    page = client.get(project_a.get_absolute_url(), {"date": yesterday}).content.decode()
    assert "Projet retiré du programme" not in page


def test_a_withdrawn_project_takes_no_new_update(lead_a, office, project_a):
    history.withdraw_project(project=project_a, reason="Abandonné.", actor=office)
    url = reverse("projects:update", args=[project_a.slug])
    assert client_for(lead_a).get(url).status_code == 403
    assert client_for(office).get(url).status_code == 403


def test_withdrawing_twice_is_refused(office, project_a):
    history.withdraw_project(project=project_a, reason="Abandonné.", actor=office)
    with pytest.raises(ValidationError):
        history.withdraw_project(project=project_a, reason="Encore.", actor=office)
    assert AuditEvent.objects.filter(action="project.withdrawn").count() == 1


def test_the_office_withdraws_a_dated_milestone_instead_of_deleting_it(client, office, project_a):
    milestone = project_a.milestones.get()
    other = MilestoneFactory(project=project_a, title="Généralisation")
    response = client_for(office).post(withdraw_url(milestone), {"reason": "Jalon abandonné."})
    assert response.status_code == 302

    milestone.refresh_from_db()
    assert milestone.withdrawn_on == timezone.localdate() and milestone.withdrawn_by == office
    page = client.get(project_a.get_absolute_url()).content.decode()
    assert "Ouverture au public" not in page and "Généralisation" in page
    assert list(Milestone.objects.with_dates().visible_on()) == [other]
    event = AuditEvent.objects.get(action="milestone.withdrawn")
    assert event.project == project_a
    assert event.details == {
        "milestone": milestone.pk,
        "title": "Ouverture au public",
        "reason": "Jalon abandonné.",
    }


def test_a_withdrawn_milestone_is_no_row_of_the_update_form(lead_a, office, project_a):
    milestone = project_a.milestones.get()
    history.withdraw_milestone(milestone=milestone, reason="Abandonné.", actor=office)
    page = client_for(lead_a).get(reverse("projects:update", args=[project_a.slug]))
    assert page.status_code == 200
    assert "Ouverture au public" not in page.content.decode()


def test_the_database_refuses_a_withdrawal_without_its_reason(project_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project_a.pk).update(withdrawn_on=timezone.localdate())
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project_a.pk).update(withdrawal_reason="Sans date.")
