import logging

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers

from techgouv.health import database_answers

logger = logging.getLogger(__name__)


class FrenchFirstLocaleMiddleware:
    """French unless the reader chose English with the language switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a French public
    service shows French first, with the same URLs in both languages.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


class DatabaseUnavailableMiddleware:
    """A page in French with status 503 when the database cannot be reached, not a stack trace.

    Catches the connection errors of any view (PostgreSQL stopped, restarting, too many
    connections). The page is rendered without a request context: no context processor, no
    session, no database. With `CONN_HEALTH_CHECKS`, the first request after the database is back
    opens a new connection: the application recovers without a restart.

    OperationalError also covers errors of the query itself (SQLite's « too many terms in
    compound SELECT », a statement timeout): the database is asked `SELECT 1` before saying it is
    unreachable, and when it answers the error stays what it is, a 500 whose traceback Django
    logs (`django.request`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError) or database_answers():
            return None
        logger.error("Base de données injoignable : %s", exception, extra={"request": request})
        response = HttpResponse(
            render_to_string("503.html"), status=503, content_type="text/html; charset=utf-8"
        )
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response


class RejectNulBytesMiddleware:
    """A 400 for a NUL character in the path or a query parameter, before any view reads it.

    PostgreSQL refuses NUL in a text value: `/api/instantanes/%00/` or
    `/instantanes/comparer/?a=%00` would end in a 500 at the first query using the value.
    No page of the site needs one. The 400 is the site's French page (`techgouv.views.bad_request`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL character in the path or the query string")
        return self.get_response(request)
