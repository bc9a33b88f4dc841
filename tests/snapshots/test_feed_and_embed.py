"""Follow and embed: the Atom feed of published updates and snapshots, and the embed page of
each snapshot chart, the only page other sites may frame."""

import html
from datetime import date

import feedparser
import pytest

from projects.enums import Meteo, Phase
from projects.snapshots.services import create_snapshot
from tests.conftest import SITE_URL, client_for
from tests.factories import ProjectFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(press):
    tchap = ProjectFactory(slug="tchap", name="Tchap")
    StatusUpdateFactory(project=tchap, as_of=date(2021, 5, 31), summary="Ouverture aux agents.")
    StatusUpdateFactory(
        project=tchap,
        as_of=date(2021, 6, 30),
        meteo=Meteo.SOLEIL,
        phase=Phase.DEPLOIEMENT,
        progress=80,
        summary="Généralisation en cours.",
    )
    StatusUpdateFactory(project=tchap, as_of=date(2021, 7, 15), draft=True, summary="BROUILLON")
    return create_snapshot(
        title="Point presse", taken_on=date(2021, 9, 14), note="Rentrée.", author=press
    )


def test_the_feed_is_atom_with_the_latest_validated_update_and_the_new_snapshot(published):
    response = client_for(None).get("/flux.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Tableau de bord TECH.GOUV — points d'avancement et instantanés"
    assert feed.feed.link == f"{SITE_URL}/"
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "Nouvel instantané : Point presse (14 septembre 2021)"
    assert titles[1] == "Point d'avancement publié : Tchap, 30 juin 2021"
    latest = feed.entries[1]
    assert latest.link == f"{SITE_URL}/projets/tchap/"
    assert "Météo : Objectifs sécurisés" in latest.summary
    assert "Généralisation en cours." in latest.summary
    assert all(entry.link.startswith(SITE_URL) for entry in feed.entries)
    assert "BROUILLON" not in response.content.decode()


def test_the_feed_is_linked_from_the_footer_and_the_snapshot_list(published):
    home = client_for(None).get("/").text
    listing = client_for(None).get("/instantanes/").text

    assert 'href="/flux.atom"' in home and "Flux Atom des mises à jour" in home
    assert 'rel="alternate" type="application/atom+xml" href="/flux.atom"' in home
    assert 'href="/flux.atom"' in listing


def test_the_embed_page_may_be_framed_by_any_site_and_carries_its_stamp(published):
    response = client_for(None).get(f"/instantanes/{published.slug}/integrer/meteo/")

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    page = html.unescape(response.text)
    assert page.count("<h1") == 1 and "Météo des projets" in page
    assert 'data-figure="meteo-donnees"' in page  # the chart
    assert "<table>" in page  # its table alternative
    assert "Données au 14 septembre 2021." in page
    assert "Source : DINUM, programme TECH.GOUV — tableau de bord, instantané du" in page
    assert "Licence Ouverte / Etalab 2.0" in page
    assert f'href="{SITE_URL}/instantanes/{published.slug}/#meteo" target="_top"' in page
    assert "identifié" in page


def test_every_other_page_refuses_to_be_framed(published):
    for path in ("/", f"/instantanes/{published.slug}/", "/projets/"):
        response = client_for(None).get(path)
        assert response["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path


def test_the_snapshot_page_shows_the_iframe_code_beside_each_chart(published):
    page = html.unescape(client_for(None).get(f"/instantanes/{published.slug}/").text)

    code = (
        f'<iframe src="{SITE_URL}/instantanes/{published.slug}/integrer/meteo/" '
        'title="Météo des projets — Point presse"'
    )
    assert code in page
    assert 'id="meteo-integrer" rows="3" readonly' in page


def test_an_unknown_chart_has_no_embed_page(published):
    assert client_for(None).get(f"/instantanes/{published.slug}/integrer/x/").status_code == 404
