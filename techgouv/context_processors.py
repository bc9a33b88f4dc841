from django.conf import settings

from projects.timetravel import time_travel


def site(request):
    """What every page's layout needs, without a database query."""
    return {
        "DEBUG": settings.DEBUG,
        "SITE_URL": settings.SITE_URL,
        "travel": time_travel(request),
        "PROGRAMME_OFFICE_CONTACT": settings.PROGRAMME_OFFICE_CONTACT,
    }
