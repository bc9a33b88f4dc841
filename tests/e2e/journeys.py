"""What the journey tests share: logging in and out through the DSFR pages, as a user would."""

from playwright.sync_api import Page, expect

PASSWORD = "mot-de-passe-de-test"  # UserFactory's


def log_in(page: Page, username: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name=f"Se déconnecter ({username})")).to_be_visible()


def log_out(page: Page, username: str) -> None:
    page.get_by_role("button", name=f"Se déconnecter ({username})").click()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()


def main_menu_link(page: Page, name: str):
    return page.get_by_role("navigation", name="Menu principal").get_by_role("link", name=name)
