import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techgouv.settings")

application = get_wsgi_application()

# gunicorn runs no system check: refuse here what `manage.py check` refuses.
from techgouv.checks import missing_site_url  # noqa: E402 — needs the settings loaded

if message := missing_site_url():
    raise ImproperlyConfigured(message)
