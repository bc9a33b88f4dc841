"""System checks on the settings: what production must not start without.

Run by `manage.py check` and every command that checks (`migrate`, `runserver`); gunicorn does
not run checks, so `techgouv.wsgi` refuses the same settings on its own.
"""

from django.conf import settings
from django.core import checks


def missing_site_url() -> str:
    """Why production cannot start, or "" when it can."""
    if settings.DEBUG or settings.SITE_URL:
        return ""
    return (
        "SITE_URL must be set when DEBUG is not 'true': it is the permanent address printed in "
        "the exports, the feed and the embed codes (never the request's Host header)."
    )


@checks.register(checks.Tags.security)
def site_url_is_set(app_configs, **kwargs):
    message = missing_site_url()
    return [checks.Error(message, id="techgouv.E001")] if message else []


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_https(app_configs, **kwargs):
    """`check --deploy`: the permanent address printed in files and e-mails is https."""
    if settings.DEBUG or not settings.SITE_URL or settings.SITE_URL.startswith("https://"):
        return []
    return [
        checks.Error(
            f"SITE_URL ({settings.SITE_URL}) must start with https:// in production.",
            id="techgouv.E002",
        )
    ]
