"""The programme office's Monday morning, in headless Chromium, on the real programme: the
dashboard, the 2019 roadmap, 2019 compared with 2021, the projects with late milestones, one of
them opened and its pending update validated."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from projects import roles
from projects.enums import UpdateState
from projects.models import Project, StatusUpdate
from tests.e2e.journeys import log_in, main_menu_link
from tests.factories import StatusUpdateFactory, UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def journey(transactional_db):
    call_command("load_programme", stdout=StringIO())
    UserFactory(username="bureau-e2e", groups=[roles.PROGRAMME_OFFICE])
    lead = UserFactory(username="chef-e2e", groups=[roles.PROJECT_LEAD])
    today = timezone.localdate()
    # FranceConnect's lead reported once, 100 days ago: its passed targets without news are
    # now late (in the reference alone, nobody answers for them: none is late).
    StatusUpdateFactory(
        project=Project.objects.get(slug="franceconnect-generalisation"),
        as_of=today - timedelta(days=100),
        author=lead,
    )
    late = Project.objects.in_portfolio(None).for_table(None).filter(has_late=True)
    project = late.order_by("name").first()
    assert project.slug == "franceconnect-generalisation"
    pending = StatusUpdateFactory(
        project=project, submitted=True, author=lead, as_of=today, summary="Point du lundi."
    )
    return {"late": late.count(), "project": project, "pending": pending}


def test_office_reviews_the_programme_and_validates_an_update(page: Page, journey, step):
    project = journey["project"]
    log_in(page, "bureau-e2e")

    main_menu_link(page, "Tableau de bord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Le programme TECH.GOUV")
    step("tableau-de-bord")

    page.get_by_role("textbox", name="État du portefeuille au").fill("2019-10-02")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(r"/\?date=2019-10-02$"))
    expect(page.locator(".time-travel-banner")).to_contain_text("2 octobre 2019")
    expect(page.get_by_text("35 actions annoncées").first).to_be_visible()
    step("2019")

    main_menu_link(page, "Instantanés").click()
    page.get_by_label("Premier instantané").select_option("feuille-de-route-2019")
    page.get_by_label("Second instantané").select_option("mise-a-jour-2021")
    page.get_by_role("button", name="Comparer les instantanés").click()
    expect(page).to_have_url(
        re.compile(r"/instantanes/feuille-de-route-2019/comparer/mise-a-jour-2021/$")
    )
    expect(page.locator(".comparison-summary")).to_contain_text("2 octobre 2019")
    step("comparaison")

    page.goto("/projets/")
    page.locator("label[for=id_late]").click()  # DSFR draws the box on the label
    expect(page.get_by_label("Jalons en retard uniquement")).to_be_checked()
    page.get_by_role("button", name="Filtrer", exact=True).click()
    expect(page).to_have_url(re.compile(r"late=on"))
    expect(page.locator("table.project-table tbody tr")).to_have_count(journey["late"])
    step("jalons-en-retard")

    page.locator("table.project-table").get_by_role("link", name=project.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(project.name)
    expect(page.get_by_role("heading", name="En attente de validation")).to_be_visible()
    step("projet")

    page.get_by_role("button", name="Valider et publier").click()
    expect(
        page.get_by_text(f"Point d'avancement de « {project.name} » validé et publié.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="En attente de validation")).to_have_count(0)
    expect(page.get_by_text("Point du lundi.").first).to_be_visible()
    step("valide")
    journey["pending"].refresh_from_db()
    assert journey["pending"].state == UpdateState.VALIDATED
    assert StatusUpdate.objects.filter(project=project, state=UpdateState.SUBMITTED).count() == 0
