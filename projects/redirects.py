from django.utils.http import url_has_allowed_host_and_scheme


def local_target(request, target: str, fallback: str) -> str:
    """`target` (a `suivant` parameter) when it stays on this site, else `fallback`."""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return fallback
