"""Settings shared by every environment, read from environment variables (12-factor)."""

import importlib.util
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PMVT_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    # Our apps first: their templates override the libraries' ones (allauth, admin).
    "pmvt.core",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "pmvt.territories",
    "pmvt.accounts",
    "pmvt.portal",
    "pmvt.notifications",
    "pmvt.actors",
    "pmvt.catalog",
    "pmvt.orders",
    "pmvt.community",
    "pmvt.agenda",
    "pmvt.ideas",
    "pmvt.news",
    "pmvt.clubs",
    "pmvt.aids",
    "pmvt.consultations",
    "pmvt.jobs",
    "pmvt.volunteering",
    "pmvt.activities",
    "pmvt.investments",
    "pmvt.vouchers",
    "pmvt.skills",
    "pmvt.assets",
    "pmvt.projects",
    "pmvt.maison",
    "pmvt.workshops",
    "pmvt.interop",
    "pmvt.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pmvt.territories.middleware.TerritoryHostMiddleware",
    "pmvt.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "pmvt.territories.middleware.TerritoryScopeMiddleware",
    "pmvt.accounts.middleware.RequireTwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
    "pmvt.core.middleware.PermissionErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "pmvt.core.context_processors.site",
                "pmvt.core.header_counts.counters",
            ],
        },
    }
]

FORM_RENDERER = "pmvt.core.forms.FormRenderer"

# Database: SQLite (WAL, IMMEDIATE transactions) by default; PostgreSQL through DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
    if os.environ.get("PMVT_DB_PREPARED_STATEMENTS", "1") == "1":
        # Server-side binding lets PostgreSQL keep the plan of a query the connection runs
        # again and again (psycopg prepares it from its 2nd run): a third less of
        # PostgreSQL's time on the checkout page. 0 behind a pooler in transaction mode
        # (PgBouncer), where a connection's prepared statements may not be there.
        DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 2}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "pmvt.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, so that several app servers share it.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "pmvt.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pmvt",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else ("django.contrib.sessions.backends.db")
)

# Background tasks: the Django tasks API, stored in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:after_login"

# django-allauth: email is the login; verification is mandatory.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_FORMS = {"signup": "pmvt.accounts.forms.SignupForm"}
ACCOUNT_ADAPTER = "pmvt.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[PM-VT] "
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# allauth's own per-email limit would lock an account from every IP: leave lockouts to axes
# (username+IP, with cool-off) and keep only a per-IP ceiling here.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "PM-VT"

# django-axes: lock a username+IP pair after repeated failures, for a cool-off period only,
# so that nobody can lock another person out for good.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# allauth authenticates with email=...: tell axes where the username is.
AXES_USERNAME_CALLABLE = "pmvt.accounts.adapter.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None

# The public address of the site (scheme and host, no trailing slash), for the absolute links
# of emails such as the unsubscribe link. Required in production.
PMVT_SITE_URL = os.environ.get("PMVT_SITE_URL", "").rstrip("/")

# Lifetime of the public catalog's cached facet counts and pages (pmvt.catalog.cache); a safety
# net only, changes invalidate at once. 0 turns the cache off.
PMVT_CATALOG_CACHE_SECONDS = int(os.environ.get("PMVT_CATALOG_CACHE_SECONDS", "900"))
# The same for the sellers' standing delivery options read at checkout
# (pmvt.orders.logistics_cache).
PMVT_LOGISTICS_CACHE_SECONDS = int(os.environ.get("PMVT_LOGISTICS_CACHE_SECONDS", "3600"))
# The territory row each request resolves (pmvt.territories.cache); changes are written back at
# once. Only with Redis: the versions in that row must be the same for every process, and
# without Redis each process has its own cache. 0 turns the cache off.
PMVT_TERRITORY_CACHE_SECONDS = int(
    os.environ.get("PMVT_TERRITORY_CACHE_SECONDS", "300" if REDIS_URL else "0")
)

# Map tiles: a tile server URL template (empty: markers on a plain background, no third party).
PMVT_MAP_TILE_URL = os.environ.get(
    "PMVT_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
PMVT_MAP_ATTRIBUTION = os.environ.get("PMVT_MAP_ATTRIBUTION", "© les contributeurs d'OpenStreetMap")
_tile_origin = "/".join(PMVT_MAP_TILE_URL.split("/")[:3]) if PMVT_MAP_TILE_URL else ""

# Content-Security-Policy: no inline script or style; the only third-party origin is the
# map tile server, for images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_tile_origin] if _tile_origin else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "src" / "pmvt" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Files only some people may read (CVs of job applications…): never under MEDIA_ROOT, served
# only through views that check access (pmvt.core.private_files).
PMVT_PRIVATE_ROOT = Path(os.environ.get("PMVT_PRIVATE_ROOT", VAR_DIR / "private"))
# How long job applications and their CVs are kept after the offer closes (RGPD).
PMVT_JOB_APPLICATION_RETENTION_DAYS = int(
    os.environ.get("PMVT_JOB_APPLICATION_RETENTION_DAYS", "183")
)
# Leaflet's files come from the django-leaflet package (the app itself needs GDAL, so only
# its static folder is used, found without importing the package).
_leaflet_spec = importlib.util.find_spec("leaflet")
STATICFILES_DIRS = (
    [("vendor", Path(next(iter(_leaflet_spec.submodule_search_locations or []))) / "static")]
    if _leaflet_spec
    else []
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PM-VT <ne-pas-repondre@pmvt.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Flash messages ride in a signed cookie (the session only if too large): showing "added to
# the cart" must not cost two session writes in the database.
MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# PM-VT's own settings.
PMVT_TERMS_VERSION = "2026-11"
PMVT_OPERATOR = {
    "name": os.environ.get("PMVT_OPERATOR_NAME", "SCIC PM-VT (démonstration)"),
    "address": os.environ.get("PMVT_OPERATOR_ADDRESS", "Adresse à renseigner"),
    "email": os.environ.get("PMVT_OPERATOR_EMAIL", "contact@pmvt.localhost"),
    "publisher": os.environ.get(
        "PMVT_OPERATOR_PUBLISHER", "Directeur ou directrice de la publication"
    ),
    "host": os.environ.get("PMVT_HOST_PROVIDER", "Hébergeur à renseigner"),
}
