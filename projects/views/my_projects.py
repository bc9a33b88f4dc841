"""« Mes projets »: where a project lead lands after signing in; her projects and what each
waits for (`projects.follow_up`)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from projects import follow_up, perms


@login_required
@require_safe
def my_projects(request):
    follow_ups = follow_up.led_by(request.user)
    return render(
        request,
        "projects/my_projects.html",
        {
            "follow_ups": follow_ups,
            "returned": [f for f in follow_ups if f.returned],
            "drafts": [f for f in follow_ups if f.draft and not f.returned],
            "due": [f for f in follow_ups if f.due],
            "is_office": perms.is_programme_office(request.user),
        },
    )
