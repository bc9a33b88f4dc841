"""One access helper per object: fetch, join and check permission together."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from projects import perms
from projects.models import Project


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
