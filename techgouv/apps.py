from django.apps import AppConfig


class TechgouvConfig(AppConfig):
    """The site itself: settings checks (`techgouv.checks`); no models."""

    name = "techgouv"
    verbose_name = "TECH.GOUV"

    def ready(self):
        from techgouv import checks  # noqa: F401 — registers the checks
