"""`manage.py send_reminders`: one e-mail a week at most to each lead with an update due, never
to those who switched it off; `--dry-run` prints and sends nothing."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from projects import roles
from projects.models import Preferences, ReminderSent
from tests.factories import MilestoneFactory, ProjectFactory, StatusUpdateFactory, UserFactory


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def due(clock, lead_a, lead_b, project_a, project_b, today, settings):
    """Project A has a milestone passed without news; project B never published anything."""
    settings.SITE_URL = "https://tableau-de-bord.numerique.gouv.fr"
    lead_a.first_name, lead_a.last_name = "Aurélie", "Moreau"
    lead_a.save()
    MilestoneFactory(
        project=project_a,
        title="Recette",
        baseline_on=today - timedelta(days=10),
        baseline_precision="DAY",
    )
    fresh = ProjectFactory(name="Projet à jour")
    StatusUpdateFactory(project=fresh, as_of=today - timedelta(days=5))
    fresh_lead = UserFactory(username="chef-a-jour", groups=[roles.PROJECT_LEAD])
    fresh.leads.add(fresh_lead)
    return {"a": lead_a, "b": lead_b, "fresh": fresh_lead}


def test_each_lead_with_an_update_due_gets_one_reminder(due):
    output = run()

    assert sorted(m.to[0] for m in mail.outbox) == [
        "chef-b@numerique.gouv.fr",
        "cheffe-a@numerique.gouv.fr",
    ]
    message = next(m for m in mail.outbox if m.to == ["cheffe-a@numerique.gouv.fr"])
    assert message.subject == "Un point d'avancement est attendu : Projet A"
    assert "Bonjour Aurélie Moreau," in message.body
    assert "Jalon « Recette » : échéance 21 novembre 2026 passée sans nouvelle" in message.body
    link = "https://tableau-de-bord.numerique.gouv.fr/projets/projet-a/mettre-a-jour/"
    assert link in message.body
    (alternative,) = message.alternatives
    assert f'href="{link}"' in alternative.content
    assert "https://tableau-de-bord.numerique.gouv.fr/compte/" in message.body  # to switch off
    other = next(m for m in mail.outbox if m.to == ["chef-b@numerique.gouv.fr"])
    assert "Aucun point d'avancement publié." in other.body
    assert "Envoyé à Aurélie Moreau <cheffe-a@numerique.gouv.fr> : 1 projet : Projet A" in output
    assert "2 rappels envoyés (semaine du 30 novembre 2026)." in output
    assert set(ReminderSent.objects.values_list("week", flat=True)) == {date(2026, 11, 30)}


def test_a_second_run_the_same_week_sends_nothing(due, clock):
    run()
    mail.outbox.clear()
    clock.move_to("2026-12-06 18:00+01:00")  # Sunday, same ISO week

    output = run()

    assert mail.outbox == []
    assert "Déjà envoyé cette semaine : Aurélie Moreau <cheffe-a@numerique.gouv.fr>" in output
    assert "0 rappel envoyé" in output
    clock.move_to("2026-12-07 08:00+01:00")  # Monday: a new week
    run()
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 4


def test_dry_run_prints_and_sends_nothing(due):
    output = run("--dry-run")
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()
    assert "Enverrait à Aurélie Moreau <cheffe-a@numerique.gouv.fr> : 1 projet : Projet A" in output
    assert "Essai : 2 rappels à envoyer (semaine du 30 novembre 2026)" in output


def test_a_lead_who_switched_it_off_gets_nothing(due):
    Preferences.objects.create(user=due["a"], weekly_reminders=False)
    run()
    assert [m.to for m in mail.outbox] == [["chef-b@numerique.gouv.fr"]]


def test_a_submitted_update_or_an_inactive_account_gets_nothing(due, project_a, project_b):
    StatusUpdateFactory(project=project_a, submitted=True, author=due["a"])
    due["b"].is_active = False
    due["b"].save()
    assert "0 rappel envoyé" in run()
    assert mail.outbox == []
