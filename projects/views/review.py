"""The programme office's validation queue: validate or send back submitted updates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from projects import perms, services
from projects.access import get_update_for_review
from projects.forms import ReturnForm
from projects.models import StatusUpdate
from projects.redirects import local_target


def _render_queue(request, return_forms=None, status=200):
    updates = list(
        StatusUpdate.objects.awaiting_review()
        .select_related("project", "project__mission", "author")
        .prefetch_related("milestone_changes__milestone")
    )
    return_forms = return_forms or {}
    for update in updates:
        update.return_form = return_forms.get(update.pk) or ReturnForm(prefix=f"renvoi-{update.pk}")
    return render(request, "projects/review_queue.html", {"updates": updates}, status=status)


@login_required
@require_safe
def queue(request):
    if not perms.can_validate(request.user):
        raise PermissionDenied
    return _render_queue(request)


@login_required
@require_POST
def validate(request, pk):
    update = get_update_for_review(request, pk)
    try:
        services.validate_update(update=update, reviewer=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Point d'avancement de « %(project)s » validé et publié.")
            % {"project": update.project.display_name},
        )
    return redirect(
        local_target(request, request.POST.get("suivant", ""), reverse("projects:review"))
    )


@login_required
@require_POST
def send_back(request, pk):
    update = get_update_for_review(request, pk)
    form = ReturnForm(request.POST, prefix=f"renvoi-{update.pk}")
    if not form.is_valid():
        return _render_queue(request, {update.pk: form}, status=400)
    try:
        services.return_update(
            update=update, reviewer=request.user, comment=form.cleaned_data["comment"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Point d'avancement de « %(project)s » renvoyé pour correction.")
            % {"project": update.project.display_name},
        )
    return redirect("projects:review")
