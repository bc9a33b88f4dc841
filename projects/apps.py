from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projets")

    def ready(self):
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_save

        from projects.cache import bump_on_admin_change

        # A change made in the admin invalidates the cached public pages (projects/cache.py).
        post_save.connect(bump_on_admin_change, sender=LogEntry, dispatch_uid="techgouv-cache")
