"""Every action has a visible text label: a DSFR button with an icon is drawn icon-only unless
it says `fr-btn--icon-left`/`--icon-right` (the header's tools show their labels by design),
and no button or button-like link is empty. Walked on the pages of the update loop, signed in,
where the actions are."""

from html.parser import HTMLParser

import pytest

from projects import roles
from projects.models import Project
from tests.conftest import client_for
from tests.factories import StatusUpdateFactory, UserFactory


class _Controls(HTMLParser):
    """Each `fr-btn` link or button: its classes, its text, whether it is in the header tools."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, opens the header tools)
        self.controls: list[dict] = []
        self.current: list[dict] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("input", "br", "img", "meta", "link", "hr"):
            return
        self.stack.append((tag, "fr-header__tools-links" in classes))
        if tag in ("a", "button") and "fr-btn" in classes:
            control = {
                "tag": tag,
                "classes": classes,
                "text": "",
                "in_tools": any(opens for _tag, opens in self.stack),
            }
            self.controls.append(control)
            self.current.append(control)

    def handle_endtag(self, tag):
        while self.stack:
            opened, _tools = self.stack.pop()
            if opened == tag:
                break
        if tag in ("a", "button") and self.current:
            self.current.pop()

    def handle_data(self, data):
        for control in self.current:
            control["text"] += data


def unlabelled(html: str) -> list[str]:
    parser = _Controls()
    parser.feed(html)
    wrong = []
    for control in parser.controls:
        text = " ".join(control["text"].split())
        icon = any(c.startswith("fr-icon-") for c in control["classes"])
        placed = {"fr-btn--icon-left", "fr-btn--icon-right"} & set(control["classes"])
        technical = {"fr-btn--menu", "fr-btn--close", "fr-translate__btn"} & set(control["classes"])
        if not text:
            wrong.append(f"empty {control['tag']} {control['classes']}")
        elif icon and not placed and not control["in_tools"] and not technical:
            wrong.append(f"icon-only {control['tag']} « {text} » {control['classes']}")
    return wrong


@pytest.mark.django_db
def test_every_action_of_the_update_loop_has_a_visible_label(programme):
    office = UserFactory(username="bureau-x", groups=[roles.PROGRAMME_OFFICE], is_staff=True)
    lead = UserFactory(username="cheffe-x", groups=[roles.PROJECT_LEAD])
    project = Project.objects.get(slug="franceconnect-generalisation")
    project.leads.add(lead)
    pending = StatusUpdateFactory(project=project, submitted=True, author=lead)
    pages = [
        (lead, "/projets/franceconnect-generalisation/"),
        (lead, "/projets/franceconnect-generalisation/mettre-a-jour/"),
        (lead, "/mes-projets/"),
        (lead, "/compte/"),
        (office, "/projets/franceconnect-generalisation/"),
        (office, "/projets/a-valider/"),
        (office, f"/projets/a-valider/{pending.pk}/valider/"),
        (None, "/"),
    ]
    wrong = {}
    for user, url in pages:
        response = client_for(user).get(url)
        assert response.status_code == 200, url
        if found := unlabelled(response.content.decode()):
            wrong[url] = found
    assert wrong == {}


def test_the_guard_sees_an_icon_only_button():
    html = (
        '<a class="fr-btn fr-icon-edit-line" href="/x">Mettre à jour</a>'
        '<button class="fr-btn"></button>'
    )
    assert unlabelled(html) == [
        "icon-only a « Mettre à jour » ['fr-btn', 'fr-icon-edit-line']",
        "empty button ['fr-btn']",
    ]
