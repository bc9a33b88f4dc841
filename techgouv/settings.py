"""Settings of the TECH.GOUV dashboard, read from the environment (README, « Configuration »)."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from techgouv.env import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_networks,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is not 'true'.")
    SECRET_KEY = "dev-only-insecure-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

# The site's public address (« https://tableau-de-bord.numerique.gouv.fr »): the permanent
# address printed in files, feeds, embed codes and the links of e-mails. Never taken from a
# request's Host header, which a visitor chooses. Required in production, over https
# (techgouv/checks.py, techgouv/wsgi.py, `make serve`).
SITE_URL = env_url("SITE_URL") or ("http://127.0.0.1:8000" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "dsfr",
    "django_tables2",
    "django_filters",
    "missions",
    "projects",
    "techgouv",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "techgouv.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "techgouv.middleware.FrenchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "techgouv.urls"
WSGI_APPLICATION = "techgouv.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "techgouv.context_processors.site",
            ],
            "builtins": ["projects.templatetags.formats"],
        },
    }
]

# The dashboard runs on SQLite with no set-up; PostgreSQL (psycopg 3) when DATABASE_URL says so.
DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))
}
# Persistent connections, checked before reuse: after a PostgreSQL restart the next request
# opens a fresh connection instead of failing on the dead one (no gunicorn restart needed).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Public pages and the dashboards' figures are cached (projects/cache.py) and invalidated by a
# version number that the services bump; a shared Redis when REDIS_URL is set (several gunicorn
# workers or machines see the same version at once), else each process's local memory.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # plotly.js from npm (`npm ci`), the smallest official bundle that draws our charts.
    ("vendor/plotly", BASE_DIR / "node_modules" / "plotly.js-basic-dist-min"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Whitenoise rewrites dsfr.min.css, so django-dsfr's integrity hashes would no longer match.
DSFR_USE_INTEGRITY_CHECKSUMS = False
# Filters are all optional: no « (Optionnel) » after each of their labels (issue 13).
DSFR_MARK_OPTIONAL_FIELDS = False
FORM_RENDERER = "dsfr.forms.DsfrDjangoTemplates"

DJANGO_TABLES2_TEMPLATE = "django_tables2/dsfr.html"

LOGIN_URL = "login"
# The office lands on its validation queue, a project lead on « Mes projets » (accounts.landing).
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "home"

# Accounts: login throttling by django-axes. A lockout is per (username, client address) so that
# one agent mistyping a password cannot lock out a whole ministry behind the same proxy address,
# nor an attacker the real owner. The client address comes from X-Forwarded-For only when the
# request comes from a trusted proxy (techgouv/throttling.py): the addresses gunicorn trusts for
# the X-Forwarded-* headers, from the same variable (gunicorn's default too).
FORWARDED_ALLOW_IPS = env_networks("FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"])
# django-dsfr's radio and checkbox snippets load widget_tweaks (a dependency of django-dsfr).
INSTALLED_APPS += ["axes", "widget_tweaks"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# Innermost: its 400 page goes back out through every other middleware (headers, CSP, language).
MIDDLEWARE += ["techgouv.middleware.RejectNulBytesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "techgouv.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "techgouv.throttling.lockout_response"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    # Behind the reverse proxy, which terminates TLS and says so in X-Forwarded-Proto (only the
    # proxy reaches gunicorn: it listens on 127.0.0.1, FORWARDED_ALLOW_IPS names the proxy).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Secure by default: a request the proxy did not mark https is redirected to https, even
    # if the proxy already does it. `false` only where the proxy cannot send the header.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^sante/$"]  # the proxy's health probe may speak plain HTTP
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (django-csp): nothing inline, neither scripts nor styles. Scripts and
# stylesheets come from our own static files; the DSFR script tags carry the request's nonce.
# plotly.js would inject a <style> element: it is told not to (an element with the id
# "plotly.js-style-global" and the class "no-inline-styles", see includes/chart_scripts.html)
# and its rules are served from static/techgouv/plotly.css instead.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# E-mails (projects/notifications.py): printed on the console in development; sent through
# the SMTP relay the environment names in production. Sent after the transaction commits.
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10  # seconds: a relay that hangs never holds a request for long
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Tableau de bord TECH.GOUV <ne-pas-repondre@numerique.gouv.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Snapshot exports (PDF, PNG, press kit) are built once and kept here: snapshots are immutable.
# Who grants access: shown on the 403 page (« le bureau du programme : … »); an address or a URL.
PROGRAMME_OFFICE_CONTACT = env_str("PROGRAMME_OFFICE_CONTACT", "")
EXPORT_CACHE_DIR = Path(env_str("EXPORT_CACHE_DIR", str(BASE_DIR / "var" / "exports")))
# How long a download request waits for a background build before answering « en préparation ».
EXPORT_WAIT_SECONDS = env_int("EXPORT_WAIT_SECONDS", 8)
# Start building a new snapshot's press kit as soon as it is frozen (the press downloads it next).
EXPORT_PREPARE_ON_CREATE = env_bool("EXPORT_PREPARE_ON_CREATE", True)
# Builds waiting or running at once, in all (per process), and per visitor (client address):
# beyond either, the reader gets « en préparation » and no new build starts.
EXPORT_QUEUE_LIMIT = env_int("EXPORT_QUEUE_LIMIT", 8)
EXPORT_QUEUE_PER_VISITOR = env_int("EXPORT_QUEUE_PER_VISITOR", 2)

# Logs go to stderr, where gunicorn writes its own error log (`make serve`: --error-logfile -),
# in gunicorn's line format plus the logger's name and the request's path. Server errors
# (`django.request`, status 5xx) come with their traceback; 4xx answers are in the access log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_path": {"()": "techgouv.logs.RequestPathFilter"}},
    "formatters": {
        "gunicorn": {
            "format": "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s %(path)s: %(message)s",
            "datefmt": "%Y-%m-%d %H:%M:%S %z",
        }
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "gunicorn",
            "filters": ["request_path"],
        }
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "django.request": {"level": "ERROR"},
    },
}
