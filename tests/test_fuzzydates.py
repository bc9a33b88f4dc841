from datetime import date

import pytest
from django.utils import translation

from projects.fuzzydates import FuzzyDate, Precision


@pytest.mark.parametrize(
    "text, end, precision, label",
    [
        ("2021-09-14", date(2021, 9, 14), Precision.DAY, "14 septembre 2021"),
        ("2019-10-01", date(2019, 10, 1), Precision.DAY, "1er octobre 2019"),
        ("2021-09", date(2021, 9, 30), Precision.MONTH, "09/2021"),
        ("2020-02", date(2020, 2, 29), Precision.MONTH, "02/2020"),
        ("T1 2020", date(2020, 3, 31), Precision.QUARTER, "T1 2020"),
        ("S2 2019", date(2019, 12, 31), Precision.SEMESTER, "S2 2019"),
        ("2022", date(2022, 12, 31), Precision.YEAR, "2022"),
    ],
)
def test_a_fuzzy_date_keeps_the_precision_of_its_source(text, end, precision, label):
    with translation.override("fr"):
        day = FuzzyDate.parse(text)

        assert (day.end, day.precision, day.label()) == (end, precision, label)
        assert FuzzyDate.parse(day.iso) == day


def test_a_period_starts_where_it_should():
    assert FuzzyDate.parse("S2 2019").start == date(2019, 7, 1)
    assert FuzzyDate.parse("T1 2020").start == date(2020, 1, 1)


def test_english_labels():
    with translation.override("en"):
        assert FuzzyDate.parse("2021-09-14").label() == "14 September 2021"


@pytest.mark.parametrize("text", ["automne 2021", "2021-13", "T5 2020", ""])
def test_unreadable_wordings_are_refused(text):
    with pytest.raises(ValueError):
        FuzzyDate.parse(text)


def test_a_date_that_is_not_the_end_of_its_period_is_refused():
    with pytest.raises(ValueError):
        FuzzyDate(date(2020, 3, 15), Precision.QUARTER)
