"""The weekly update loop, in headless Chromium against the live server, each step's e-mail
checked: the lead adds a milestone, moves another with a reason (by more than a year, at the
month), submits; the office sees the diff and a warning, returns it with a comment; the lead
finds the comment in « Mes projets », corrects, resubmits; the office validates after the
confirmation step; the public page shows the achievements and the new milestone. axe finds
nothing on the pages of the loop."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from projects import roles
from projects.enums import Meteo, UpdateState
from projects.fuzzydates import Precision
from projects.models import Milestone, StatusUpdate
from tests.e2e.journeys import log_in, log_out
from tests.e2e.test_accessibility import violations_of
from tests.factories import (
    MilestoneChangeFactory,
    MilestoneFactory,
    ProjectFactory,
    StatusUpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.e2e

COMMENT = "Un report de plus d'un an doit être expliqué au comité : précisez le motif."


@pytest.fixture
def journey(transactional_db, settings):
    settings.SITE_URL = "https://tableau-de-bord.numerique.gouv.fr"
    today = timezone.localdate()
    lead = UserFactory(
        username="cheffe-e2e",
        first_name="Aurélie",
        last_name="Moreau",
        email="aurelie.moreau@example.org",
        groups=[roles.PROJECT_LEAD],
    )
    UserFactory(
        username="bureau-e2e",
        first_name="Hélène",
        last_name="Duval",
        email="helene.duval@example.org",
        groups=[roles.PROGRAMME_OFFICE],
    )
    project = ProjectFactory(slug="projet-e2e", name="Projet de bout en bout", leads=[lead])
    MilestoneFactory(
        project=project,
        title="Ouverture au public",
        baseline_on=today + timedelta(days=60),
        baseline_precision=Precision.DAY,
    )
    pilot = MilestoneFactory(
        project=project,
        title="Pilote",
        baseline_on=today - timedelta(days=200),
        baseline_precision=Precision.DAY,
    )
    MilestoneChangeFactory(
        milestone=pilot,
        actual_on=today - timedelta(days=210),
        actual_precision=Precision.DAY,
        published_on=today - timedelta(days=30),
    )
    StatusUpdateFactory(project=project, as_of=today - timedelta(days=30), meteo=Meteo.SOLEIL)
    moved = today + timedelta(days=520)  # more than a year after the forecast: a warning
    return {"project": project, "moved": moved, "today": today}


def outbox_subjects() -> list[tuple[str, str]]:
    return [(m.to[0], m.subject) for m in mail.outbox]


def test_lead_and_office_go_round_the_update_loop(page: Page, journey, step):
    project, moved = journey["project"], journey["moved"]
    axe = Axe()

    # --- The lead lands on « Mes projets », opens her project, writes the update --------------
    log_in(page, "cheffe-e2e", "Aurélie Moreau")
    expect(page).to_have_url(re.compile(r"/mes-projets/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes projets")
    assert violations_of(axe, page) == []
    page.get_by_role("link", name="Projet de bout en bout").first.click()
    page.get_by_role("link", name="Mettre à jour").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Point d'avancement")
    opened = page.locator(
        "fieldset#jalon-" + str(Milestone.objects.get(title="Ouverture au public").pk)
    )
    expect(opened.locator("legend").first).to_contain_text("Ouverture au public — À venir")
    achieved = page.get_by_role("button", name="Pilote — Réalisé")
    expect(achieved).to_have_attribute("aria-expanded", "false")
    step("formulaire")

    page.locator("label", has_text="Appuis nécessaires").click()
    page.locator("#id_phase").select_option("DEPLOIEMENT")
    page.locator("#id_progress").fill("70")
    page.locator("#id_summary").fill("Ouverture repoussée après la recette.")
    page.locator("#id_achievements").fill("Recette de la version 2 terminée.")
    page.locator("#id_risks").fill("Risque interne : recette incomplète.")
    # The forecast moves to a month: precision first, then the month and the year, no day.
    page.locator("#id_jalons-0-forecast_precision").select_option("MONTH")
    expect(page.locator("#id_jalons-0-forecast_on")).to_be_hidden()
    page.locator("#id_jalons-0-forecast_month").select_option(str(moved.month))
    page.locator("#id_jalons-0-forecast_year").fill(str(moved.year))
    # A new milestone, known to a half-year.
    page.get_by_role("button", name="Ajouter un jalon").click()
    page.locator("#id_nouveaux-0-title").fill("API ouverte aux partenaires")
    page.locator("#id_nouveaux-0-target_precision").select_option("SEMESTER")
    page.locator("#id_nouveaux-0-target_semester").select_option("2")
    page.locator("#id_nouveaux-0-target_year").fill(str(moved.year))
    # Submitted without the reason of the move: refused, the summary leads to the field.
    page.get_by_role("button", name="Soumettre au bureau du programme").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("1 erreur à corriger")
    expect(page.locator("#id_summary")).to_have_value("Ouverture repoussée après la recette.")
    expect(page.locator("#id_jalons-0-forecast_year")).to_have_value(str(moved.year))
    expect(page.locator("#id_nouveaux-0-title")).to_have_value("API ouverte aux partenaires")
    assert violations_of(axe, page) == []
    step("erreurs")
    summary.get_by_role("link", name=re.compile("Motif du changement de date prévue")).click()
    expect(page).to_have_url(re.compile(r"#id_jalons-0-reason$"))
    page.locator("#id_jalons-0-reason").fill("Recette prolongée")
    page.get_by_role("button", name="Soumettre au bureau du programme").click()
    expect(page.get_by_text("Point d'avancement soumis au bureau du programme.")).to_be_visible()
    expect(page.get_by_role("heading", name="En attente de validation")).to_be_visible()
    assert outbox_subjects() == [
        ("helene.duval@example.org", "Point d'avancement à valider : Projet de bout en bout")
    ]
    assert "Aurélie Moreau (chef de projet) a soumis" in mail.outbox[0].body
    log_out(page)

    # --- The office sees the diff and the warning, and returns it with a comment -------------
    log_in(page, "bureau-e2e", "Hélène Duval")
    expect(page).to_have_url(re.compile(r"/projets/a-valider/$"))
    expect(page.locator(".fr-header__tools-links")).to_contain_text("Points à valider (1)")
    review = page.locator("section.review")
    expect(review).to_contain_text("soumis par Aurélie Moreau (chef de projet)")
    month = f"{moved.month:02d}/{moved.year}"
    expect(review.locator(".review-milestones")).to_contain_text(f"→ {month}")
    expect(review.locator(".review-values")).to_contain_text("Objectifs sécurisés")
    expect(review.locator(".review-values")).to_contain_text("Appuis nécessaires")
    expect(review.locator(".review-warnings")).to_contain_text(
        "Le jalon « Ouverture au public » est déplacé de"
    )
    expect(review).to_contain_text("API ouverte aux partenaires : date cible S2")
    assert violations_of(axe, page) == []
    step("file-de-validation")
    review.get_by_label("Commentaire pour le chef de projet").fill(COMMENT)
    review.get_by_role("button", name="Renvoyer pour correction").click()
    expect(page.get_by_text("renvoyé pour correction")).to_be_visible()
    returned = mail.outbox[-1]
    assert (returned.to, returned.subject) == (
        ["aurelie.moreau@example.org"],
        "Point renvoyé pour correction : Projet de bout en bout",
    )
    assert COMMENT in returned.body
    assert "https://tableau-de-bord.numerique.gouv.fr/projets/projet-e2e/mettre-a-jour/" in (
        returned.body
    )
    log_out(page)

    # --- The lead finds the comment in « Mes projets », corrects and resubmits ---------------
    log_in(page, "cheffe-e2e", "Aurélie Moreau")
    expect(page.locator(".returned-update")).to_contain_text(COMMENT)
    expect(page.locator(".returned-update")).to_contain_text("Hélène Duval (bureau du programme)")
    page.get_by_role("link", name="Corriger le point de Projet de bout en bout").click()
    expect(page.locator(".returned-comment")).to_contain_text(COMMENT)
    expect(page.locator("#id_jalons-0-forecast_month")).to_have_value(str(moved.month))
    expect(page.locator("#id_nouveaux-0-title")).to_have_value("API ouverte aux partenaires")
    assert violations_of(axe, page) == []
    page.locator("#id_jalons-0-reason").fill(
        "Recette prolongée : le marché de tierce recette a été relancé (décision du comité)."
    )
    page.get_by_role("button", name="Soumettre au bureau du programme").click()
    expect(page.get_by_text("Point d'avancement soumis au bureau du programme.")).to_be_visible()
    assert outbox_subjects()[-1] == (
        "helene.duval@example.org",
        "Point d'avancement à valider : Projet de bout en bout",
    )
    log_out(page)

    # --- The office validates, after the confirmation step ----------------------------------
    log_in(page, "bureau-e2e", "Hélène Duval")
    page.get_by_role("link", name="Valider et publier…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Publier le point d'avancement de Projet de bout en bout ?"
    )
    expect(page.locator(".review-warnings")).to_be_visible()
    assert violations_of(axe, page) == []
    step("confirmation")
    page.get_by_role("button", name="Confirmer la publication").click()
    expect(page.get_by_text("validé et publié")).to_be_visible()
    expect(page.locator(".fr-header__tools-links")).to_contain_text("Points à valider (0)")
    published = mail.outbox[-1]
    assert (published.to, published.subject) == (
        ["aurelie.moreau@example.org"],
        "Point publié : Projet de bout en bout",
    )
    assert "https://tableau-de-bord.numerique.gouv.fr/projets/projet-e2e/" in published.body
    log_out(page)

    # --- The public page shows what was published, nothing internal -------------------------
    page.goto(f"/projets/{project.slug}/")
    facts = page.locator("dl.project-facts").first
    expect(facts).to_contain_text("Appuis nécessaires")
    expect(page.get_by_text("Recette de la version 2 terminée.")).to_be_visible()
    expect(page.get_by_text("Ouverture repoussée après la recette.")).to_be_visible()
    expect(
        page.get_by_text("le marché de tierce recette a été relancé", exact=False)
    ).to_be_visible()
    table = page.locator("table", has_text="Jalons du projet")
    expect(table).to_contain_text("API ouverte aux partenaires")
    expect(table).to_contain_text(month)
    expect(page.get_by_text("Risque interne : recette incomplète.")).to_have_count(0)
    step("page-publique")
    assert StatusUpdate.objects.filter(project=project, state=UpdateState.VALIDATED).count() == 2
    assert len(mail.outbox) == 4
