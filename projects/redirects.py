from django.utils.http import url_has_allowed_host_and_scheme


def local_target(request, target: str, fallback: str) -> str:
    """`target` (a `suivant` parameter) when it is a path of this site, else `fallback`.

    Only a path ("/…"): `redirect()` takes any other word for a URL name to reverse, and
    « ?suivant=0 » would be a 500 (NoReverseMatch).
    """
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return fallback
