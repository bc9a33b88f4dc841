"""The English catalogue (locale/en/LC_MESSAGES/django.po) is complete and well-formed.

French is the source language of every msgid; English is a translation. A string added to the
code or a template without an English translation would show in French on the English pages:
the source is read here the way `makemessages` reads it (templates through Django's own
`templatize`), and every string found must have its translation.
"""

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

from tests.i18n.pages import PO_FILE, po_entries

BASE = Path(settings.BASE_DIR)
SOURCE_DIRS = ["missions", "projects", "techgouv"]
TEMPLATE_SUFFIXES = {".html", ".txt"}
# gettext keyword → positions of (context, singular, plural) among its string arguments.
KEYWORDS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
# Not called by their gettext names, so that `makemessages` does not read these tests.
english = translate = translation.gettext
english_in_context = translation.pgettext
in_number = translation.ngettext
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
HREF = re.compile(r'href="([^"]*)"')


def _strings_of_calls(source: str) -> set[tuple[str, str]]:
    """(context, msgid) of every gettext call of `source` (Python, or a templatized template)."""
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT)
    ]
    found = set()
    for index, token in enumerate(tokens[:-2]):
        if token.type != tokenize.NAME or token.string not in KEYWORDS:
            continue
        if tokens[index + 1].string != "(" or (index and tokens[index - 1].string in (".", "def")):
            continue
        arguments: list[str] = []
        current = None
        for argument in tokens[index + 2 :]:
            if argument.type == tokenize.STRING:
                text = ast.literal_eval(argument.string)
                current = text if current is None else current + text
            elif argument.string == ",":
                arguments.append(current)
                current = None
            else:
                arguments.append(current)
                break
        context_at, singular_at, _plural_at = KEYWORDS[token.string]
        if singular_at < len(arguments) and arguments[singular_at] is not None:
            context = arguments[context_at] if context_at is not None else ""
            found.add((context or "", arguments[singular_at]))
    return found


def source_strings() -> dict[tuple[str, str], str]:
    """Every (context, msgid) of the application code and templates → where it was found."""
    found = {}
    for directory in SOURCE_DIRS:
        for path in sorted((BASE / directory).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for key in _strings_of_calls(path.read_text(encoding="utf-8")):
                found.setdefault(key, str(path.relative_to(BASE)))
    for path in sorted((BASE / "templates").rglob("*")):
        if path.suffix in TEMPLATE_SUFFIXES:
            python = templatize(path.read_text(encoding="utf-8"), origin=str(path))
            # Its layout follows the template's: only the calls matter, not the indentation.
            python = "\n".join(line.lstrip() for line in python.splitlines())
            for key in _strings_of_calls(python):
                found.setdefault(key, str(path.relative_to(BASE)))
    return found


def test_the_source_is_read_like_makemessages_reads_it():
    strings = source_strings()
    assert ("", "Objectifs compromis") in strings  # gettext_lazy in projects/enums.py
    assert ("project phase", "Achevé") in strings  # pgettext_lazy
    assert ("", "Déclaration d'accessibilité") in strings  # {% translate %}
    assert ("", "%(counter)s projet identifié") in strings  # {% blocktranslate count %}


def test_every_interface_string_has_an_english_translation():
    translated = {(e.context, e.msgid) for e in po_entries() if all(e.msgstr)}
    missing = {key: where for key, where in source_strings().items() if key not in translated}
    assert missing == {}, (
        "Strings without an English translation: run `make messages`-style "
        "`manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=staticfiles`, "
        f"translate them in {PO_FILE.relative_to(BASE)}"
    )


def test_no_entry_is_fuzzy_or_empty():
    assert [e.msgid for e in po_entries() if e.fuzzy] == []
    assert [e.msgid for e in po_entries() if not all(e.msgstr)] == []
    assert len(po_entries()) > 600


def test_the_french_catalogue_gives_every_plural_the_french_rule():
    """0 and 1 take the singular in French (« 0 jalon en retard »): every plural entry is in
    locale/fr, « translated » by itself (scripts/french_plurals.py writes it)."""
    plurals = {(e.context, e.msgid, e.msgid_plural) for e in po_entries() if e.msgid_plural}
    french = {(e.context, e.msgid, e.msgid_plural): e.msgstr for e in po_entries("fr")}
    assert plurals and set(french) == plurals
    assert all(msgstr == key[1:] for key, msgstr in french.items())
    assert [e.msgid for e in po_entries("fr") if e.fuzzy] == []
    with translation.override("fr"):
        assert in_number("%(n)s jalon daté", "%(n)s jalons datés", 0) == "%(n)s jalon daté"


def test_translations_keep_placeholders_and_links():
    for entry in po_entries():
        if entry.msgid_plural:
            assert len(entry.msgstr) == 2, entry.msgid
            expected = set(PLACEHOLDER.findall(entry.msgid_plural))
            # English "one" may drop the number ("See the mission's project"), never add one.
            assert set(PLACEHOLDER.findall(entry.msgstr[1])) == expected, entry.msgid
            assert set(PLACEHOLDER.findall(entry.msgstr[0])) <= expected | set(
                PLACEHOLDER.findall(entry.msgid)
            ), entry.msgid
        else:
            assert set(PLACEHOLDER.findall(entry.msgstr[0])) == set(
                PLACEHOLDER.findall(entry.msgid)
            ), entry.msgid
        for english in entry.msgstr:
            assert set(HREF.findall(english)) == set(HREF.findall(entry.msgid)), entry.msgid
            # English punctuation: no space before « : ; ? ! », no French quotation marks.
            without_tags = re.sub(r"<[^>]+>", "", english)
            assert not re.search(r"\w[ \u00a0\u202f][:;?!](\s|$)", without_tags), english
            assert "«" not in english and "»" not in english, english


def test_the_compiled_catalogue_is_the_one_in_use():
    """The .mo built by `make` (compilemessages) is up to date with the .po."""
    mo_file = PO_FILE.with_suffix(".mo")
    assert mo_file.exists(), "run `manage.py compilemessages` (make run / make test do it)"
    assert mo_file.stat().st_mtime >= PO_FILE.stat().st_mtime, "the .mo is older than the .po"
    with translation.override("en"):
        assert english("Objectifs compromis") == "Objectives compromised"
        assert english_in_context("project phase", "Achevé") == "Completed"
        assert english("T%(quarter)s %(year)s") == "Q%(quarter)s %(year)s"


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("Objectifs compromis", "Objectives compromised"),
        ("Appuis nécessaires", "Support needed"),
        ("Objectifs atteignables", "Objectives achievable"),
        ("Objectifs sécurisés", "Objectives secured"),
        ("Non renseignée", "Not reported"),
        ("Cadrage", "Scoping"),
        ("Conception / Réalisation", "Design / Build"),
        ("Expérimentation", "Trial"),
        ("Déploiement", "Rollout"),
        ("Météo", "Delivery confidence"),
        ("point d'avancement", "progress update"),
        ("jalon", "milestone"),
        ("instantané", "snapshot"),
        ("Bureau du programme", "Programme office"),
        ("S%(half)s %(year)s", "H%(half)s %(year)s"),
    ],
)
def test_the_agreed_vocabulary(french, english):
    with translation.override("en"):
        assert translate(french) == english
