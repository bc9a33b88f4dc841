import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_switch_remembers_english_and_keeps_the_url(client):
    response = client.get(reverse("switch_language"), {"langue": "en", "suivant": "/missions/"})

    assert response.status_code == 302 and response.url == "/missions/"
    page = client.get("/missions/")
    assert page.headers["Content-Language"] == "en"
    assert '<html lang="en"' in page.text


@pytest.mark.django_db
def test_the_switch_never_redirects_elsewhere(client):
    response = client.get(
        reverse("switch_language"), {"langue": "en", "suivant": "https://example.org/"}
    )

    assert response.url == "/"


@pytest.mark.django_db
def test_an_unknown_language_changes_nothing(client):
    client.get(reverse("switch_language"), {"langue": "xx", "suivant": "/"})

    assert client.get("/missions/").headers["Content-Language"] == "fr"
