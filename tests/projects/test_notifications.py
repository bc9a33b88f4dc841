"""People are told, by e-mail once the transaction commits: the office when an update is
submitted, the leads when it is returned (with the comment) or published; each mail French,
plain text plus HTML, with the link to act on the site's own address."""

import pytest
from django.core import mail
from django.urls import reverse

from projects import roles, services
from projects.enums import UpdateState
from tests.conftest import client_for, update_payload
from tests.factories import StatusUpdateFactory, UserFactory


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://tableau-de-bord.numerique.gouv.fr"


@pytest.fixture
def people(lead_a, office, project_a):
    lead_a.first_name, lead_a.last_name, lead_a.email = "Aurélie", "Moreau", "am@example.org"
    lead_a.save()
    office.first_name, office.last_name, office.email = "Hélène", "Duval", "hd@example.org"
    office.save()
    co_lead = UserFactory(username="co", email="co@example.org", groups=[roles.PROJECT_LEAD])
    project_a.leads.add(co_lead)
    UserFactory(username="sans-adresse", email="", groups=[roles.PROGRAMME_OFFICE])
    UserFactory(username="parti", is_active=False, groups=[roles.PROGRAMME_OFFICE])
    return {"lead": lead_a, "office": office, "co_lead": co_lead}


def html_of(message) -> str:
    (alternative,) = message.alternatives
    assert alternative.mimetype == "text/html"
    return alternative.content


def submit(lead, project, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lead).post(
            reverse("projects:update", args=[project.slug]), update_payload(project, **kwargs)
        )
    assert response.status_code == 302
    return project.updates.order_by("-pk").first()


def test_the_office_is_told_when_an_update_is_submitted(
    people, project_a, django_capture_on_commit_callbacks
):
    update = submit(people["lead"], project_a, django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [["hd@example.org"]]  # active, with an address
    message = mail.outbox[0]
    assert message.subject == "Point d'avancement à valider : Projet A"
    link = f"https://tableau-de-bord.numerique.gouv.fr/projets/a-valider/{update.pk}/valider/"
    assert link in message.body and f'href="{link}"' in html_of(message)
    assert "Bonjour Hélène Duval," in message.body
    assert "Aurélie Moreau (chef de projet) a soumis au bureau du programme" in message.body
    assert "Météo déclarée : Objectifs atteignables" in message.body
    assert '<html lang="fr">' in html_of(message)


def test_a_draft_tells_nobody_until_it_is_submitted(
    people, project_a, django_capture_on_commit_callbacks
):
    draft = submit(people["lead"], project_a, django_capture_on_commit_callbacks, action="draft")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client_for(people["lead"]).post(
            reverse("projects:submit_draft", args=[project_a.slug, draft.pk])
        )
    assert [m.subject for m in mail.outbox] == ["Point d'avancement à valider : Projet A"]


def test_the_leads_are_told_when_it_is_returned_with_the_comment(
    people, project_a, django_capture_on_commit_callbacks
):
    update = StatusUpdateFactory(project=project_a, submitted=True, author=people["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(people["office"]).post(
            reverse("projects:send_back", args=[update.pk]),
            {f"renvoi-{update.pk}-comment": "Le motif du report manque <b>vraiment</b>."},
        )

    assert sorted(m.to[0] for m in mail.outbox) == ["am@example.org", "co@example.org"]
    message = next(m for m in mail.outbox if m.to == ["am@example.org"])
    assert message.subject == "Point renvoyé pour correction : Projet A"
    assert "Hélène Duval (bureau du programme) a renvoyé pour correction" in message.body
    assert "Le motif du report manque <b>vraiment</b>." in message.body  # plain text, as typed
    assert "Le motif du report manque &lt;b&gt;vraiment&lt;/b&gt;." in html_of(message)
    form = "https://tableau-de-bord.numerique.gouv.fr/projets/projet-a/mettre-a-jour/"
    assert form in message.body and f'href="{form}"' in html_of(message)


def test_the_leads_are_told_when_it_is_published(
    people, project_a, django_capture_on_commit_callbacks
):
    update = StatusUpdateFactory(project=project_a, submitted=True, author=people["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        services.validate_update(update=update, reviewer=people["office"])

    update.refresh_from_db()
    assert update.state == UpdateState.VALIDATED
    assert sorted(m.to[0] for m in mail.outbox) == ["am@example.org", "co@example.org"]
    message = mail.outbox[0]
    assert message.subject == "Point publié : Projet A"
    assert "Hélène Duval (bureau du programme) a validé le point d'avancement" in message.body
    assert "https://tableau-de-bord.numerique.gouv.fr/projets/projet-a/" in message.body


def test_no_mail_leaves_when_the_transaction_fails(people, project_a):
    # Without the commit (the test's own transaction is never committed), nothing is sent.
    update = StatusUpdateFactory(project=project_a, submitted=True, author=people["lead"])
    services.validate_update(update=update, reviewer=people["office"])
    assert mail.outbox == []


def test_a_failing_relay_never_undoes_the_update(
    people, project_a, django_capture_on_commit_callbacks, settings, caplog
):
    # A real SMTP connection to a port where nothing listens: refused at once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    with caplog.at_level("ERROR"):
        update = submit(people["lead"], project_a, django_capture_on_commit_callbacks)
    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED
    assert "ConnectionRefusedError" in caplog.text  # logged, with its traceback
