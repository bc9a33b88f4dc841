"""Forms of the snapshot pages: freeze a snapshot, compare two dates."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.forms import DATE_INPUT_FORMATS, BaseForm

# Nothing can be frozen before the programme was launched (16 April 2019).
PROGRAMME_START = date(2019, 4, 16)


def _date_field(label, help_text="", required=True):
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Indiquez une date."),
            "invalid": _("Saisissez une date valide, par exemple 14/09/2021."),
        },
    )


def _check_day(day: date | None) -> date | None:
    if day is None:
        return day
    if day > timezone.localdate():
        raise forms.ValidationError(_("La date ne peut pas être dans le futur."))
    if day < PROGRAMME_START:
        raise forms.ValidationError(
            _("La date ne peut pas précéder le lancement du programme (16 avril 2019).")
        )
    return day


class SnapshotForm(BaseForm):
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        help_text=_("Par exemple « Point presse du 14 septembre 2021 »."),
        error_messages={"required": _("Donnez un titre à l'instantané.")},
    )
    taken_on = _date_field(
        _("Date de l'état figé"),
        help_text=_(
            "Aujourd'hui ou une date passée : le portefeuille tel qu'il était publié ce jour-là."
        ),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Facultative, publique : le contexte de l'instantané."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"taken_on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_taken_on(self):
        return _check_day(self.cleaned_data.get("taken_on"))


class CompareDatesForm(BaseForm):
    du = _date_field(_("Du"))
    au = _date_field(_("Au"))

    def clean_du(self):
        return _check_day(self.cleaned_data.get("du"))

    def clean_au(self):
        return _check_day(self.cleaned_data.get("au"))
