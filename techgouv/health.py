"""The health endpoint the reverse proxy and the monitoring poll: is the database reachable?"""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def health(request):
    """200 `{"statut": "ok", "base_de_donnees": "ok"}` when `SELECT 1` answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse(
            {"statut": "indisponible", "base_de_donnees": "injoignable"}, status=503
        )
    return JsonResponse({"statut": "ok", "base_de_donnees": "ok"})
