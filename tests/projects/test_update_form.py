"""The status update form: each validation rule with its French message, input kept on error,
HTML shown as text."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse

from projects.enums import Meteo
from projects.models import StatusUpdate
from tests.conftest import client_for, update_payload
from tests.factories import MilestoneFactory


@pytest.fixture
def post(lead_a, project_a):
    client = client_for(lead_a)
    path = reverse("projects:update", args=[project_a.slug])

    def send(**kwargs):
        return client.post(path, update_payload(project_a, **kwargs))

    return send


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def assert_refused(response, message):
    assert response.status_code == 200
    assert message in page_text(response)


def test_a_valid_update_is_saved_and_redirects(post, project_a):
    response = post()
    assert response.status_code == 302
    assert project_a.updates.order_by("-pk").first().summary == "Nouveau résumé public."


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"meteo": ""}, "Choisissez une météo."),
        ({"meteo": "GRELE"}, "Choisissez une météo parmi les quatre proposées."),
        ({"phase": ""}, "Choisissez une phase."),
        ({"progress": ""}, "Indiquez l'avancement, en pourcentage."),
        ({"progress": "101"}, "L'avancement est un pourcentage entre 0 et 100."),
        ({"progress": "-1"}, "L'avancement est un pourcentage entre 0 et 100."),
        ({"progress": "beaucoup"}, "L'avancement est un nombre entier entre 0 et 100."),
        ({"summary": ""}, "Le résumé public est obligatoire."),
        (
            {"summary": "x" * 2001},
            "Ce texte ne doit pas dépasser 2000 caractères (il en compte 2001).",
        ),
        (
            {"risks": "x" * 4001},
            "Ce texte ne doit pas dépasser 4000 caractères (il en compte 4001).",
        ),
    ],
)
def test_each_update_field_rule_has_a_french_message(post, fields, message):
    before = StatusUpdate.objects.count()
    assert_refused(post(**fields), message)
    assert StatusUpdate.objects.count() == before


def test_moving_a_forecast_requires_a_reason(post, today):
    moved = (today + timedelta(days=200)).isoformat()
    response = post(milestones={0: {"forecast_on": moved}})
    assert_refused(response, "Indiquez le motif du changement de date prévue.")


@pytest.mark.parametrize("moved", [False, True])
def test_a_forged_management_form_changes_nothing(lead_a, project_a, today, moved):
    # Found by the fuzz test: INITIAL_FORMS=0 made each milestone row an optional « extra »
    # form; left unchanged, it skipped its checks and the view failed (500).
    rows = {0: {"forecast_on": (today + timedelta(days=200)).isoformat()}} if moved else None
    payload = update_payload(project_a, milestones=rows)
    payload["jalons-INITIAL_FORMS"] = "0"
    before = StatusUpdate.objects.count()

    response = client_for(lead_a).post(reverse("projects:update", args=[project_a.slug]), payload)

    if moved:  # checked as any other row: a move needs its reason
        assert_refused(response, "Indiquez le motif du changement de date prévue.")
        assert StatusUpdate.objects.count() == before
    else:  # the same valid update as without the forgery
        assert response.status_code == 302
        assert StatusUpdate.objects.count() == before + 1


def test_dates_must_lie_between_2000_and_2099(post):
    response = post(milestones={0: {"forecast_on": "1999-12-31", "reason": "Erreur"}})
    assert_refused(response, "La date doit être comprise entre 2000 et 2099.")
    response = post(milestones={0: {"actual_on": "2100-01-01"}})
    assert_refused(response, "La date doit être comprise entre 2000 et 2099.")


def test_an_unreadable_date_is_refused(post):
    response = post(milestones={0: {"forecast_on": "31/02/2021", "reason": "Report"}})
    assert_refused(response, "Saisissez une date valide, par exemple 31/12/2021.")


def test_an_actual_date_cannot_be_in_the_future(post, today):
    response = post(milestones={0: {"actual_on": (today + timedelta(days=1)).isoformat()}})
    assert_refused(response, "La date de réalisation ne peut pas être dans le futur.")


def test_an_actual_date_whose_period_is_not_over_is_refused(clock, lead_a, project_a):
    """On 1 December 2026, « décembre 2026 » would publish what the month has not yet given."""
    response = client_for(lead_a).post(
        reverse("projects:update", args=[project_a.slug]),
        update_payload(
            project_a,
            milestones={
                0: {"actual_precision": "MONTH", "actual_month": "12", "actual_year": "2026"}
            },
        ),
    )
    assert_refused(
        response,
        "La période de réalisation (12/2026) n'est pas terminée : indiquez le jour, ou attendez "
        "la fin de la période.",
    )
    assert not StatusUpdate.objects.filter(project=project_a, author=lead_a).exists()


def test_a_new_forecast_cannot_be_in_the_past(post, today):
    past = (today - timedelta(days=5)).isoformat()
    response = post(milestones={0: {"forecast_on": past, "reason": "Report"}})
    assert_refused(response, "La nouvelle date prévue est déjà passée")


def test_a_forecast_cannot_be_erased(post):
    response = post(milestones={0: {"forecast_on": ""}})
    assert_refused(response, "La date prévue ne peut pas être effacée")


def test_a_better_meteo_than_suggested_requires_a_justification(post, project_a, today):
    MilestoneFactory(
        project=project_a,
        title="Jalon en retard",
        baseline_on=today - timedelta(days=30),
        baseline_precision="DAY",
    )
    response = post(meteo=Meteo.SOLEIL)
    assert_refused(response, "est meilleure que celle que suggèrent les éléments du projet")
    assert "Le jalon « Jalon en retard » est en retard de 30 jours." in page_text(response)
    assert post(meteo=Meteo.NUAGE).status_code == 302
    response = post(meteo=Meteo.SOLEIL, meteo_justification="Mise en production demain.")
    assert response.status_code == 302


def test_moving_the_late_milestone_lifts_the_justification(post, project_a, today):
    MilestoneFactory(
        project=project_a,
        title="Jalon en retard",
        baseline_on=today - timedelta(days=30),
        baseline_precision="DAY",
    )
    moved = (today + timedelta(days=30)).isoformat()
    response = post(
        meteo=Meteo.SOLEIL, milestones={1: {"forecast_on": moved, "reason": "Recette décalée"}}
    )
    assert response.status_code == 302


def test_input_is_kept_on_error(post):
    response = post(progress="150", summary="Mon résumé soigneusement rédigé", risks="Risque X")
    text = page_text(response)
    assert "Mon résumé soigneusement rédigé" in text
    assert "Risque X" in text
    assert 'value="150"' in text


def test_html_in_text_is_shown_as_text_on_error_and_once_published(post, lead_a, office, project_a):
    attack = '<script>alert("x")</script><b>gras</b>'
    response = post(summary=attack, progress="abc")
    assert "&lt;script&gt;" in response.content.decode()
    assert "<b>gras</b>" not in response.content.decode()
    post(summary=attack)
    update = project_a.updates.order_by("-pk").first()
    assert update.summary == attack  # stored as typed
    client_for(office).post(reverse("projects:validate", args=[update.pk]))
    page = client_for(None).get(project_a.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;gras&lt;/b&gt;" in page
    assert "<b>gras</b>" not in page


def test_form_opens_with_the_four_labelled_meteos_and_based_on(lead_a, project_a):
    response = client_for(lead_a).get(reverse("projects:update", args=[project_a.slug]))
    text = page_text(response)
    for label in [
        "Objectifs compromis",
        "Appuis nécessaires",
        "Objectifs atteignables",
        "Objectifs sécurisés",
    ]:
        assert label in text
    latest = project_a.updates.order_by("-pk").first()
    assert f'name="based_on" value="{latest.pk}"' in text
    for heading in ["Réalisations", "Prochaines étapes", "Risques et points d'attention"]:
        assert heading in text
