"""Escalade's only settings module, driven by environment variables.

With no variable set at all, Escalade runs: SQLite in ./var, mails written to
./var/mail (see README), DEBUG off. A bad value stops start-up with a message
naming the variable.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from escalade import env

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env.text("ESCALADE_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.boolean("DEBUG", False)
TESTING = "pytest" in sys.modules
SECRET_KEY = env.secret_key("SECRET_KEY", DATA_DIR)
ESCALADE_BASE_URL = env.base_url("ESCALADE_BASE_URL", "http://127.0.0.1:8000")
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.listing("CSRF_TRUSTED_ORIGINS", [ESCALADE_BASE_URL])

INSTALLED_APPS = [
    "escalade.core",
    "escalade.accounts",
    "escalade.tickets",
    "escalade.notifications",
    "escalade.mailgate",
    "escalade.glpi",
    "escalade.identity",
    "escalade.satisfaction",
    "escalade.stats",
    "escalade.glpiimport",
    "escalade.slas",
    "escalade.validations",
    "escalade.demo",
    "escalade.links",
    "escalade.bulk",
    "escalade.onbehalf",
    "escalade.tickettemplates",
    "escalade.operations",
    "escalade.knowbase",
    "escalade.itiltemplates",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "bootstrap",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "escalade.accounts.middleware.ActiveProfileMiddleware",
    "escalade.core.maintenance.MaintenanceMiddleware",
]

ROOT_URLCONF = "escalade.urls"
CSRF_FAILURE_VIEW = "escalade.core.errors.csrf_failure"
# The instance's name and logo, on the sign-in page, the header and the tab's title
# (« Assistance — Académie de Normandie »). The logo: an address, e.g. /static/… or https://….
ESCALADE_SITE_NAME = env.text("ESCALADE_SITE_NAME", "Escalade").strip() or "Escalade"
ESCALADE_LOGO_URL = env.text("ESCALADE_LOGO_URL", "").strip()
# Maintenance: every page answers 503 (also while the file <data dir>/maintenance exists).
ESCALADE_MAINTENANCE = env.boolean("ESCALADE_MAINTENANCE", False)
WSGI_APPLICATION = "escalade.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "escalade.accounts.context_processors.who",
                "escalade.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.database("DATABASE_URL", DATA_DIR / "escalade.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["escalade.formats"]  # English dates: 1 Dec 2026, 2026-12-01 15:30
TIME_ZONE = env.text("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True  # serve straight from the apps when collectstatic was not run
WHITENOISE_AUTOREFRESH = DEBUG

# Attachments live outside the web root and are served only through a view that
# checks the right to see the item they belong to.
ATTACHMENTS_DIR = Path(env.text("ESCALADE_ATTACHMENTS_DIR", str(DATA_DIR / "attachments")))
ATTACHMENT_MAX_BYTES = env.integer("ESCALADE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Email. The default writes each mail as a file in var/mail so a newcomer can
# read them without an SMTP server.
_email = env.email("EMAIL_URL", f"file:{DATA_DIR / 'mail'}")
globals().update(_email)
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "Escalade <escalade@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 20
ESCALADE_MAILGATE_ADDRESS = env.text("ESCALADE_MAILGATE_ADDRESS", "")
# Mail gateway: accepted messages per sender and per hour; more are refused.
ESCALADE_MAILGATE_RATE_LIMIT = env.integer("ESCALADE_MAILGATE_RATE_LIMIT", 30, minimum=1)
# Mail gateway: the authserv-ids of the receiving MTA's Authentication-Results headers.
ESCALADE_MAILGATE_AUTHSERV_ID = env.listing("ESCALADE_MAILGATE_AUTHSERV_ID", [])

TASKS = {
    "default": {
        "BACKEND": env.text("ESCALADE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "escalade.core.drf.JSONBodyParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Escalade API",
    "DESCRIPTION": "Escalade's REST API (v1).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Security: safe defaults; stricter once served over HTTPS.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
_https = ESCALADE_BASE_URL.startswith("https://")
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
if _https:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Secret query-string values (password, user_token, session_token, app_token) masked.
    "filters": {"redact": {"()": "escalade.core.logs.RedactingFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}
    },
    "root": {"handlers": ["console"], "level": env.text("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},  # its start-up banner on every command
        # runserver's request lines hold query strings: through the masking handler.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Django's hashers, then GLPI's bcrypt hashes of imported accounts (verified at
# sign-in, then upgraded to the first hasher): see escalade.glpiimport.hashers.
GLPI_PASSWORD_HASHER = "escalade.glpiimport.hashers.GlpiBcryptPasswordHasher"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    GLPI_PASSWORD_HASHER,
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", GLPI_PASSWORD_HASHER]

# --- Identity: LDAP, OIDC, lock-out, password reset ---
# Directory (LDAP) and single sign-on (OpenID Connect) are off until their
# variables are set (see README, "Identity and sign-in"). Local accounts always
# work. django-axes counts failed sign-ins on every path that calls
# django.contrib.auth.authenticate(request=request, ...) — web form, GLPI API
# sessions, API — and locks a username from one address for a while, never for good.
from datetime import timedelta  # noqa: E402

from escalade.identity.config import (  # noqa: E402
    LDAP_BACKEND,
    OIDC_BACKEND,
    ldap_settings,
    oidc_settings,
)

_ldap = ldap_settings()
_oidc = oidc_settings()
globals().update(_ldap)
globals().update(_oidc)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses while locked, before any check
    *([LDAP_BACKEND] if _ldap else []),
    "django.contrib.auth.backends.ModelBackend",  # local accounts, beside the directory
    *([OIDC_BACKEND] if _oidc["OIDC_ENABLED"] else []),
]
LOGIN_REDIRECT_URL_FAILURE = "/compte/connexion/"

INSTALLED_APPS += ["axes"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")

AXES_ENABLED = True
AXES_FAILURE_LIMIT = env.integer("ESCALADE_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("ESCALADE_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lock always ends on time
AXES_LOCKOUT_CALLABLE = "escalade.identity.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "escalade.identity.lockout.client_ip"
AXES_USERNAME_CALLABLE = "escalade.identity.lockout.client_username"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # shared by all processes
AXES_VERBOSE = True
ESCALADE_PROXY_COUNT = env.integer("ESCALADE_PROXY_COUNT", 0, minimum=0)

PASSWORD_RESET_TIMEOUT = env.integer("ESCALADE_PASSWORD_RESET_HOURS", 2, minimum=1) * 3600
SESSION_COOKIE_AGE = env.integer("ESCALADE_SESSION_HOURS", 12, minimum=1) * 3600
# GLPI API sessions end after this long, used or not (idle ones after 8 hours at most).
ESCALADE_GLPI_SESSION_HOURS = env.integer("ESCALADE_GLPI_SESSION_HOURS", 8, minimum=1)
# GLPI's initSession?login=…&password=… (the password then lands in access logs): off.
ESCALADE_GLPI_PASSWORD_IN_URL = env.boolean("ESCALADE_GLPI_PASSWORD_IN_URL", False)
if _https:
    SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", True)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy: everything is served by Escalade itself (no CDN).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if not env.boolean("ESCALADE_CSP", True):
    MIDDLEWARE.remove("csp.middleware.CSPMiddleware")

# --- Operations: health, metrics, JSON logs, shared storage, replicas, PgBouncer, nodes ---
# (README « Déploiement sur plusieurs machines »; every variable in escalade.operations.config)
from escalade.operations import config as _operations  # noqa: E402

# Their values come from apply(); named here for the type checker.
ESCALADE_METRICS_TOKEN = ""
ESCALADE_METRICS_ALLOW: list[str] = []
ESCALADE_WORKER_HEARTBEAT_MAX_AGE = 120
ESCALADE_LOG_FORMAT = "plain"
ESCALADE_S3: dict | None = None
ESCALADE_S3_SIGNED_URL_SECONDS = 0
ESCALADE_READ_YOUR_WRITES_SECONDS = 15
ESCALADE_DB_POOLER = ""
ESCALADE_MULTI_NODE = False
_operations.apply(globals())
