"""One access helper per object: fetch, join and check permission together."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from projects import perms
from projects.models import Project, StatusUpdate


def get_project_for_update(request, slug) -> Project:
    """The project at `slug`, with its mission and leads, if the user may post an update for it.

    Unknown slug: 404. A refused user: PermissionDenied (403). Write views are also wrapped in
    `login_required`, so a visitor is sent to the login page before reaching this helper; a
    visitor who does get here is refused too.
    """
    project = get_object_or_404(
        Project.objects.select_related("mission").prefetch_related("leads"), slug=slug
    )
    if not perms.can_post_update(request.user, project):
        raise PermissionDenied
    return project


def get_update_for_review(request, pk):
    """The status update `pk` with its project, if the user may validate it (programme office).

    Unknown update: 404; anyone else: PermissionDenied (403).
    """
    update = get_object_or_404(StatusUpdate.objects.select_related("project"), pk=pk)
    if not perms.can_validate(request.user):
        raise PermissionDenied
    return update


def get_draft_for_submit(request, slug, pk):
    """A draft of the project at `slug` that the user may submit (its leads, the office)."""
    project = get_project_for_update(request, slug)
    update = get_object_or_404(project.updates.all(), pk=pk)
    return update


def get_published_snapshot(slug):
    """A published snapshot (an edition or a press snapshot) by its permanent slug, or 404."""
    from projects.models import Snapshot

    return get_object_or_404(Snapshot.objects.published(), slug=slug)
