"""Settings for edu-plans, read from the environment (one module for every deployment).

A local install also has ``local.env`` (written once by ``make run``, never committed; see
``edu_plans/local_env.py``): it fills the names the environment leaves unset. The test
suite ignores it, and a production server has none.

Environment variables:
    DATABASE_URL   default: SQLite file ``db.sqlite3`` in the project folder
    SECRET_KEY     required when DEBUG is off
    DEBUG          "1"/"true" to turn on debug mode (default: off)
    ALLOWED_HOSTS  comma-separated host names (default: localhost names)
    HTTPS          served over HTTPS (default: on when DEBUG is off); see README, "Security"
    STATIC_ROOT    where collectstatic puts the static files (default: ``staticfiles``)
    LOG_FORMAT     "json" or "text" (default: json when DEBUG is off, text in development
                   and in the tests)
    SITE_URL       the address users open, for links in e-mail (default
                   http://127.0.0.1:8000)
    EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
    EMAIL_USE_SSL, EMAIL_TIMEOUT, DEFAULT_FROM_EMAIL   the SMTP server (see "E-mail" below)
    EMAIL_FILE_PATH  with DEBUG on, where mail is written instead (default ``sent-mail``)
    JOBS_STALE_AFTER, JOBS_KEEP_DAYS, JOBS_WORKER_LATE_AFTER   background jobs (below)
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from import_export.formats.base_formats import XLSX

from edu_plans import local_env

BASE_DIR = Path(__file__).resolve().parent.parent


def _flag(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Set by the test suite (tests/testenv.py): DEBUG stays off, as in production, and a
# developer's local.env does not leak into the tests.
TESTING = _flag(os.environ.get("EDU_PLANS_TESTING"), False)
_env = dict(os.environ) if TESTING else local_env.environment()


def env_flag(name: str, default: bool = False) -> bool:
    return _flag(_env.get(name), default)


DEBUG = env_flag("DEBUG")

SECRET_KEY = _env.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not TESTING:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = [
    host.strip()
    for host in _env.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "import_export",
    "simple_history",
    # Login protection: failed-login lockout, authenticator apps and recovery codes.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Background jobs: Django's tasks API (backported to 5.2) on the database backend.
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "directives",
    "indicators",
    "reports",
    "planning",
    "dashboard",
    "jobs",
    "notifications",
]

MIDDLEWARE = [
    # First, so that every log record of the request carries its id (LOG_FORMAT below).
    "edu_plans.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Pages travel compressed over a slow provincial connection (a plan's phân công page
    # shrinks about tenfold); Django pads each compressed response against BREACH and
    # masks the CSRF token in every response. Static files come precompressed (WhiteNoise).
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "edu_plans.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which second factor, if any, this session has given (user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # Deny by default: every view needs a login unless it is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After the password: the second-factor code, or setting one up, before any other page.
    "accounts.middleware.LoginStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records the signed-in user on history rows written during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Pages of a signed-in user hold a unit's data: no shared cache may keep them.
    "edu_plans.middleware.PrivatePagesMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "edu_plans.urls"

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
                "jobs.context_processors.jobs_running",
                "notifications.context_processors.unread_notices",
            ],
            "libraries": {"form_fields": "edu_plans.form_fields"},
        },
    },
]

# Django's renderer with the common widgets written without a template: a report form's
# 300 fields otherwise cost more than the rest of its page (edu_plans/form_rendering.py).
FORM_RENDERER = "edu_plans.form_rendering.WidgetRenderer"

WSGI_APPLICATION = "edu_plans.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        _env.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections: several times the throughput under gunicorn.
    DATABASES["default"]["CONN_MAX_AGE"] = int(_env.get("CONN_MAX_AGE", "600"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reports:home"
LOGOUT_REDIRECT_URL = "login"

# Vietnamese first, English through Django's i18n.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
# Django's own "vi" formats parse 05/03/2025 as 3 May; ours parse it as 5 March.
FORMAT_MODULE_PATH = ["edu_plans.formats"]
# Grouping on input would turn "32.700" into 32700; thousands are grouped for display only.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = Path(_env.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and not TESTING
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without collectstatic (development, tests) WhiteNoise serves files from the apps' folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_ROOT = Path(_env.get("MEDIA_ROOT", BASE_DIR / "media"))
# A pasted directive may hold the reader's 2 million characters (3 bytes each in UTF-8,
# sent as multipart): the request must reach the page, which then says what is too long,
# rather than stop at Django's 2.5 MB default with a bare "bad request".
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
MEDIA_URL = "media/"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Production is served over HTTPS: redirect plain HTTP, tell browsers to stay on HTTPS
# (HSTS), send cookies over HTTPS only. HTTPS=0 is the one documented exception: a
# server on a closed LAN reached over plain HTTP.
HTTPS = env_flag("HTTPS", default=not DEBUG and not TESTING)
if HTTPS:
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(_env.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    # Off by default: the product usually runs on one host of the province's domain,
    # whose other hosts the department does not control (see README, "Security").
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
if env_flag("BEHIND_HTTPS_PROXY"):
    # The reverse proxy terminates TLS and says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = []
if not env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS"):
    SILENCED_SYSTEM_CHECKS.append("security.W005")  # a choice, documented above
if not env_flag("SECURE_HSTS_PRELOAD"):
    SILENCED_SYSTEM_CHECKS.append("security.W021")  # preloading is the domain owner's call

# Content-Security-Policy (django-csp): everything from the app itself, no inline script
# or style, no plug-ins, no framing. Pages and the admin pass it; PDFs are not pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login protection: lockout and second factor
# django-axes counts failed logins per username *and* address together: schools behind one
# NAT address do not lock each other out, and nobody can lock a colleague out from
# elsewhere. After 5 failures that pair waits 15 minutes; a successful login resets it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Tries during a lockout do not push its end further: the page tells when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip_address"
# CLIENT_IP_HEADER (environment, default unset): the header in which our reverse proxy
# passes the client's address, e.g. "X-Real-IP", or "X-Forwarded-For" (its right-most
# entry is used). Unset, the connection's own address counts. Set it only behind a proxy
# that overwrites or appends that header, or anyone could choose the address they are
# counted under. See docs/security-login.md.
_client_ip_header = _env.get("CLIENT_IP_HEADER", "").strip()
CLIENT_IP_HEADER = (
    "HTTP_" + _client_ip_header.upper().replace("-", "_") if _client_ip_header else ""
)
# django-otp: authenticator apps (TOTP) and one-time recovery codes. Wrong codes are
# throttled on each device: 1, 2, 4, 8... seconds before the next try.
OTP_TOTP_ISSUER = "edu-plans"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# The admin never shows a device's secret once it is set up.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# django-import-export: one transaction per import, and formatted empty rows are not data.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True
# Workbooks only: staff live in Excel, and CSV loses Vietnamese text in old Excel versions.
IMPORT_EXPORT_FORMATS = [XLSX]

# E-mail: reminders, notices and password reset. In production an SMTP server from the
# environment (port 587 with STARTTLS, or 465 with EMAIL_USE_SSL); unset, Django's default
# localhost:25 (a local relay such as Postfix). In development (DEBUG) each mail is
# written as a file under EMAIL_FILE_PATH, so that a newcomer reads the reminders there.
SITE_URL = _env.get("SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
EMAIL_HOST = _env.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(_env.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = _env.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _env.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_flag("EMAIL_USE_SSL")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
# How long a send waits for the SMTP server (seconds); the worker sends an event's mail
# and the daily run the reminders, never a page (notifications/events.py). A mail that
# fails waits for the next daily run.
EMAIL_TIMEOUT = int(_env.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = _env.get("DEFAULT_FROM_EMAIL", "edu-plans <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_FILE_PATH = Path(_env.get("EMAIL_FILE_PATH", BASE_DIR / "sent-mail"))
if DEBUG and "EMAIL_HOST" not in _env:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"

# Background jobs (jobs/running.py, ADR 0018): tasks are rows in our own database, on
# SQLite and PostgreSQL alike (the tests too), taken by `manage.py db_worker`; on
# PostgreSQL several workers share the queue (SELECT ... FOR UPDATE SKIP LOCKED).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running job with no progress for this long (seconds) is shown as failed: its worker died.
JOBS_STALE_AFTER = int(_env.get("JOBS_STALE_AFTER", str(30 * 60)))
# Finished jobs and their files are removed this many days after they finished (prune_jobs).
JOBS_KEEP_DAYS = int(_env.get("JOBS_KEEP_DAYS", "7"))
# /healthz: a job waiting longer than this (seconds) means no worker is taking jobs.
JOBS_WORKER_LATE_AFTER = int(_env.get("JOBS_WORKER_LATE_AFTER", str(5 * 60)))

# Logs go to stderr (journald under systemd): one JSON object a line in production, with
# the request id (edu_plans/logs.py); plain text for a developer and in the tests.
LOG_FORMAT = _env.get("LOG_FORMAT", "text" if DEBUG or TESTING else "json").strip().lower()
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured('LOG_FORMAT must be "json" or "text".')
LOG_LEVEL = _env.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "edu_plans.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "edu_plans.logs.JsonFormatter", "time_zone": TIME_ZONE},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # One line a request in production (runserver prints its own in development).
    "loggers": {"edu_plans.requests": {"level": "INFO" if LOG_FORMAT == "json" else LOG_LEVEL}},
}
