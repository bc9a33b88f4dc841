"""The status update form of a project: leads for their own projects, the programme office."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from projects import services
from projects.access import get_draft_for_submit, get_project_for_update
from projects.models import Measurement, Milestone
from projects.update_forms import UpdateForms

# The submit button that asks for one more « nouveau jalon » block (nothing is saved).
ADD_MILESTONE = "ajouter-jalon"


def _update_forms(project, today, data=None) -> UpdateForms:
    measurements = Measurement.objects.known_on(today).order_by("is_target", "on", "pk")
    return UpdateForms(
        project=project,
        milestones=Milestone.objects.filter(project=project, withdrawn_on__isnull=True)
        .with_dates()
        .order_by("position", "pk"),
        indicators=project.indicators.prefetch_related(
            Prefetch("measurements", queryset=measurements)
        ),
        latest=project.updates.order_by("-pk")
        .select_related("reviewed_by", "based_on__reviewed_by")
        .prefetch_related("milestone_changes", "new_milestones")
        .first(),
        today=today,
        data=data,
        add_milestone=data is not None and data.get("action") == ADD_MILESTONE,
    )


@login_required
@require_http_methods(["GET", "POST"])
def update_project(request, slug):
    project = get_project_for_update(request, slug)
    today = timezone.localdate()
    forms = _update_forms(project, today, request.POST if request.method == "POST" else None)
    if request.method == "POST" and forms.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            services.save_update(
                project=project,
                author=request.user,
                data=forms.form.cleaned_data,
                milestone_moves=forms.formset.moves(),
                new_milestones=forms.new_milestones(),
                submit=submit,
            )
        except services.StaleUpdateError as error:
            forms = forms.rebased(services.latest_update_id(project.pk))
            forms.is_valid()
            forms.form.add_error(None, error)
        else:
            if submit:
                messages.success(request, _("Point d'avancement soumis au bureau du programme."))
            else:
                messages.success(request, _("Brouillon enregistré : il n'est pas encore soumis."))
            return redirect(project)
    return render(request, "projects/update_form.html", {"project": project, "forms": forms})


@login_required
@require_POST
def submit_draft(request, slug, pk):
    update = get_draft_for_submit(request, slug, pk)
    try:
        services.submit_update(update=update, author=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Point d'avancement soumis au bureau du programme."))
    return redirect(update.project)
