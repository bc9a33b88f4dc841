"""Cell values shared by the spreadsheet exports: CSV-injection guard, French formats."""

from datetime import date
from decimal import Decimal

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP « CSV injection »).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """A text value made inert for spreadsheets: a leading `'` before a formula character."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def fr_decimal(value, places: int = 1) -> str:
    """« 33,3 »: decimal comma, no thousands separator (what Excel FR and LibreOffice read)."""
    if value is None:
        return ""
    return f"{Decimal(str(value)):.{places}f}".replace(".", ",")


def fr_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


# A share of milestones done means something only from this many milestones on: « 100 % » of
# one milestone is not a figure to publish.
MIN_MILESTONES_FOR_SHARE = 3


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def share_done(done: int, total: int) -> float | None:
    """The percentage of milestones done, or None (blank) under MIN_MILESTONES_FOR_SHARE."""
    return share(done, total) if total >= MIN_MILESTONES_FOR_SHARE else None
