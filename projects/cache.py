"""What the public pages compute, cached with Django's cache framework and invalidated at once.

Every cached entry is keyed with a *version number* kept in the cache itself. The services bump
it when the published portfolio changes (an update validated, a snapshot published, the
programme reloaded, a change in the admin): older entries are then never read again and expire.
With a shared cache (Redis, `REDIS_URL`) every gunicorn worker and machine sees the new version
at once; with the default local-memory cache, only the process that made the change does, the
others within `PAGE_CACHE_SECONDS`.

`public_page` caches the whole rendered page for anonymous readers (no session, no message):
what a press-day spike is made of. Logged-in users always get a freshly rendered page, with
their own panels (internal notes, pending updates), but its costly figures (`shared_figure`:
milestone counts and timeline, status counts) are the same for everyone and cached too.
Both live `PAGE_CACHE_SECONDS` (0 turns both off).
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

VERSION_KEY = "techgouv:portfolio-version"


def portfolio_version() -> int:
    """The current version of the published portfolio (1 when nothing was ever bumped)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_portfolio_version() -> None:
    """Invalidate every cached page and figure, once the current transaction is committed.

    After the commit, not before: a reader in between would cache the old state again.
    """
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (evicted or never read): any new value invalidates
        cache.set(VERSION_KEY, portfolio_version() + 1, timeout=None)


def bump_on_admin_change(sender, instance, created, **kwargs) -> None:
    """Receiver of the admin's LogEntry post_save: the programme office changed data."""
    if created:
        bump_portfolio_version()


def remember(parts: list[str], compute):
    """`compute()`, shared by every reader until the published portfolio changes.

    The key holds `parts`, today (« today » values change at midnight) and the portfolio
    version: a validated update changes the version, never serves a stale value. The value must
    pickle. `PAGE_CACHE_SECONDS` 0 turns it off.
    """
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    raw = "|".join([*parts, timezone.localdate().isoformat(), str(portfolio_version())])
    key = "techgouv:value:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value


def shared_figure(compute):
    """`remember` a figure of the published portfolio, `compute(projects, as_of)`, keyed by
    the SQL of its `projects` scope and the date (counters, model instances with their related
    objects)."""

    @functools.wraps(compute)
    def cached(projects, as_of=None):
        try:
            scope = str(projects.query)
        except EmptyResultSet:  # an empty scope: nothing to compute, nothing to share
            return compute(projects, as_of)
        return remember([compute.__qualname__, scope, str(as_of)], lambda: compute(projects, as_of))

    return cached


def _page_key(request) -> str:
    # Today's date is part of the key: « today » pages change at midnight.
    raw = "|".join(
        [
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            timezone.localdate().isoformat(),
            str(portfolio_version()),
        ]
    )
    return "techgouv:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _is_anonymous_reader(request) -> bool:
    """A reader with neither a session nor a pending message: the page is the same for all."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def public_page(view):
    """Cache the full response of `view` for anonymous readers (see the module docstring).

    Only a 200 response without cookies is stored. The CSP nonce of the cached page is replaced
    with the current request's, so the page and its Content-Security-Policy header agree.
    """

    def cached_view(request, *args, **kwargs):
        if settings.PAGE_CACHE_SECONDS <= 0 or not _is_anonymous_reader(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        stored = cache.get(key)
        if stored is not None:
            content, content_type, nonce = stored
            if nonce:
                content = content.replace(nonce.encode(), str(request.csp_nonce).encode())
            response = HttpResponse(content, content_type=content_type)
            patch_vary_headers(response, ["Cookie"])
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            nonce = getattr(request, "_csp_nonce", None)
            cache.set(
                key,
                (response.content, response["Content-Type"], nonce),
                settings.PAGE_CACHE_SECONDS,
            )
        return response

    cached_view.__name__ = view.__name__
    cached_view.__doc__ = view.__doc__
    cached_view.__wrapped__ = view
    return cached_view
