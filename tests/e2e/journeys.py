"""What the journey tests share: logging in and out through the DSFR pages, as a user would."""

from playwright.sync_api import Page, expect

PASSWORD = "mot-de-passe-de-test"  # UserFactory's


def log_in(page: Page, username: str, name: str | None = None) -> None:
    """Sign in as `username`; the header then names the person (`name`: « Prénom Nom », the
    user name for an account without a name) and offers to sign out."""
    page.goto("/compte/connexion/")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    header = page.locator(".fr-header__tools-links")
    expect(header.get_by_role("link", name=f"{name or username} — mon compte")).to_be_visible()


def log_out(page: Page, username: str = "") -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()


def main_menu_link(page: Page, name: str):
    return page.get_by_role("navigation", name="Menu principal").get_by_role("link", name=name)
