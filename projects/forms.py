"""Forms of the project pages: the status update and its milestone formset, the review."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from projects import meteo_rules
from projects.enums import Meteo, Phase, UpdateState
from projects.fuzzydates import FuzzyDate, Precision
from projects.models.fields import EARLIEST, LATEST

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class BaseForm(DsfrBaseForm):
    """DsfrBaseForm without its per-render warning about the transitional setting
    DSFR_MARK_OPTIONAL_FIELDS (set in settings; the warning would fail the test suite)."""

    def get_context(self):
        context = forms.Form.get_context(self)
        context.setdefault("DSFR_MARK_OPTIONAL_FIELDS", True)
        return context

    def _post_clean(self):
        super()._post_clean()
        # A hidden field's error has no place on the page (only a tampered or truncated post
        # gets one): say it at the top of the form, or the reader sees no message at all.
        hidden_error = any(field.name in self._errors for field in self.hidden_fields())
        if hidden_error and None not in self._errors and "__all__" not in self._errors:
            self.add_error(
                None,
                _(
                    "Le formulaire reçu est incomplet ou a été modifié : rechargez la page, "
                    "puis recommencez."
                ),
            )


def _text(label, max_length, required=False, help_text="", rows=4):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": _("Ce champ est obligatoire."),
            "max_length": _(
                "Ce texte ne doit pas dépasser %(limit_value)d caractères "
                "(il en compte %(show_value)d)."
            ),
        },
    )


def _date(label, help_text=""):
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Saisissez une date valide, par exemple 31/12/2021.")},
    )


def _precision(label):
    return forms.ChoiceField(
        label=label,
        choices=Precision.choices,
        required=False,
        error_messages={"invalid_choice": _("Précision inconnue.")},
    )


def _in_range(day: date | None) -> bool:
    return day is None or EARLIEST <= day <= LATEST


class StatusUpdateForm(BaseForm):
    """The point d'avancement. `suggested` is the météo the evidence suggests: declaring a
    better one requires a justification."""

    meteo = forms.ChoiceField(
        label=_("Météo"),
        help_text=_("Confiance dans l'atteinte des objectifs, de la plus faible à la plus forte."),
        choices=[(meteo.value, meteo.label) for meteo in Meteo.declared()],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez une météo."),
            "invalid_choice": _("Choisissez une météo parmi les quatre proposées."),
        },
    )
    phase = forms.ChoiceField(
        label=_("Phase"),
        choices=[("", _("— Choisir une phase —")), *Phase.choices],
        error_messages={
            "required": _("Choisissez une phase."),
            "invalid_choice": _("Choisissez une phase parmi celles proposées."),
        },
    )
    progress = forms.IntegerField(
        label=_("Avancement (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "required": _("Indiquez l'avancement, en pourcentage."),
            "invalid": _("L'avancement est un nombre entier entre 0 et 100."),
            "min_value": _("L'avancement est un pourcentage entre 0 et 100."),
            "max_value": _("L'avancement est un pourcentage entre 0 et 100."),
        },
    )
    summary = _text(
        _("Résumé public"),
        2000,
        required=True,
        help_text=_("Publié sur le tableau de bord une fois le point validé."),
    )
    achievements = _text(_("Réalisations"), 4000, help_text=_("Depuis le dernier point."))
    next_steps = _text(_("Prochaines étapes"), 4000)
    risks = _text(
        _("Risques et points d'attention"),
        4000,
        help_text=_(
            "Interne : jamais publié ; lu par le bureau du programme et les chefs de projet."
        ),
    )
    decisions = _text(_("Décisions attendues"), 4000)
    meteo_justification = _text(
        _("Justification de la météo"),
        2000,
        help_text=_("Demandée quand la météo déclarée est meilleure que celle suggérée."),
    )
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, suggested: Meteo | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggested = suggested
        self.fields["summary"].error_messages["required"] = _("Le résumé public est obligatoire.")

    def clean(self):
        cleaned = super().clean()
        meteo = cleaned.get("meteo")
        if (
            meteo
            and self.suggested is not None
            and meteo_rules.needs_justification(meteo, self.suggested)
            and not cleaned.get("meteo_justification")
        ):
            self.add_error(
                "meteo_justification",
                _(
                    "La météo déclarée (« %(declared)s ») est meilleure que celle que suggèrent "
                    "les éléments du projet (« %(suggested)s ») : justifiez-la."
                )
                % {"declared": Meteo(meteo).label, "suggested": self.suggested.label},
            )
        return cleaned


class MilestoneForm(BaseForm):
    """One milestone of the project in the update form: forecast and actual dates."""

    milestone = forms.IntegerField(widget=forms.HiddenInput)
    forecast_on = _date(_("Date prévue"))
    forecast_precision = _precision(_("Précision de la date prévue"))
    actual_on = _date(
        _("Réalisé le"), help_text=_("Laisser vide tant que le jalon n'est pas atteint.")
    )
    actual_precision = _precision(_("Précision de la date de réalisation"))
    reason = _text(
        _("Motif du changement de date prévue"),
        2000,
        help_text=_("Obligatoire quand la date prévue change."),
        rows=2,
    )

    def __init__(self, *args, milestone, today: date, **kwargs):
        self.milestone = milestone
        self.today = today
        super().__init__(*args, **kwargs)

    @property
    def title(self) -> str:
        return self.milestone.title

    @property
    def baseline(self):
        return self.milestone.baseline

    @property
    def published_forecast(self):
        return self.milestone.forecast

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("milestone") not in (None, self.milestone.pk):
            raise forms.ValidationError(
                _("Les jalons ont changé depuis l'ouverture du formulaire : rechargez la page.")
            )
        forecast = self._fuzzy("forecast_on", "forecast_precision")
        actual = self._fuzzy("actual_on", "actual_precision")
        if (
            forecast is None
            and self.milestone.forecast_on is not None
            and "forecast_on" not in self.errors
        ):
            self.add_error(
                "forecast_on",
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
                "forecast_on",
                _(
                    "La nouvelle date prévue est déjà passée : si le jalon est atteint, "
                    "indiquez plutôt sa date de réalisation."
                ),
            )
        if actual is not None and actual.end > self.today:
            # The stored date is the last day of its period: claiming « décembre 2026 » on
            # 1 December would publish a realisation the month has not yet given.
            self.add_error(
                "actual_on",
                _("La date de réalisation ne peut pas être dans le futur.")
                if actual.start > self.today
                else _(
                    "La période de réalisation (%(period)s) n'est pas terminée : indiquez le "
                    "jour, ou attendez la fin de la période."
                )
                % {"period": actual.label()},
            )
        cleaned["forecast"], cleaned["actual"] = forecast, actual
        return cleaned

    def _fuzzy(self, day_field, precision_field) -> FuzzyDate | None:
        day = self.cleaned_data.get(day_field)
        if day is None:
            return None
        if not _in_range(day):
            self.add_error(day_field, _("La date doit être comprise entre 2000 et 2099."))
            return None
        return FuzzyDate.of(day, self.cleaned_data.get(precision_field) or Precision.DAY)

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
            "milestone": milestone.pk,
            "forecast_on": milestone.forecast_on,
            "forecast_precision": milestone.forecast_precision or Precision.DAY,
            "actual_on": milestone.actual_on,
            "actual_precision": milestone.actual_precision or Precision.DAY,
        }
        if change := pending_changes.get(milestone.pk):
            if change.forecast_on:
                row["forecast_on"] = change.forecast_on
                row["forecast_precision"] = change.forecast_precision
                row["reason"] = change.reason
            if change.actual_on:
                row["actual_on"] = change.actual_on
                row["actual_precision"] = change.actual_precision
        initial.append(row)
    return initial


class ReturnForm(BaseForm):
    comment = _text(
        _("Commentaire pour le chef de projet"),
        2000,
        required=True,
        help_text=_("Ce qui doit être corrigé avant validation."),
        rows=3,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].error_messages["required"] = _(
            "Indiquez au chef de projet ce qui doit être corrigé."
        )


# Fields copied from the latest update into a new form: a validated update gives the state of
# the project; the author's own unvalidated one (draft, submitted, returned) gives everything.
CARRIED_OVER = ["meteo", "phase", "progress", "summary", "next_steps", "risks", "decisions"]
PENDING_CARRIED_OVER = [*CARRIED_OVER, "achievements", "meteo_justification"]


class UpdateForms:
    """The status update form and its milestone formset, bound together.

    The météo the evidence suggests is computed from the milestones as this update would leave
    them (the lead writing it answers for every forecast; the staleness rule left out):
    declaring a better one asks for a justification. `latest` is the project's latest update of
    any state (its id becomes `based_on`), with `milestone_changes` prefetched.
    """

    def __init__(self, *, project, milestones, indicators, latest, today: date, data=None):
        self.project, self.latest = project, latest
        self.milestones, self.indicators, self.today = list(milestones), indicators, today
        pending = latest if latest is not None and latest.state != UpdateState.VALIDATED else None
        changes = {c.milestone_id: c for c in pending.milestone_changes.all()} if pending else {}
        self.formset = MilestoneFormSet(
            data,
            milestones=self.milestones,
            today=today,
            initial=milestone_initial(self.milestones, changes),
            prefix="jalons",
        )
        bound = data is not None
        overrides = self.formset.overrides() if bound and self.formset.is_valid() else {}
        self.explanation = meteo_rules.explain_project(
            project,
            milestones=project.milestones.with_dates(overrides=overrides, tracked=True)
            .visible_on()
            .order_by("position", "pk"),
            indicators=indicators,
            today=today,
            check_staleness=False,
            reports=True,
        )
        initial = {"based_on": latest.pk if latest else None}
        if latest is not None:
            for name in PENDING_CARRIED_OVER if pending else CARRIED_OVER:
                initial[name] = getattr(latest, name)
            if initial["meteo"] not in Meteo.declared():
                del initial["meteo"]
        self.form = StatusUpdateForm(data, initial=initial, suggested=self.explanation.suggested)

    def is_valid(self) -> bool:
        formset_valid = self.formset.is_valid()
        return self.form.is_valid() and formset_valid

    def rebased(self, latest_id: int | None) -> "UpdateForms":
        """The same input, now based on `latest_id` (after a refused concurrent save)."""
        data = self.form.data.copy()
        data["based_on"] = "" if latest_id is None else str(latest_id)
        return UpdateForms(
            project=self.project,
            milestones=self.milestones,
            indicators=self.indicators,
            latest=None,
            today=self.today,
            data=data,
        )
