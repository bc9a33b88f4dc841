"""A form field for a date known to its own precision: a precision choice and the matching
field (the day; the month and year; the quarter and year; the half-year and year; the year).

Never a fake day: « S2 2019 » is entered as « semestre », « S2 », « 2019 », and stored as the
last day of the period with its precision (`projects.fuzzydates`). Every part is rendered; the
stylesheet shows only those of the chosen precision (`.fuzzy-date:has(...)`, no script), and a
browser without `:has()` shows them all, each with its label. Only the parts of the chosen
precision are read.
"""

from datetime import date

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from projects.fuzzydates import FuzzyDate, Precision
from projects.models.fields import EARLIEST, LATEST

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
RANGE_MESSAGE = _("La date doit être comprise entre 2000 et 2099.")

# Sub-field names: the POST names are `<field>_<part>` (`forecast_precision`, `forecast_on`…).
PARTS = ("precision", "on", "month", "quarter", "semester", "year")
# The parts each precision reads besides the precision itself.
PARTS_OF = {
    Precision.DAY: ("on",),
    Precision.MONTH: ("month", "year"),
    Precision.QUARTER: ("quarter", "year"),
    Precision.SEMESTER: ("semester", "year"),
    Precision.YEAR: ("year",),
}
MONTH_CHOICES = [("", _("— Mois —")), *((str(n), name) for n, name in MONTHS.items())]
QUARTER_CHOICES = [("", _("— Trimestre —")), *((str(n), f"T{n}") for n in range(1, 5))]
SEMESTER_CHOICES = [("", _("— Semestre —")), ("1", "S1"), ("2", "S2")]
PART_LABELS = {
    "precision": _("Précision"),
    "on": _("Jour"),
    "month": _("Mois"),
    "quarter": _("Trimestre"),
    "semester": _("Semestre"),
    "year": _("Année"),
}
MISSING_PART = {
    Precision.MONTH: _("Indiquez le mois et l'année."),
    Precision.QUARTER: _("Indiquez le trimestre et l'année."),
    Precision.SEMESTER: _("Indiquez le semestre et l'année."),
}


class FuzzyDateWidget(forms.MultiWidget):
    template_name = "projects/forms/fuzzy_date_widget.html"

    def __init__(self, attrs=None):
        widgets = {
            "precision": forms.Select(choices=Precision.choices),
            "on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "month": forms.Select(choices=MONTH_CHOICES),
            "quarter": forms.Select(choices=QUARTER_CHOICES),
            "semester": forms.Select(choices=SEMESTER_CHOICES),
            "year": forms.NumberInput(attrs={"min": 2000, "max": 2099, "inputmode": "numeric"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if not value:
            return [Precision.DAY, None, None, None, None, None]
        if isinstance(value, date):
            value = FuzzyDate(value)
        end, precision = value.end, value.precision
        return [
            precision,
            end if precision == Precision.DAY else None,
            end.month if precision == Precision.MONTH else None,
            end.month // 3 if precision == Precision.QUARTER else None,
            end.month // 6 if precision == Precision.SEMESTER else None,
            end.year if precision != Precision.DAY else None,
        ]

    def id_for_label(self, id_):
        return f"{id_}_precision" if id_ else id_

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        base = (attrs or {}).get("id") or self.attrs.get("id")
        for part, subwidget in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            if base:  # ids named like the fields (`…_precision`, `…_year`), not numbered
                subwidget["attrs"]["id"] = f"{base}_{part}"
            is_select = part in ("precision", "month", "quarter", "semester")
            subwidget["attrs"]["class"] = "fr-select" if is_select else "fr-input"
            subwidget["part"] = part
            subwidget["label"] = PART_LABELS[part]
        return context


class FuzzyDateField(forms.MultiValueField):
    """A FuzzyDate, or None when the chosen precision's parts are left empty."""

    widget = FuzzyDateWidget
    template_name = "projects/forms/fuzzy_date_field.html"

    def __init__(self, **kwargs):
        fields = (
            forms.ChoiceField(
                choices=Precision.choices,
                required=False,
                error_messages={"invalid_choice": _("Précision inconnue.")},
            ),
            forms.DateField(
                input_formats=DATE_INPUT_FORMATS,
                required=False,
                error_messages={"invalid": _("Saisissez une date valide, par exemple 31/12/2021.")},
            ),
            *(
                forms.TypedChoiceField(
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    error_messages={"invalid_choice": _("Choix inconnu.")},
                )
                for choices in (MONTH_CHOICES, QUARTER_CHOICES, SEMESTER_CHOICES)
            ),
            forms.IntegerField(
                required=False,
                error_messages={
                    "invalid": _("L'année s'écrit en chiffres, par exemple 2027."),
                    "min_value": RANGE_MESSAGE,
                    "max_value": RANGE_MESSAGE,
                },
                min_value=EARLIEST.year,
                max_value=LATEST.year,
            ),
        )
        kwargs.setdefault("required", False)
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        # Only the parts of the chosen precision are read: a hidden part (still holding what
        # was typed before the precision changed) never refuses the form.
        if isinstance(value, list | tuple) and len(value) == len(PARTS):
            precision = value[0] if value[0] in Precision.values else Precision.DAY
            wanted = {"precision", *PARTS_OF[Precision(precision)]}
            value = [v if part in wanted else None for part, v in zip(PARTS, value, strict=True)]
        return super().clean(value)

    def compress(self, data_list):
        if not data_list:
            return None
        precision, day, month, quarter, semester, year = data_list
        precision = Precision(precision or Precision.DAY)
        if precision == Precision.DAY:
            if day is None:
                return None
            if not EARLIEST <= day <= LATEST:
                raise forms.ValidationError(RANGE_MESSAGE, code="range")
            return FuzzyDate(day)
        period = {Precision.MONTH: month, Precision.QUARTER: quarter, Precision.SEMESTER: semester}
        part = period.get(precision)
        if year is None and part is None:
            return None
        if precision == Precision.YEAR:
            return FuzzyDate(date(year, 12, 31), Precision.YEAR)
        if year is None or part is None:
            raise forms.ValidationError(MISSING_PART[precision], code="incomplete")
        months = {Precision.MONTH: 1, Precision.QUARTER: 3, Precision.SEMESTER: 6}[precision]
        return FuzzyDate.of(date(year, part * months, 1), precision)
