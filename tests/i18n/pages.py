"""Helpers of the language tests: the French msgids of the English catalogue, and the text a
reader perceives on a page once the content marked `lang="fr"` is set aside."""

import html
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
PO_FILE = LOCALE / "en" / "LC_MESSAGES" / "django.po"

# Shorter French strings (« Météo », « Projets ») are too likely to occur inside other words or
# in proper names to be searched for alone.
MIN_LENGTH = 12

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
SKIPPED = {"script", "style", "template"}
# Attributes a reader perceives (assistive technologies read them, browsers show them).
PERCEIVED_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
SPACES = re.compile(r"[\s\u00a0\u202f]+")
PLACEHOLDER_OR_TAG = re.compile(r"%\([a-z_]+\)[sd]|<[^>]+>")


def normalise(text: str) -> str:
    return SPACES.sub(" ", html.unescape(text)).strip()


@dataclass(frozen=True)
class Entry:
    context: str
    msgid: str
    msgid_plural: str
    msgstr: tuple[str, ...]
    fuzzy: bool
    python_format: bool


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(line: str) -> str:
    """The text of a quoted .po string: `"a \\"b\\" c\\n"` → `a "b" c` and a newline."""
    body = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda match: ESCAPES.get(match.group(1), match.group(1)), body)


@cache
def po_entries(language: str = "en") -> tuple[Entry, ...]:
    """The entries of locale/<language>/LC_MESSAGES/django.po (header and obsolete entries
    left out)."""
    entries = []
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        flags = ""
        current = None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags += line
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[current] += _unquote(line)
            else:
                current, _space, rest = line.partition(" ")
                fields[current] = _unquote(rest)
        if not fields.get("msgid"):
            continue
        strings = tuple(v for k, v in sorted(fields.items()) if k.startswith("msgstr"))
        entries.append(
            Entry(
                context=fields.get("msgctxt", ""),
                msgid=fields["msgid"],
                msgid_plural=fields.get("msgid_plural", ""),
                msgstr=strings,
                fuzzy="fuzzy" in flags,
                python_format="python-format" in flags,
            )
        )
    return tuple(entries)


def _fragments(text: str) -> list[str]:
    return [normalise(part) for part in PLACEHOLDER_OR_TAG.split(text.replace("%%", "%"))]


@cache
def french_strings() -> frozenset[str]:
    """Every French piece of interface text (≥ MIN_LENGTH characters) that English replaces.

    A msgid is cut at its placeholders and tags; a piece that the English translation keeps
    as it is (a command, a file name) is not French-only and is left out. An untranslated
    entry counts: its French would show in English.
    """
    found = set()
    for entry in po_entries():
        english = " ".join(normalise(s) for s in entry.msgstr)
        for source in (entry.msgid, entry.msgid_plural):
            for piece in _fragments(source):
                if len(piece) >= MIN_LENGTH and piece not in english:
                    found.add(piece)
    return frozenset(found)


class _PerceivedText(HTMLParser):
    """Text and perceived attributes, outside `<script>`/`<style>` and elements marked French."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden from the check)
        self.parts: list[str] = []
        self.html_lang = None

    @property
    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        hide = (
            self.hidden
            or tag in SKIPPED
            or (attributes.get("lang") or "").lower().startswith("fr")
            and tag != "html"
        )
        if not hide:
            self.parts.extend(
                attributes[name] or "" for name in PERCEIVED_ATTRIBUTES if name in attributes
            )
        if tag not in VOID:
            self.stack.append((tag, hide))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def perceived_text(page: str) -> tuple[str, str | None]:
    """The page's text a reader perceives, whitespace normalised, and `<html lang>`."""
    parser = _PerceivedText()
    parser.feed(page)
    parser.close()
    return normalise(" ".join(parser.parts)), parser.html_lang


def french_in(text: str) -> list[str]:
    """The French interface strings found in `text`, longest first."""
    return sorted((s for s in french_strings() if s in text), key=len, reverse=True)
