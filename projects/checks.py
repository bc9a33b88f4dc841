"""System checks of the settings the update loop needs in production (`check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    """The links of e-mails are absolute: in production they must name the real site."""
    errors = []
    if not getattr(settings, "SITE_URL_SET", True):
        errors.append(
            Error(
                "SITE_URL n'est pas défini : les liens des courriels mèneraient à "
                f"{settings.SITE_URL}.",
                hint="Définissez SITE_URL, par exemple https://tableau-de-bord.numerique.gouv.fr "
                "(README, « Production »).",
                id="projects.E001",
            )
        )
    elif not settings.SITE_URL.startswith("https://"):
        errors.append(
            Error(
                f"SITE_URL ({settings.SITE_URL}) doit commencer par https:// en production.",
                id="projects.E002",
            )
        )
    return errors
