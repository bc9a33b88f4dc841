"""The milestones of the status update form: one row per milestone of the project (its forecast
and actual dates, each at its own precision), and the milestones the update adds.

Each row knows its Milestone (`form.milestone`, annotated by `with_dates()`: its `state` is the
one rule of `projects.rules`, never decided here). The hidden field holding its id is
`milestone_id`, so that `form.milestone` in a template is the milestone, not that field.
"""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.enums import MilestoneState
from projects.forms import CONDITIONAL_TEMPLATE, BaseForm, text_field
from projects.fuzzy_fields import FuzzyDateField
from projects.fuzzydates import fuzzy

# At most this many milestones added by one update (the form offers one more at a time).
MAX_NEW_MILESTONES = 10


class MilestoneForm(BaseForm):
    """One milestone of the project in the update form: forecast and actual dates."""

    milestone_id = forms.IntegerField(widget=forms.HiddenInput)
    forecast = FuzzyDateField(label=_("Date prévue"))
    actual = FuzzyDateField(
        label=_("Date de réalisation"),
        help_text=_("Laisser vide tant que le jalon n'est pas atteint."),
    )
    reason = text_field(
        _("Motif du changement de date prévue"),
        2000,
        rows=2,
        required_if=_("obligatoire si la date prévue change"),
    )

    def __init__(self, *args, milestone, today: date, **kwargs):
        self.milestone = milestone
        self.today = today
        super().__init__(*args, **kwargs)

    @property
    def state_label(self) -> str:
        return self.milestone.state_label

    @property
    def is_done(self) -> bool:
        """Achieved as published: the form shows it collapsed."""
        return self.milestone.state == MilestoneState.DONE

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("milestone_id") not in (None, self.milestone.pk):
            raise forms.ValidationError(
                _("Les jalons ont changé depuis l'ouverture du formulaire : rechargez la page.")
            )
        forecast, actual = cleaned.get("forecast"), cleaned.get("actual")
        if (
            forecast is None
            and self.milestone.forecast_on is not None
            and "forecast" not in self.errors
        ):
            self.add_error(
                "forecast",
                _("La date prévue ne peut pas être effacée : déplacez-la en indiquant un motif."),
            )
        self.moved = forecast is not None and (forecast.end, forecast.precision) != (
            self.milestone.forecast_on,
            self.milestone.forecast_precision or None,
        )
        self.done = actual is not None and (actual.end, actual.precision) != (
            self.milestone.actual_on,
            self.milestone.actual_precision or None,
        )
        if self.moved and not cleaned.get("reason"):
            self.add_error("reason", _("Indiquez le motif du changement de date prévue."))
        if self.moved and forecast.end < self.today and actual is None:
            self.add_error(
                "forecast",
                _(
                    "La nouvelle date prévue est déjà passée : si le jalon est atteint, "
                    "indiquez plutôt sa date de réalisation."
                ),
            )
        if actual is not None and actual.end > self.today:
            # The stored date is the last day of its period: claiming « décembre 2026 » on
            # 1 December would publish a realisation the month has not yet given.
            self.add_error(
                "actual",
                _("La date de réalisation ne peut pas être dans le futur.")
                if actual.start > self.today
                else _(
                    "La période de réalisation (%(period)s) n'est pas terminée : indiquez le "
                    "jour, ou attendez la fin de la période."
                )
                % {"period": actual.label()},
            )
        return cleaned

    def move(self) -> dict | None:
        """The MilestoneChange this form asks for, or None when nothing changed."""
        if not (self.moved or self.done):
            return None
        forecast = self.cleaned_data["forecast"] if self.moved else None
        actual = self.cleaned_data["actual"] if self.done else None
        return {
            "milestone": self.milestone,
            "forecast_on": forecast.end if forecast else None,
            "forecast_precision": forecast.precision if forecast else "",
            "actual_on": actual.end if actual else None,
            "actual_precision": actual.precision if actual else "",
            "reason": self.cleaned_data.get("reason", "") if forecast else "",
        }


