"""The search box of `/projets/` (`?q=`): at most ten words, one query, whatever the input."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.filters import MAX_SEARCH_TERMS
from tests.factories import ProjectFactory
from tests.querycount import grow_portfolio

pytestmark = pytest.mark.django_db

URL = reverse("projects:list")
LIKE = re.compile(r"\bLIKE\b", re.IGNORECASE)


def like_clauses(context) -> int:
    """The LIKE clauses of the costliest query a request sent: the work a search asks for."""
    return max(len(LIKE.findall(query["sql"])) for query in context.captured_queries)


def search(client, q):
    with CaptureQueriesContext(connection) as context:
        response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return response, context


@pytest.fixture
def projects(db):
    grow_portfolio(3)
    return {
        "aurore": ProjectFactory(name="Aurore", summary="Cantine numérique des écoles."),
        "bouclier": ProjectFactory(name="Bouclier", summary="Cybersécurité des ministères."),
    }


def test_every_word_must_appear_in_the_name_summary_or_organisation(client, projects):
    response, _ = search(client, "cantine écoles")
    assert "Aurore" in response.text and "Bouclier" not in response.text

    response, _ = search(client, "cantine ministères")
    assert "Aucun projet ne correspond à ces critères." in response.text


def test_a_thousand_word_search_costs_what_a_one_word_search_costs(client, projects):
    # Found on PostgreSQL: 5.9 s, one .filter() per word; on SQLite, a 503 page.
    # Every project holds the first ten letters: both searches list every project.
    letters = "eroumsdint" + "abcfghjklpqvwxyz"
    one_word, small = search(client, "e")
    thousand_words, large = search(client, " ".join(letters[n % 26] for n in range(1000)))

    assert len(large.captured_queries) == len(small.captured_queries)
    assert like_clauses(small) == 3
    assert like_clauses(large) == 3 * MAX_SEARCH_TERMS
    assert "Bouclier" in thousand_words.text and "Aurore" in thousand_words.text
    assert "16 mots de plus ont été ignorés." in thousand_words.text


def test_a_search_reads_its_first_ten_words_and_says_so(client, projects):
    words = ["cantine"] + [f"mot{n}" for n in range(1, 12)]  # 12 distinct words
    response, context = search(client, " ".join(words))

    assert like_clauses(context) == 3 * MAX_SEARCH_TERMS
    assert (
        "La recherche porte sur ses 10 premiers mots : 2 mots de plus ont été ignorés."
        in response.text
    )


def test_words_after_the_tenth_do_not_narrow_the_results(client, projects):
    response, _ = search(client, " ".join(["cantine"] * 3 + ["école"] * 2 + list("bcdefgh")))
    # Repeated words count once: « cantine école » and 7 letters, 9 words in all.
    assert "premiers mots" not in response.text

    ten = ["cantine", "numérique", "des", "écoles", "Aurore", "c", "a", "n", "t", "i"]
    response, _ = search(client, " ".join([*ten, "introuvable"]))
    assert "Aurore" in response.text
    assert "1 mot de plus a été ignoré." in response.text


def test_a_short_search_shows_no_notice(client, projects):
    response, _ = search(client, "cantine")
    assert "premiers mots" not in response.text
