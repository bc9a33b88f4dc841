"""Write the French catalogue: the plural entries only, each « translated » by itself.

French source strings need no translation, but gettext applies the English plural rule
(n != 1) to untranslated entries: « 0 jalons en retard ». This catalogue carries French's rule
(n > 1) for every plural entry, so that 0 and 1 take the singular. Run after `makemessages`:

    .venv/bin/python manage.py makemessages -l fr --ignore=.venv --ignore=node_modules \
        --ignore=staticfiles
    .venv/bin/python scripts/french_plurals.py
"""

import re
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLURAL_FORMS = '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"'


def _field(block: str, name: str) -> str:
    """The quoted lines of one field of a block, as written (one or several lines)."""
    match = re.search(rf"^{name} (\".*?\"\n(?:\".*?\"\n)*)", block + "\n", re.MULTILINE)
    return match.group(1) if match else ""


def french_plurals(text: str) -> str:
    header, *blocks = text.strip().split("\n\n")
    header = re.sub(r'"Plural-Forms: .*\\n"', PLURAL_FORMS.replace("\\", "\\\\"), header)
    kept = []
    for block in blocks:
        if "\nmsgid_plural " not in block or block.startswith("#~"):
            continue
        head = block[: block.index("msgstr[0]")]
        # Each entry is its own translation: no fuzzy flag, no previous msgid (`#|`).
        head = "".join(line for line in head.splitlines(True) if not line.startswith("#|"))
        head = head.replace("#, fuzzy, ", "#, ").replace("#, fuzzy\n", "")
        singular, plural = _field(block, "msgid"), _field(block, "msgid_plural")
        kept.append(f"{head}msgstr[0] {singular}msgstr[1] {plural}".rstrip("\n"))
    return "\n\n".join([header, *kept]) + "\n"


if __name__ == "__main__":
    CATALOGUE.write_text(french_plurals(CATALOGUE.read_text()))
