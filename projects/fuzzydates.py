"""Dates known to a day, a month, a quarter, a half-year or a year (« S2 2019 »).

A fuzzy date is stored as two columns: the *last* day of the period and its precision. The last
day is the latest date consistent with the source, so "due by T1 2020" compares as 31 March 2020
and "done in May 2020" is only counted as done once May 2020 is over: the product never claims
more than the source says.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _


class Precision(models.TextChoices):
    DAY = "DAY", gettext_lazy("jour")
    MONTH = "MONTH", gettext_lazy("mois")
    QUARTER = "QUARTER", gettext_lazy("trimestre")
    SEMESTER = "SEMESTER", gettext_lazy("semestre")
    YEAR = "YEAR", gettext_lazy("année")


# The one mapping from the precision stored in the database (English) to the French code every
# file and the API write (documented in the open-data schema, /donnees/schema.json).
PRECISION_CODES = {
    Precision.DAY: "JOUR",
    Precision.MONTH: "MOIS",
    Precision.QUARTER: "TRIMESTRE",
    Precision.SEMESTER: "SEMESTRE",
    Precision.YEAR: "ANNEE",
}


def precision_code(precision: str | None) -> str | None:
    """« MOIS » for MONTH…; None when there is no date (hence no precision)."""
    return PRECISION_CODES[Precision(precision)] if precision else None


_MONTHS_IN = {Precision.MONTH: 1, Precision.QUARTER: 3, Precision.SEMESTER: 6, Precision.YEAR: 12}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class FuzzyDate:
    end: date
    precision: Precision = Precision.DAY

    def __post_init__(self):
        if self.end != self._period_end(self.end, self.precision):
            raise ValueError(f"{self.end} is not the last day of a {self.precision} period")

    @staticmethod
    def _period_end(day: date, precision: Precision) -> date:
        if precision == Precision.DAY:
            return day
        span = _MONTHS_IN[Precision(precision)]
        last_month = ((day.month - 1) // span + 1) * span
        return _month_end(day.year, last_month)

    @classmethod
    def of(cls, day: date, precision: Precision = Precision.DAY) -> "FuzzyDate":
        """The period of the given precision that contains `day`."""
        return cls(cls._period_end(day, precision), Precision(precision))

    @classmethod
    def parse(cls, text: str) -> "FuzzyDate":
        """Read `2021-09-14`, `2021-09`, `T1 2020` / `Q1 2020`, `S2 2019` / `H2 2019` or `2019`."""
        text = text.strip()
        if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
            return cls(date(*map(int, match.groups())))
        if match := re.fullmatch(r"(\d{4})-(\d{2})", text):
            year, month = map(int, match.groups())
            return cls(_month_end(year, month), Precision.MONTH)
        if match := re.fullmatch(r"[TQ]([1-4]) (\d{4})", text):
            quarter, year = map(int, match.groups())
            return cls(_month_end(year, quarter * 3), Precision.QUARTER)
        if match := re.fullmatch(r"[SH]([12]) (\d{4})", text):
            half, year = map(int, match.groups())
            return cls(_month_end(year, half * 6), Precision.SEMESTER)
        if match := re.fullmatch(r"(\d{4})", text):
            return cls(date(int(match.group(1)), 12, 31), Precision.YEAR)
        raise ValueError(f"Unreadable date: {text!r}")

    @property
    def start(self) -> date:
        if self.precision == Precision.DAY:
            return self.end
        span = _MONTHS_IN[self.precision]
        return date(self.end.year, self.end.month - span + 1, 1)

    @property
    def code(self) -> str:
        """The French precision code of files and the API (« MOIS »)."""
        return PRECISION_CODES[self.precision]

    @property
    def iso(self) -> str:
        """The machine form `parse` reads back (open data, exports)."""
        match self.precision:
            case Precision.DAY:
                return self.end.isoformat()
            case Precision.MONTH:
                return self.end.strftime("%Y-%m")
            case Precision.QUARTER:
                return f"Q{self.end.month // 3} {self.end.year}"
            case Precision.SEMESTER:
                return f"H{self.end.month // 6} {self.end.year}"
        return str(self.end.year)

    def label(self) -> str:
        """The human form in the active language: « 14 septembre 2021 », « T1 2020 »…"""
        match self.precision:
            case Precision.DAY:
                return long_date(self.end)
            case Precision.MONTH:
                return self.end.strftime("%m/%Y")
            case Precision.QUARTER:
                return _("T%(quarter)s %(year)s") % {
                    "quarter": self.end.month // 3,
                    "year": self.end.year,
                }
            case Precision.SEMESTER:
                return _("S%(half)s %(year)s") % {
                    "half": self.end.month // 6,
                    "year": self.end.year,
                }
        return str(self.end.year)

    def __str__(self) -> str:
        return self.label()


def long_date(day: date) -> str:
    """« 1er octobre 2019 », « 14 septembre 2021 » in French; "14 September 2021" in English."""
    text = date_format(day, "j F Y")
    if day.day == 1 and (get_language() or "fr").startswith("fr"):
        text = "1er" + text[1:]
    return text


def fuzzy(day: date | None, precision: str | None) -> FuzzyDate | None:
    """The FuzzyDate held by a pair of model columns, or None when the date is not known."""
    if day is None:
        return None
    return FuzzyDate(day, Precision(precision or Precision.DAY))
