from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from missions.models import Mission
from projects.coverage import coverage_on
from projects.models import Project
from projects.models.project import identified_q


@require_safe
def mission_list(request):
    missions = Mission.objects.annotate(identified=Count("projects", filter=identified_q("projects__")))
    return render(
        request,
        "missions/list.html",
        {"missions": missions, "coverage": coverage_on()},
    )


@require_safe
def mission_detail(request, code):
    mission = get_object_or_404(Mission, code=code.upper())
    return render(
        request,
        "missions/detail.html",
        {
            "mission": mission,
            "projects": Project.objects.in_portfolio().filter(mission=mission).for_listing(),
            "coverage": coverage_on(),
        },
    )

