"""The site's own pages, the ones every DSFR site has."""

from datetime import date

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from projects.redirects import local_target

# The day the accessibility statement was last established (shown on /accessibilite/).
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 28)


@require_safe
def accessibility(request):
    return render(
        request,
        "pages/accessibility.html",
        {"statement_date": ACCESSIBILITY_STATEMENT_DATE},
    )


@require_safe
def legal(request):
    return render(request, "pages/legal.html")


@require_safe
def sitemap(request):
    return render(request, "pages/sitemap.html")


@require_safe
def switch_language(request):
    """Remember the reader's language in a cookie and go back to the page they were reading.

    A plain link (GET) rather than a form: choosing a language changes nothing but a
    preference, and pages need no CSRF token for it.
    """
    code = request.GET.get("langue", "")
    response = redirect(local_target(request, request.GET.get("suivant", ""), "/"))
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def bad_request(request, exception):
    """The site's 400: the French page with the site's layout (Django's own 400 view renders
    without the request), or a JSON error under /api/ as the API's other errors."""
    if request.path.startswith("/api/"):
        return JsonResponse({"erreur": "Requête invalide."}, status=400)
    return render(request, "400.html", status=400)
