"""A lead posts an update with a milestone move; the programme office validates it; the public
project page shows the new météo and the move. In headless Chromium against the live server."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from projects import roles
from projects.enums import Meteo
from projects.fuzzydates import Precision
from tests.e2e.journeys import log_in, log_out
from tests.factories import MilestoneFactory, ProjectFactory, StatusUpdateFactory, UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def journey(transactional_db):
    today = timezone.localdate()
    lead = UserFactory(username="cheffe-e2e", groups=[roles.PROJECT_LEAD])
    UserFactory(username="bureau-e2e", groups=[roles.PROGRAMME_OFFICE])
    project = ProjectFactory(slug="projet-e2e", name="Projet de bout en bout", leads=[lead])
    MilestoneFactory(
        project=project,
        title="Ouverture au public",
        baseline_on=today + timedelta(days=60),
        baseline_precision=Precision.DAY,
    )
    StatusUpdateFactory(project=project, as_of=today - timedelta(days=30), meteo=Meteo.SOLEIL)
    return {"project": project, "new_forecast": today + timedelta(days=120)}


def test_lead_update_validated_by_the_office_reaches_the_public_page(page: Page, journey):
    project = journey["project"]

    log_in(page, "cheffe-e2e")
    page.goto(f"/projets/{project.slug}/")
    page.get_by_role("link", name="Mettre à jour").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Point d'avancement")
    page.locator("label", has_text="Appuis nécessaires").click()
    page.locator("#id_phase").select_option("DEPLOIEMENT")
    page.locator("#id_progress").fill("70")
    page.locator("#id_summary").fill("Ouverture repoussée après la recette.")
    page.locator("#id_risks").fill("Risque interne : recette incomplète.")
    page.locator("#id_jalons-0-forecast_on").fill(journey["new_forecast"].isoformat())
    page.locator("#id_jalons-0-reason").fill("Recette prolongée de deux mois")
    page.get_by_role("button", name="Soumettre au bureau du programme").click()
    expect(page.get_by_text("Point d'avancement soumis au bureau du programme.")).to_be_visible()
    expect(page.get_by_role("heading", name="En attente de validation")).to_be_visible()
    log_out(page, "cheffe-e2e")

    log_in(page, "bureau-e2e")
    page.goto("/projets/a-valider/")
    expect(page.get_by_role("heading", name="Projet de bout en bout")).to_be_visible()
    page.get_by_role("button", name="Valider et publier").click()
    expect(page.get_by_text("validé et publié")).to_be_visible()
    log_out(page, "bureau-e2e")

    page.goto(f"/projets/{project.slug}/")
    facts = page.locator("dl.project-facts").first
    expect(facts).to_contain_text("Appuis nécessaires")
    expect(page.get_by_text("Ouverture repoussée après la recette.")).to_be_visible()
    expect(page.get_by_text("motif : Recette prolongée de deux mois", exact=False)).to_be_visible()
    expect(page.get_by_text("Risque interne : recette incomplète.")).to_have_count(0)