class BaseMilestoneFormSet(forms.BaseFormSet):
    def __init__(self, *args, milestones, today: date, **kwargs):
        self.milestones = list(milestones)
        self.today = today
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"milestone": self.milestones[index], "today": self.today}

    def total_form_count(self):
        # One form per milestone, whatever the management form claims.
        return len(self.milestones)

    def initial_form_count(self):
        # Every form edits an existing milestone: none is an « extra » form that may be left
        # empty and skip its checks, even when a forged INITIAL_FORMS says otherwise.
        return len(self.milestones)

    def moves(self) -> list[dict]:
        return [move for form in self.forms if (move := form.move())]

    def overrides(self) -> dict:
        """Forecast and actual dates per milestone id as this update would leave them."""
        result = {}
        for form in self.forms:
            if form.is_valid():
                forecast, actual = form.cleaned_data["forecast"], form.cleaned_data["actual"]
                result[form.milestone.pk] = (
                    forecast.end if forecast else form.milestone.forecast_on,
                    actual.end if actual else form.milestone.actual_on,
                )
        return result


MilestoneFormSet = forms.formset_factory(
    MilestoneForm, formset=BaseMilestoneFormSet, extra=0, can_delete=False
)


def milestone_initial(milestones, pending_changes: dict | None = None) -> list[dict]:
    """Initial values of the milestone formset: the published dates, or those of the author's
    own pending update when there is one (`pending_changes` by milestone id)."""
    pending_changes = pending_changes or {}
    initial = []
    for milestone in milestones:
        row = {
            "milestone_id": milestone.pk,
            "forecast": milestone.forecast,
            "actual": milestone.actual,
        }
        if change := pending_changes.get(milestone.pk):
            if change.forecast_on:
                row["forecast"] = fuzzy(change.forecast_on, change.forecast_precision)
                row["reason"] = change.reason
            if change.actual_on:
                row["actual"] = fuzzy(change.actual_on, change.actual_precision)
        initial.append(row)
    return initial


class NewMilestoneForm(BaseForm):
    """A milestone the update adds: its title and target date. Left empty, it adds nothing.

    It enters the baseline chain when the update is validated (`services.validate_update`):
    its target date is then its first published date.
    """

    title = forms.CharField(
        label=_("Intitulé du nouveau jalon"),
        max_length=400,
        required=False,
        strip=True,
        template_name=CONDITIONAL_TEMPLATE,
        error_messages={
            "max_length": _(
                "Ce texte ne doit pas dépasser %(limit_value)d caractères "
                "(il en compte %(show_value)d)."
            ),
        },
    )
    target = FuzzyDateField(label=_("Date cible"))

    def __init__(self, *args, today: date, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)
        for name in ("title", "target"):
            self.fields[name].required_if = _("obligatoire pour ajouter ce jalon")

    def clean(self):
        cleaned = super().clean()
        title, target = cleaned.get("title"), cleaned.get("target")
        if title and target is None and "target" not in self.errors:
            self.add_error("target", _("Indiquez la date cible du nouveau jalon."))
        if target is not None and not title and "title" not in self.errors:
            self.add_error("title", _("Donnez un intitulé au nouveau jalon."))
        if target is not None and target.end < self.today:
            self.add_error(
                "target",
                _("La date cible d'un nouveau jalon est à venir : %(date)s est déjà passée.")
                % {"date": target.label()},
            )
        return cleaned

    def proposal(self) -> dict | None:
        """The NewMilestone this form asks for, or None when left empty."""
        title, target = self.cleaned_data.get("title"), self.cleaned_data.get("target")
        if not (title and target):
            return None
        return {"title": title, "forecast_on": target.end, "forecast_precision": target.precision}


class BaseNewMilestoneFormSet(forms.BaseFormSet):
    def __init__(self, *args, today: date, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"today": self.today}

    def proposals(self) -> list[dict]:
        return [proposal for form in self.forms if (proposal := form.proposal())]

    @property
    def in_use(self) -> bool:
        """Something was typed in one of the forms (the « Ajouter un jalon » section opens)."""
        return self.is_bound and any(form.has_changed() for form in self.forms)


NewMilestoneFormSet = forms.formset_factory(
    NewMilestoneForm,
    formset=BaseNewMilestoneFormSet,
    extra=1,
    max_num=MAX_NEW_MILESTONES,
    absolute_max=MAX_NEW_MILESTONES,
    validate_max=True,
)


def new_milestone_initial(pending) -> list[dict]:
    """The milestones the author's own pending update adds, to carry into a new form."""
    if pending is None:
        return []
    return [
        {"title": new.title, "target": fuzzy(new.forecast_on, new.forecast_precision)}
        for new in pending.new_milestones.all()
    ]
