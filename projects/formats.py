"""French-first display of numbers, percentages and dates, following the active language.

Plain functions, used by the domain modules (charts, summaries, exports) and, through the thin
tag library `projects.templatetags.formats`, by the templates.
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language

from projects.fuzzydates import FuzzyDate, fuzzy, long_date

NNBSP = "\u202f"  # narrow no-break space, French thousands separator and before « % »


def _is_french() -> bool:
    return (get_language() or "fr").startswith("fr")


def number(value, decimals: int | None = None) -> str:
    """« 3 602 », « 19,1 » in French; "3,602", "19.1" in English."""
    if value is None or value == "":
        return ""
    if decimals is not None:
        value = round(Decimal(str(value)), int(decimals))
    text = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if _is_french():
        text = text.replace("\u00a0", NNBSP).replace(" ", NNBSP)
    return text


def percent(value, decimals: int = 0) -> str:
    """« 19,1 % » (narrow no-break space) in French, "19.1%" in English."""
    if value is None or value == "":
        return ""
    text = number(value, decimals)
    return f"{text}{NNBSP}%" if _is_french() else f"{text}%"


def longdate(value) -> str:
    """« 14 septembre 2021 », « 1er octobre 2019 »; a FuzzyDate keeps its precision."""
    if value is None or value == "":
        return ""
    if isinstance(value, FuzzyDate):
        return value.label()
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return long_date(value)
    return str(value)


def monthyear(value) -> str:
    """« 12/2026 »: one format for a whole column of dates of mixed precision (the day, when
    known, is on the project's page)."""
    if not value:
        return ""
    return value.strftime("%m/%Y")


def fuzzydate(value, precision: str = "") -> str:
    """A date column shown with the precision stored beside it: « 09/2021 », « S2 2019 »."""
    if not value:
        return ""
    return fuzzy(value, precision).label()
