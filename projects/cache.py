"""What the public pages compute, cached with Django's cache framework and invalidated at once.

Every cached entry is keyed with a *version number* kept in the cache itself. The services bump
it when the published portfolio changes (an update validated, a snapshot published, the
programme reloaded, a change in the admin): older entries are then never read again. With a
shared cache (Redis, `REDIS_URL`) every gunicorn worker and machine sees the new version at
once; with the default local-memory cache, only the process that made the change does, the
others within `PAGE_CACHE_SECONDS`.

`public_page` caches the whole rendered page for anonymous readers (no session, no message):
what a press-day spike is made of. Logged-in users always get a freshly rendered page, with
their own panels, but its costly figures (`remember`) are the same for everyone and cached too.

No stampede: when an entry is missing (expired, or a new version), one request computes it
(`cache.add` of a lock) while the others are served the previous value of the same page or
figure, kept under a version-free key; only when there is no previous value at all (the very
first request) do they compute too. `PAGE_CACHE_SECONDS` (0 turns both caches off) is how long
an entry stays fresh; the previous value is kept `STALE_SECONDS` longer.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

VERSION_KEY = "techgouv:portfolio-version"
# How long a previous value may be served while a fresh one is computed.
STALE_SECONDS = 24 * 3600
# A computation that takes longer than this lets another request try.
LOCK_SECONDS = 30


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


def _digest(prefix: str, parts: list[str]) -> str:
    return prefix + hashlib.sha256("|".join(parts).encode()).hexdigest()


def single_flight(parts: list[str], compute, namespace: str = "value"):
    """`compute()`, cached under `parts` + today + the portfolio version; computed by one
    request at a time, the others served the previous value meanwhile (see the module)."""
    base = [*parts, timezone.localdate().isoformat()]
    fresh = _digest(f"techgouv:{namespace}:", [*base, str(portfolio_version())])
    value = cache.get(fresh)
    if value is not None:
        return value
    stale = _digest(f"techgouv:{namespace}-previous:", parts)
    if cache.add(fresh + ":lock", 1, timeout=LOCK_SECONDS):
        try:
            value = compute()
            if value is not None:
                cache.set(fresh, value, settings.PAGE_CACHE_SECONDS)
                cache.set(stale, value, settings.PAGE_CACHE_SECONDS + STALE_SECONDS)
        finally:
            cache.delete(fresh + ":lock")
        return value
    previous = cache.get(stale)
    return previous if previous is not None else compute()


def remember(parts: list[str], compute):
    """`compute()`, shared by every reader until the published portfolio changes (the value
    must pickle). `PAGE_CACHE_SECONDS` 0 turns it off."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    return single_flight(parts, compute)


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

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        if settings.PAGE_CACHE_SECONDS <= 0 or not _is_anonymous_reader(request):
            return view(request, *args, **kwargs)
        rendered = {}

        def render():
            response = view(request, *args, **kwargs)
            rendered["response"] = response
            if response.status_code != 200 or response.cookies or response.streaming:
                return None
            nonce = getattr(request, "_csp_nonce", None)
            return response.content, response["Content-Type"], nonce

        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        stored = single_flight([request.get_full_path(), language], render, namespace="page")
        if "response" in rendered:
            return rendered["response"]  # rendered by this very request
        if stored is None:  # only a response that cannot be stored gives None
            return view(request, *args, **kwargs)
        content, content_type, nonce = stored
        if nonce:
            content = content.replace(nonce.encode(), str(request.csp_nonce).encode())
        response = HttpResponse(content, content_type=content_type)
        patch_vary_headers(response, ["Cookie"])
        return response

    return cached_view
