"""The admin keeps history as the rest of the site does.

- `JournaledAdmin`: every addition, change and deletion made in the admin is written to the
  journal (AuditEvent): who, which object, and the values of the changed fields before and
  after, inline rows included.
- `WithdrawableAdmin`: a project or a milestone that was ever public is never deleted; its
  change page offers « Retirer » instead, which asks for a reason and calls the service.
- `MilestoneAdminForm`: the first published date of a milestone (and what places it: its
  project, its publication date) cannot be edited once set; a move is a status update.
"""

from datetime import date
from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from projects import history
from projects.models import Milestone, Project

WITHDRAWAL_FIELDS = ["withdrawn_on", "withdrawal_reason", "withdrawn_by"]


def plain(value):
    """A field value as the journal (JSON) keeps it: related objects by their id."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(plain(item) for item in value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _form_changes(form, names) -> dict:
    return {
        "before": {name: plain(form.initial.get(name)) for name in names},
        "after": {name: plain(form.cleaned_data.get(name)) for name in names},
    }


def _inline_changes(formset) -> list[dict]:
    """What an inline formset added, changed or deleted, row by row, with the values."""
    rows = []
    model = formset.model._meta.label_lower
    skipped = {"id", "DELETE", formset.fk.name}

    def names(form):
        return [name for name in form.fields if name not in skipped]

    for form in formset.initial_forms:
        if formset.can_delete and form.cleaned_data.get("DELETE"):
            before = {name: plain(form.initial.get(name)) for name in names(form)}
            rows.append({"model": model, "object_id": int(form["id"].value()), "deleted": before})
        elif form.has_changed():
            changed = [name for name in form.changed_data if name in names(form)]
            rows.append(
                {"model": model, "object_id": form.instance.pk, **_form_changes(form, changed)}
            )
    for form in formset.extra_forms:
        if form.has_changed() and form.instance.pk is not None:
            after = {name: plain(form.cleaned_data.get(name)) for name in names(form)}
            rows.append({"model": model, "object_id": form.instance.pk, "added": after})
    return rows


def _field_values(obj) -> dict:
    return {
        field.name: plain(getattr(obj, field.name))
        for field in obj._meta.concrete_fields
        if not field.primary_key
    }


class JournaledAdmin(admin.ModelAdmin):
    """Every change made through this admin is journaled, in the admin's own transaction."""

    def journal_project(self, obj):
        """The project whose journal tells of `obj` (None for what belongs to no project)."""
        return obj if isinstance(obj, Project) else getattr(obj, "project", None)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if change:
            fields = _form_changes(form, form.changed_data) if form.changed_data else {}
        else:
            fields = {"after": {name: plain(value) for name, value in form.cleaned_data.items()}}
        inlines = [row for formset in formsets for row in _inline_changes(formset)]
        if not fields and not inlines:
            return  # saved unchanged: nothing happened
        history.journal_admin_change(
            actor=request.user,
            action="admin.changed" if change else "admin.added",
            obj=obj,
            project=self.journal_project(obj),
            **fields,
            **({"inlines": inlines} if inlines else {}),
        )

    def _journal_deletion(self, request, obj):
        history.journal_admin_change(
            actor=request.user,
            action="admin.deleted",
            obj=obj,
            project=self.journal_project(obj),
            before=_field_values(obj),
        )

    def delete_model(self, request, obj):
        self._journal_deletion(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._journal_deletion(request, obj)
        super().delete_queryset(request, queryset)


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du retrait"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Public : il est gardé avec l'objet retiré."),
    )


class WithdrawableAdmin(JournaledAdmin):
    """« Retirer » instead of deleting: a page asking for the reason, then the service."""

    change_form_template = "admin/projects/withdrawable_change_form.html"

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *WITHDRAWAL_FIELDS]

    def withdraw(self, obj, *, reason, actor):
        raise NotImplementedError

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_withdraw"
        view = self.admin_site.admin_view(self.withdraw_view)
        return [path("<path:object_id>/retirer/", view, name=name), *super().get_urls()]

    def withdraw_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        form = WithdrawalForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                self.withdraw(obj, reason=form.cleaned_data["reason"], actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                message = gettext(
                    "« %(object)s » est retiré : il reste consultable, hors des "
                    "tableaux de bord et des décomptes."
                ) % {"object": obj}
                self.message_user(request, message, messages.SUCCESS)
                change = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
                return redirect(reverse(change, args=[obj.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "form": form,
            "title": gettext("Retirer « %(object)s »") % {"object": obj},
        }
        return TemplateResponse(request, "admin/projects/withdraw.html", context)


class MilestoneAdminForm(forms.ModelForm):
    """Once a milestone has a baseline date (public at once), that first published date and
    what places it cannot change: disabled fields ignore whatever is posted."""

    LOCKED = ("baseline_on", "baseline_precision", "published_on", "project")

    class Meta:
        model = Milestone
        fields = [
            "project",
            "title",
            "title_en",
            "position",
            "baseline_on",
            "baseline_precision",
            "published_on",
            "source_wording",
            "confidence",
            "sources",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None or self.instance.baseline_on is None:
            return
        for name in self.LOCKED:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Première date publiée : elle ne se modifie plus. Un report de date passe "
                    "par un point d'avancement validé."
                )
