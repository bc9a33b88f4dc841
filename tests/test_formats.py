from datetime import date

from django.template import Context, Template
from django.utils import translation

NNBSP = "\u202f"


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_french_numbers_use_narrow_no_break_spaces_and_decimal_commas():
    with translation.override("fr"):
        assert render("{{ n|number }}", n=3602) == f"3{NNBSP}602"
        assert render("{{ n|percent:1 }}", n=19.14) == f"19,1{NNBSP}%"


def test_english_numbers():
    with translation.override("en"):
        assert render("{{ n|number }}", n=3602) == "3,602"
        assert render("{{ n|percent:1 }}", n=19.14) == "19.1%"


def test_long_dates_are_french():
    with translation.override("fr"):
        assert render("{{ d|longdate }}", d=date(2021, 9, 14)) == "14 septembre 2021"
        assert render("{{ d|longdate }}", d=date(2019, 10, 1)) == "1er octobre 2019"
