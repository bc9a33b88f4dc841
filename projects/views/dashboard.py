from django.shortcuts import render
from django.views.decorators.http import require_safe

from missions.grouping import group_by_mission
from missions.models import Mission
from projects.coverage import coverage_on
from projects.models import Project


@require_safe
def home(request):
    projects = Project.objects.in_portfolio().for_listing()
    return render(
        request,
        "projects/home.html",
        {
            "groups": group_by_mission(Mission.objects.all(), projects),
            "coverage": coverage_on(),
            "candidates": Project.objects.to_confirm().select_related("mission"),
        },
    )
