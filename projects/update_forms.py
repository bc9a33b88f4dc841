"""The whole status update form: the update, its milestone rows, the milestones it adds, the
météo the evidence suggests, and the summary of what a refused form got wrong."""

from dataclasses import dataclass
from datetime import date

from django.forms.utils import ErrorDict, ErrorList
from django.utils.translation import gettext as _

from projects import meteo_rules
from projects.enums import Meteo, UpdateState
from projects.forms import StatusUpdateForm
from projects.milestone_forms import (
    MAX_NEW_MILESTONES,
    MilestoneFormSet,
    NewMilestoneFormSet,
    milestone_initial,
    new_milestone_initial,
)

# Fields copied from the latest update into a new form: a validated update gives the state of
# the project; the author's own unvalidated one (draft, submitted, returned) gives everything.
CARRIED_OVER = ["meteo", "phase", "progress", "summary", "next_steps", "risks", "decisions"]
PENDING_CARRIED_OVER = [*CARRIED_OVER, "achievements", "meteo_justification"]
MILESTONES_PREFIX = "jalons"
NEW_PREFIX = "nouveaux"


@dataclass(frozen=True)
class FieldError:
    """One line of the error summary: a link to the field, its label, the message."""

    anchor: str
    label: str
    message: str


class UpdateForms:
    """The status update form, its milestone formset and its new milestones, bound together.

    The météo the evidence suggests is computed from the milestones as this update would leave
    them (the lead writing it answers for every forecast; the staleness rule left out):
    declaring a better one asks for a justification. `latest` is the project's latest update of
    any state (its id becomes `based_on`), with `milestone_changes` and `new_milestones`
    prefetched. `add_milestone`: the author asked for one more « nouveau jalon » block (the
    form comes back with every value kept, without checking them yet).
    """

    def __init__(
        self,
        *,
        project,
        milestones,
        indicators,
        latest,
        today: date,
        data=None,
        add_milestone=False,
    ):
        self.project, self.latest = project, latest
        self.milestones, self.indicators, self.today = list(milestones), indicators, today
        pending = latest if latest is not None and latest.state != UpdateState.VALIDATED else None
        self.pending = pending
        changes = {c.milestone_id: c for c in pending.milestone_changes.all()} if pending else {}
        self.formset = MilestoneFormSet(
            data,
            milestones=self.milestones,
            today=today,
            initial=milestone_initial(self.milestones, changes),
            prefix=MILESTONES_PREFIX,
        )
        self.new_formset = self._new_formset(data, pending, add_milestone)
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
        self.adding = add_milestone
        if add_milestone:
            self._silence()

    def _new_formset(self, data, pending, add_milestone):
        total_key = f"{NEW_PREFIX}-TOTAL_FORMS"
        if data is not None and total_key not in data:
            # A form opened before new milestones existed: it adds none.
            data = None
        if data is not None and add_milestone:
            data = data.copy()
            count = data.get(total_key, "")
            count = int(count) if count.isdigit() and len(count) < 4 else 0
            data[total_key] = str(min(count + 1, MAX_NEW_MILESTONES))
        return NewMilestoneFormSet(
            data, today=self.today, initial=new_milestone_initial(pending), prefix=NEW_PREFIX
        )

    def _silence(self):
        """Show the values typed without judging them yet (after « Ajouter un autre jalon »)."""
        for form in [self.form, *self.formset.forms, *self.new_formset.forms]:
            form._errors = ErrorDict()
        for formset in (self.formset, self.new_formset):
            formset._errors = [ErrorDict() for _form in formset.forms]
            formset._non_form_errors = ErrorList()

    def is_valid(self) -> bool:
        if self.adding:
            return False
        formset_valid = self.formset.is_valid()
        new_valid = not self.new_formset.is_bound or self.new_formset.is_valid()
        return self.form.is_valid() and formset_valid and new_valid

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

    @property
    def returned(self):
        """The update the programme office sent back, with its comment, while it is still
        being corrected: the project's latest update, or the one a draft corrects."""
        update = self.pending
        if update is not None and update.state == UpdateState.DRAFT:
            update = update.based_on
        if update is not None and update.state == UpdateState.RETURNED:
            return update
        return None

    def new_milestones(self) -> list[dict]:
        return self.new_formset.proposals() if self.new_formset.is_bound else []

    @property
    def open_milestones(self) -> list:
        """Rows of milestones not yet achieved (shown open), then achieved ones (collapsed)."""
        return [form for form in self.formset if not form.is_done]

    @property
    def done_milestones(self) -> list:
        return [form for form in self.formset if form.is_done]

    @property
    def new_section_open(self) -> bool:
        """The « Ajouter un jalon » section opens when it holds something or was asked for."""
        return self.adding or self.new_formset.in_use or bool(self.new_formset.initial)

    def errors(self) -> list[FieldError]:
        """Every error of a refused form, in page order, for the summary at its top."""
        if self.adding or not self.form.is_bound:
            return []
        found = [FieldError("point-formulaire", "", str(e)) for e in self.form.non_field_errors()]
        found += _field_errors(self.form, "")
        found += [FieldError("jalons", "", str(e)) for e in self.formset.non_form_errors()]
        for form in self.formset:
            title = form.milestone.display_title
            found += [
                FieldError(f"jalon-{form.milestone.pk}", title, str(e))
                for e in form.non_field_errors()
            ]
            found += _field_errors(form, title)
        if self.new_formset.is_bound:
            found += [
                FieldError("nouveaux-jalons", _("Nouveaux jalons"), str(e))
                for e in self.new_formset.non_form_errors()
            ]
            for number, form in enumerate(self.new_formset, 1):
                label = _("Nouveau jalon %(n)s") % {"n": number}
                found += _field_errors(form, label)
        return found


def _field_errors(form, context: str) -> list[FieldError]:
    found = []
    for name, errors in form.errors.items():
        if name == "__all__" or form.fields[name].widget.is_hidden:
            continue
        bound = form[name]
        label = f"{context} — {bound.label}" if context else str(bound.label)
        found += [FieldError(_anchor(bound), label, str(message)) for message in errors]
    return found


def _anchor(bound) -> str:
    """The id of the control to focus: the first radio of a group, the precision of a date."""
    widget = bound.field.widget
    if getattr(widget, "widgets", None):  # a fuzzy date: its precision select comes first
        return f"{bound.auto_id}_precision"
    if getattr(widget, "input_type", None) == "radio":
        return f"{bound.auto_id}_0"
    return bound.auto_id
