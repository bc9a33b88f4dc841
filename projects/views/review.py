"""The programme office's validation queue: each submitted update set against what is published
(`projects.review`), validated after a confirmation step, or sent back with a comment; and the
projects to chase."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects import perms, review, services
from projects.access import get_update_for_review
from projects.forms import ReturnForm
from projects.models import Project, StatusUpdate
from projects.redirects import local_target

STALE_LISTED = 20


def _queued():
    return (
        StatusUpdate.objects.awaiting_review()
        .select_related("project", "project__mission", "project__latest_update", "author")
        .prefetch_related("author__groups", "milestone_changes__milestone", "new_milestones")
    )


def _render_queue(request, return_forms=None, status=200):
    reviews = review.reviews(_queued(), timezone.localdate())
    return_forms = return_forms or {}
    for item in reviews:
        pk = item.update.pk
        item.return_form = return_forms.get(pk) or ReturnForm(prefix=f"renvoi-{pk}")
    stale = Project.objects.in_portfolio().stale().select_related("mission")
    return render(
        request,
        "projects/review_queue.html",
        {
            "reviews": reviews,
            "stale_projects": stale[:STALE_LISTED],
            "stale_count": stale.count(),
        },
        status=status,
    )


@login_required
@require_safe
def queue(request):
    if not perms.can_validate(request.user):
        raise PermissionDenied
    return _render_queue(request)


@login_required
@require_http_methods(["GET", "POST"])
def validate(request, pk):
    """GET: the confirmation step (what will be published, the warnings); POST: publish."""
    update = get_update_for_review(request, pk)
    back = local_target(request, request.POST.get("suivant", ""), reverse("projects:review"))
    if request.method == "GET":
        queued = _queued().filter(pk=update.pk)
        if not queued:
            messages.error(request, _("Ce point n'attend plus de validation."))
            return redirect("projects:review")
        (item,) = review.reviews(queued, timezone.localdate())
        following = local_target(request, request.GET.get("suivant", ""), "")
        return render(
            request, "projects/validate_confirm.html", {"review": item, "following": following}
        )
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
    return redirect(back)


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
