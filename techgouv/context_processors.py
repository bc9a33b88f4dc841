from django.conf import settings


def site(request):
    """What every page's layout needs, without a database query."""
    return {"SITE_TITLE": "Tableau de bord TECH.GOUV", "DEBUG": settings.DEBUG}
