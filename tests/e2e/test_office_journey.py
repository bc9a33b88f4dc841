"""The programme office's Monday morning, in headless Chromium, on the real programme: the
queue it lands on, the dashboard, the 2019 roadmap, 2019 compared with 2021, the projects with
late milestones, one of them opened and its pending update validated after the confirmation
step; then FranceConnect's update form, measured: under 3,000 px at 1,440 px wide, achieved
milestones collapsed."""

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


FORM_HEIGHT_LIMIT = 3000


def test_office_reviews_the_programme_and_validates_an_update(page: Page, journey, step):
    project = journey["project"]
    log_in(page, "bureau-e2e")
    expect(page).to_have_url(re.compile(r"/projets/a-valider/$"))
    expect(page.locator(".fr-header__tools-links")).to_contain_text("Points à valider (1)")
    expect(page.locator("section.review")).to_contain_text("Point du lundi.")

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

    page.get_by_role("link", name="Valider et publier…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Publier le point d'avancement")
    journey["pending"].refresh_from_db()
    assert journey["pending"].state == UpdateState.SUBMITTED  # not before the confirmation
    page.get_by_role("button", name="Confirmer la publication").click()
    expect(page).to_have_url(re.compile(rf"/projets/{project.slug}/$"))
    expect(
        page.get_by_text(f"Point d'avancement de « {project.name} » validé et publié.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="En attente de validation")).to_have_count(0)
    expect(page.get_by_text("Point du lundi.").first).to_be_visible()
    step("valide")
    journey["pending"].refresh_from_db()
    assert journey["pending"].state == UpdateState.VALIDATED
    assert StatusUpdate.objects.filter(project=project, state=UpdateState.SUBMITTED).count() == 0


def test_the_franceconnect_form_fits_in_3000_px_with_achieved_milestones_collapsed(
    page: Page, journey, step
):
    page.set_viewport_size({"width": 1440, "height": 900})
    log_in(page, "bureau-e2e")
    page.goto("/projets/franceconnect-generalisation/mettre-a-jour/")
    form = page.locator("#point-formulaire")
    expect(form).to_be_visible()
    achieved = page.locator(".fr-accordion__btn", has_text="— Réalisé")
    expect(achieved).to_have_count(6)
    for index in range(6):
        expect(achieved.nth(index)).to_have_attribute("aria-expanded", "false")
    # A date known to a semester shows its semester and year, and no day field.
    first = page.locator("fieldset.milestone-row").first
    # Late: its lead reports through the dashboard (the journey's fixture), so answers for it.
    expect(first.locator("legend").first).to_contain_text(
        "Déploiement à grande échelle de FranceConnect — En retard"
    )
    expect(first.locator("select[name$='forecast_precision']")).to_have_value("SEMESTER")
    expect(first.locator("select[name$='forecast_semester']")).to_have_value("2")
    expect(first.locator("input[name$='forecast_year']")).to_have_value("2019")
    expect(first.locator("input[name$='forecast_on']")).to_be_hidden()
    step("formulaire-franceconnect")

    height = form.evaluate("element => element.getBoundingClientRect().height")
    whole = page.evaluate("document.documentElement.scrollHeight")
    print(f"FranceConnect update form: {height:.0f} px high at 1440 px wide ({whole} px page)")
    assert height < FORM_HEIGHT_LIMIT, f"the form is {height:.0f} px high"
    # An achieved milestone reopens on demand.
    achieved.first.click()
    expect(achieved.first).to_have_attribute("aria-expanded", "true")
