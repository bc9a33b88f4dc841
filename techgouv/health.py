"""The health endpoint the reverse proxy and the monitoring poll: is the database reachable?"""

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.transaction import TransactionManagementError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def database_answers() -> bool:
    """Does the database answer `SELECT 1` now? False only when it cannot be reached (a
    connection error); an error of the current transaction still means it answered."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (OperationalError, InterfaceError):
        return False
    except (DatabaseError, TransactionManagementError):
        return True
    return True


@never_cache
@require_safe
def health(request):
    """200 `{"statut": "ok", "base_de_donnees": "ok"}` when `SELECT 1` answers, else 503."""
    if not database_answers():
        return JsonResponse(
            {"statut": "indisponible", "base_de_donnees": "injoignable"}, status=503
        )
    return JsonResponse({"statut": "ok", "base_de_donnees": "ok"})
