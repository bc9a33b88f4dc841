"""Login throttling (django-axes): whose address a failed login counts against, and what a
locked-out person reads.

A lockout is per (username, client address). Behind the reverse proxy every request comes from
the proxy's address: the client's is the one the proxy appends to X-Forwarded-For. That header
is read only when the request comes from a trusted proxy (`FORWARDED_ALLOW_IPS`, the variable
gunicorn reads for the same purpose); anyone else could write it to pass for someone else.
"""

import ipaddress

from axes.helpers import get_attempt_expiration
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def _networks():
    return [
        ipaddress.ip_network(entry, strict=False)
        for entry in settings.FORWARDED_ALLOW_IPS
        if entry != "*"
    ]


def _is_proxy(address, networks) -> bool:
    return any(address in network for network in networks)


def client_ip(request) -> str:
    """The address of the person logging in (django-axes' AXES_CLIENT_IP_CALLABLE).

    REMOTE_ADDR, unless it is a trusted proxy: then X-Forwarded-For is read from the right (each
    proxy appends the address it received the request from) and the first address that is not
    itself a trusted proxy is the client's. Entries to its left were written by the client and
    are never believed. With FORWARDED_ALLOW_IPS « * » (any front end, as in gunicorn), the
    right-most entry is the client's. A malformed entry stops the walk at the last good address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks()
    try:
        trusted = "*" in settings.FORWARDED_ALLOW_IPS or _is_proxy(
            ipaddress.ip_address(remote), networks
        )
    except ValueError:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not trusted or not forwarded:
        return remote
    client = remote
    for hop in reversed([hop.strip() for hop in forwarded.split(",")]):
        try:
            address = ipaddress.ip_address(hop)
        except ValueError:
            break
        client = str(address)
        if not _is_proxy(address, networks):
            break
    return client


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out attempt (AXES_LOCKOUT_CALLABLE): the French page,
    saying when the person may try again (each attempt meanwhile starts the wait again)."""
    return render(
        request,
        "registration/lockout.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "retry_at": timezone.localtime(get_attempt_expiration(request)),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
