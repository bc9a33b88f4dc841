"""The update form names everything: each milestone titled with its name and state, achieved
ones collapsed, dates at their own precision, conditional requirements said in the labels, the
error summary of a refused form, the office's comment on a returned update, new milestones."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from projects.enums import UpdateState
from projects.fuzzydates import FuzzyDate, Precision
from projects.models import MilestoneChange, NewMilestone, StatusUpdate
from tests.conftest import client_for, update_payload
from tests.factories import MilestoneChangeFactory, MilestoneFactory, StatusUpdateFactory


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def form_page(user, project):
    return client_for(user).get(reverse("projects:update", args=[project.slug]))


def post_update(user, project, **kwargs):
    return client_for(user).post(
        reverse("projects:update", args=[project.slug]), update_payload(project, **kwargs)
    )


def legends(response) -> list[str]:
    found = re.findall(r"<legend[^>]*>(.*?)</legend>", response.content.decode(), re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", html.unescape(t)).split()) for t in found]


def accordion_buttons(response) -> dict[str, str]:
    """Accordion button label → its aria-expanded."""
    found = re.findall(
        r'<button type="button" class="fr-accordion__btn" aria-expanded="(\w+)"[^>]*>'
        r"(.*?)</button>",
        response.content.decode(),
        re.S,
    )
    return {" ".join(html.unescape(label).split()): expanded for expanded, label in found}


# --- Titles and states -------------------------------------------------------------------------


def test_each_milestone_is_titled_with_its_name_and_state(clock, lead_a, project_a, today):
    MilestoneFactory(project=project_a, title="Recette", baseline_on=date(2026, 6, 30))
    done = MilestoneFactory(project=project_a, title="Pilote", baseline_on=date(2025, 6, 30))
    MilestoneChangeFactory(milestone=done, actual_on=date(2025, 5, 31))

    response = form_page(lead_a, project_a)

    shown = legends(response)
    assert "Ouverture au public — À venir" in shown
    assert "Recette — En retard" in shown  # project A reports: its passed forecast is late
    # The achieved one is collapsed, titled the same way, and can be reopened.
    assert accordion_buttons(response)["Pilote — Réalisé"] == "false"
    assert "1 jalon réalisé" in text_of(response)


def test_the_real_franceconnect_form_names_each_milestone(programme, office):
    from projects.models import Project

    project = Project.objects.get(slug="franceconnect-generalisation")
    response = form_page(office, project)

    shown = legends(response)
    assert (
        "Déploiement à grande échelle de FranceConnect — "
        "Échéance passée, réalisation non renseignée"
    ) in shown
    buttons = accordion_buttons(response)
    achieved = [label for label in buttons if label.endswith("— Réalisé")]
    assert len(achieved) == 6
    assert all(buttons[label] == "false" for label in achieved)
    assert buttons["Ajouter un jalon"] == "false"
    # The dates known to a semester are shown as such, never as a fake day.
    page = response.content.decode()
    assert 'value="SEMESTER" selected' in page
    assert "12/31/2019" not in page and "2019-12-31" not in page


# --- Dates at their own precision --------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "stored"),
    [
        ({"forecast_on": "2027-03-15"}, (date(2027, 3, 15), Precision.DAY)),
        (
            {"forecast_precision": "MONTH", "forecast_month": "3", "forecast_year": "2027"},
            (date(2027, 3, 31), Precision.MONTH),
        ),
        (
            {"forecast_precision": "QUARTER", "forecast_quarter": "2", "forecast_year": "2027"},
            (date(2027, 6, 30), Precision.QUARTER),
        ),
        (
            {"forecast_precision": "SEMESTER", "forecast_semester": "2", "forecast_year": "2027"},
            (date(2027, 12, 31), Precision.SEMESTER),
        ),
        (
            {"forecast_precision": "YEAR", "forecast_year": "2028"},
            (date(2028, 12, 31), Precision.YEAR),
        ),
    ],
)
def test_a_date_round_trips_at_its_precision(clock, lead_a, project_a, fields, stored):
    response = post_update(
        lead_a,
        project_a,
        action="draft",
        meteo_justification="Report assumé.",  # 2028 is more than a year late: NUAGE suggested
        milestones={0: {**fields, "reason": "Report"}},
    )
    assert response.status_code == 302
    change = MilestoneChange.objects.get(status_update__project=project_a)
    assert (change.forecast_on, change.forecast_precision) == stored

    # The draft reopens with the same precision and parts, and no day for a period.
    page = form_page(lead_a, project_a).content.decode()
    precision = stored[1]
    assert re.search(
        rf'<select name="jalons-0-forecast_precision"[^>]*>.*?<option value="{precision}" '
        r"selected>",
        page,
        re.S,
    )
    day = re.search(r'name="jalons-0-forecast_on"[^>]*>', page).group(0)
    assert ('value="' in day) is (precision == Precision.DAY)
    for name, value in fields.items():
        if name.endswith(("_month", "_quarter", "_semester")):
            assert re.search(
                rf'name="jalons-0-{name}"[^>]*>.*?<option value="{value}" selected>', page, re.S
            )
        if name.endswith("_year"):
            assert re.search(rf'name="jalons-0-{name}" value="{value}"', page)


def test_a_period_needs_its_part_and_its_year(clock, lead_a, project_a):
    response = post_update(
        lead_a,
        project_a,
        milestones={0: {"forecast_precision": "MONTH", "forecast_year": "2027", "reason": "x"}},
    )
    assert response.status_code == 200
    assert "Indiquez le mois et l'année." in text_of(response)
    # The summary leads to the date's first control, the precision.
    page = response.content.decode()
    assert '<a href="#id_jalons-0-forecast_precision">' in page
    assert 'id="id_jalons-0-forecast_precision"' in page
    assert '<label class="fr-label" for="id_jalons-0-forecast_year">Année</label>' in page


def test_parts_of_another_precision_are_ignored(clock, lead_a, project_a):
    """A day typed before choosing « année » stays hidden in the page: it is not read."""
    response = post_update(
        lead_a,
        project_a,
        action="draft",
        milestones={
            0: {
                "forecast_precision": "YEAR",
                "forecast_on": "not a date",
                "forecast_month": "13",
                "forecast_year": "2027",
                "reason": "Report",
            }
        },
    )
    assert response.status_code == 302
    change = MilestoneChange.objects.get(status_update__project=project_a)
    assert (change.forecast_on, change.forecast_precision) == (date(2027, 12, 31), "YEAR")


# --- Conditional requirements and the error summary --------------------------------------------


def test_conditionally_required_fields_say_their_condition(lead_a, project_a):
    page = text_of(form_page(lead_a, project_a))
    assert "Motif du changement de date prévue (obligatoire si la date prévue change)" in " ".join(
        re.sub(r"<[^>]+>", " ", page).split()
    )
    flat = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert (
        "Justification de la météo (obligatoire si la météo déclarée est meilleure que la "
        "météo suggérée)"
    ) in flat
    assert "Motif du changement de date prévue (Optionnel)" not in flat
    assert "Justification de la météo (Optionnel)" not in flat


def test_internal_fields_are_marked_internal(lead_a, project_a):
    flat = " ".join(re.sub(r"<[^>]+>", " ", text_of(form_page(lead_a, project_a))).split())
    assert "Risques et points d'attention (interne)" in flat
    assert "Décisions attendues (interne)" in flat
    assert "interne Jamais publié" in flat
    assert "public Publié une fois le point validé" in flat


def test_a_refused_form_starts_with_a_summary_linking_each_error(clock, lead_a, project_a):
    response = post_update(
        lead_a,
        project_a,
        progress="150",
        summary="Résumé gardé",
        milestones={0: {"forecast_on": "2027-01-15"}},
    )

    assert response.status_code == 200
    page = response.content.decode()
    summary = re.search(
        r'<div class="fr-alert fr-alert--error[^"]*error-summary".*?</div>', page, re.S
    )
    assert summary, "no error summary"
    assert page.index("error-summary") < page.index('id="point-formulaire"')
    summary = html.unescape(summary.group(0))
    assert "2 erreurs à corriger" in summary
    assert '<a href="#id_progress">Avancement (%) : L\'avancement est un pourcentage' in summary
    assert (
        '<a href="#id_jalons-0-reason">Ouverture au public — Motif du changement de date prévue'
        " : Indiquez le motif du changement de date prévue.</a>"
    ) in summary
    # Every value typed is kept, the moved date included.
    assert "Résumé gardé" in page
    assert 'name="jalons-0-forecast_on" value="2027-01-15"' in page
    assert 'id="id_progress"' in page and 'id="id_jalons-0-reason"' in page


def test_a_valid_form_has_no_error_summary(lead_a, project_a):
    assert "error-summary" not in form_page(lead_a, project_a).content.decode()


# --- A returned update: the office's comment on the form --------------------------------------


def test_the_office_comment_is_shown_at_the_top_of_the_form(lead_a, office, project_a):
    office.first_name, office.last_name = "Bénédicte", "Martin"
    office.save()
    update = StatusUpdateFactory(project=project_a, submitted=True, author=lead_a)
    client_for(office).post(
        reverse("projects:send_back", args=[update.pk]),
        {f"renvoi-{update.pk}-comment": "Le motif du report manque."},
    )

    page = text_of(form_page(lead_a, project_a))

    assert "Renvoyé pour correction" in page
    assert "Par Bénédicte Martin (bureau du programme)" in page
    assert page.index("Le motif du report manque.") < page.index('id="point-formulaire"')
    # Still there while the lead saves a draft of the correction.
    post_update(lead_a, project_a, action="draft")
    assert "Le motif du report manque." in text_of(form_page(lead_a, project_a))


# --- « Ajouter un jalon » ----------------------------------------------------------------------


def test_a_new_milestone_is_public_only_once_validated(clock, lead_a, office, project_a):
    target = FuzzyDate(date(2027, 6, 30), Precision.SEMESTER)
    response = post_update(lead_a, project_a, new=[{"title": "API ouverte", "target": target}])
    assert response.status_code == 302
    update = StatusUpdate.objects.get(project=project_a, state=UpdateState.SUBMITTED)
    assert list(
        update.new_milestones.values_list("title", "forecast_on", "forecast_precision")
    ) == [("API ouverte", date(2027, 6, 30), "SEMESTER")]
    assert not project_a.milestones.filter(title="API ouverte").exists()
    assert "API ouverte" not in text_of(client_for(None).get(project_a.get_absolute_url()))
    assert "API ouverte" not in client_for(None).get("/api/jalons/").content.decode()

    client_for(office).post(reverse("projects:validate", args=[update.pk]))

    milestone = project_a.milestones.get(title="API ouverte")
    assert (milestone.baseline_on, milestone.baseline_precision) == (date(2027, 6, 30), "SEMESTER")
    assert milestone.published_on == date(2026, 12, 1)  # the day of validation
    assert milestone.position > project_a.milestones.get(title="Ouverture au public").position
    assert NewMilestone.objects.get().milestone == milestone
    page = text_of(client_for(None).get(project_a.get_absolute_url()))
    assert "API ouverte" in page and "S1 2027" in page
    api = client_for(None).get("/api/jalons/").json()["resultats"]
    row = next(r for r in api if r["intitule"] == "API ouverte")
    assert (row["date_reference"], row["precision_date_reference"]) == ("2027-06-30", "SEMESTRE")
    assert row["etat"] == "A_VENIR" and row["glissement_jours"] == 0


def test_a_returned_update_keeps_its_new_milestones_in_the_form(clock, lead_a, office, project_a):
    target = FuzzyDate(date(2027, 3, 31), Precision.QUARTER)
    post_update(lead_a, project_a, new=[{"title": "Bascule", "target": target}])
    update = StatusUpdate.objects.get(project=project_a, state=UpdateState.SUBMITTED)
    client_for(office).post(
        reverse("projects:send_back", args=[update.pk]), {f"renvoi-{update.pk}-comment": "Non."}
    )

    response = form_page(lead_a, project_a)

    assert 'name="nouveaux-0-title"' in response.content.decode()
    assert 'value="Bascule"' in response.content.decode()
    assert accordion_buttons(response)["Ajouter un jalon"] == "true"


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ({"title": "Sans date", "target": None}, "Indiquez la date cible du nouveau jalon."),
        (
            {"title": "", "target": FuzzyDate(date(2027, 12, 31), Precision.YEAR)},
            "Donnez un intitulé au nouveau jalon.",
        ),
        (
            {"title": "Passé", "target": FuzzyDate(date(2026, 9, 30), Precision.QUARTER)},
            "La date cible d'un nouveau jalon est à venir : T3 2026 est déjà passée.",
        ),
    ],
)
def test_a_new_milestone_needs_a_title_and_a_date_to_come(clock, lead_a, project_a, new, message):
    response = post_update(lead_a, project_a, new=[new])
    assert response.status_code == 200
    assert message in text_of(response)
    assert not StatusUpdate.objects.filter(project=project_a, author=lead_a).exists()


def test_add_another_milestone_keeps_every_value_and_saves_nothing(clock, lead_a, project_a):
    target = FuzzyDate(date(2027, 12, 31), Precision.YEAR)
    response = post_update(
        lead_a,
        project_a,
        action="ajouter-jalon",
        progress="abc",  # not judged yet: the author is still writing
        summary="Brouillon de résumé",
        new=[{"title": "Premier ajout", "target": target}],
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "error-summary" not in page and "fr-error-text" not in page
    assert 'value="Premier ajout"' in page and "Brouillon de résumé" in page
    assert 'name="nouveaux-2-title"' in page  # one block more than posted (2 → 3)
    assert not StatusUpdate.objects.filter(project=project_a, author=lead_a).exists()


def test_new_milestones_are_capped(clock, lead_a, project_a):
    target = FuzzyDate(date(2027, 12, 31), Precision.YEAR)
    new = [{"title": f"Jalon {n}", "target": target} for n in range(12)]
    response = post_update(lead_a, project_a, new=new)
    assert response.status_code == 200
    assert NewMilestone.objects.count() == 0


def test_a_form_opened_before_new_milestones_existed_still_saves(lead_a, project_a):
    payload = update_payload(project_a)
    for key in [k for k in payload if k.startswith("nouveaux-")]:
        del payload[key]
    response = client_for(lead_a).post(reverse("projects:update", args=[project_a.slug]), payload)
    assert response.status_code == 302
    assert project_a.updates.filter(author=lead_a).count() == 1
