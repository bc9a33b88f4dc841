"""Forms of the project pages: the status update, the review; the helpers every form uses.

The milestone rows of the update form are in `projects.milestone_forms`, and the whole update
form (the update, its milestones, the milestones it adds) in `projects.update_forms`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from projects import meteo_rules
from projects.enums import Meteo, Phase

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
# A field required only under a condition says so in its label (« obligatoire si … »), never
# « (Optionnel) »: it is rendered by this template instead of django-dsfr's.
CONDITIONAL_TEMPLATE = "projects/forms/conditional_field.html"


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


def text_field(label, max_length, required=False, help_text="", rows=4, required_if=None):
    """A stripped textarea with French messages. `required_if` (« obligatoire si … ») marks a
    field the form's `clean()` requires under that condition."""
    field = forms.CharField(
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
        template_name=CONDITIONAL_TEMPLATE if required_if else None,
    )
    field.required_if = required_if
    return field


class StatusUpdateForm(BaseForm):
    """The point d'avancement. `suggested` is the météo the evidence suggests: declaring a
    better one requires a justification."""

    meteo = forms.ChoiceField(
        label=_("Météo"),
        help_text=_("Confiance dans l'atteinte des objectifs, de la plus faible à la plus forte."),
        choices=[(meteo.value, meteo.label) for meteo in Meteo.declared()],
        # A class of our own: django-dsfr would otherwise add an attribute « dsfr » that is not
        # HTML (the Nu checker refuses it).
        widget=forms.RadioSelect(attrs={"class": "meteo-choice"}),
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
    summary = text_field(_("Résumé public"), 2000, required=True, rows=3)
    achievements = text_field(_("Réalisations"), 4000, help_text=_("Depuis le dernier point."))
    next_steps = text_field(_("Prochaines étapes"), 4000)
    meteo_justification = text_field(
        _("Justification de la météo"),
        2000,
        rows=2,
        required_if=_("obligatoire si la météo déclarée est meilleure que la météo suggérée"),
    )
    risks = text_field(_("Risques et points d'attention (interne)"), 4000, rows=3)
    decisions = text_field(_("Décisions attendues (interne)"), 4000, rows=3)
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    # Who reads each field: the public once the update is validated, or only the programme
    # office and the project's leads (the form shows them apart, each group said so).
    PUBLIC = (
        "meteo",
        "meteo_justification",
        "phase",
        "progress",
        "summary",
        "achievements",
        "next_steps",
    )
    INTERNAL = ("risks", "decisions")

    def __init__(self, *args, suggested: Meteo | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggested = suggested
        self.fields["meteo"].widget.inline = True  # django-dsfr's radios side by side
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

    def public_fields(self) -> list:
        return [self[name] for name in self.PUBLIC]

    def internal_fields(self) -> list:
        return [self[name] for name in self.INTERNAL]


class ReturnForm(BaseForm):
    comment = text_field(
        _("Commentaire pour le chef de projet"),
        2000,
        required=True,
        help_text=_(
            "Ce qui doit être corrigé avant validation. Interne : lu par les chefs de projet du "
            "projet, jamais publié."
        ),
        rows=3,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].error_messages["required"] = _(
            "Indiquez au chef de projet ce qui doit être corrigé."
        )
