"""Settings for the Smart City Thailand platform.

Everything that differs between a laptop, CI and production comes from the environment;
the defaults give a working development site on SQLite with no configuration at all.
"""

import datetime as dt
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Each reader fails loudly on a malformed value and names the variable (see core.env).
from smartcity.core.env import (
    env_bool,
    env_cache_url,
    env_database,
    env_int,
    env_list,
    env_rate,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SMARTCITY_VAR_DIR", BASE_DIR / "var"))

# PyThaiNLP must never reach for the network at run time (closed government networks).
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("SMARTCITY_ALLOW_INSECURE_KEY", False):
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    # Hardening (see the "Sign-in protection" block below and docs/security.md).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "pgtrigger",
    # The read API /api/v1/ (docs/api.md): DRF, its generated schema and the schema's
    # pages from our own static files, and CORS for other sites' scripts.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    # Our bounded contexts, in dependency order (see docs/architecture.md).
    "smartcity.core",
    "smartcity.accounts",
    "smartcity.notifications",
    "smartcity.geo",
    "smartcity.proposals",
    "smartcity.reviews",
    "smartcity.committee",
    "smartcity.certification",
    "smartcity.network",
    "smartcity.registry",
    "smartcity.api",
    "smartcity.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "smartcity.core.middleware.RequestLogMiddleware",
    # Logs each request made with a partner's API token (after the response, never failing it).
    "smartcity.api.tokens.middleware.ApiTokenLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before CommonMiddleware, so that a redirect carries the CORS header too.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "smartcity.core.middleware.AuditAddressMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "smartcity.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "smartcity.core.middleware.PermissionsPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees the lockout flag the login form's authenticate() set.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smartcity.urls"
WSGI_APPLICATION = "smartcity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "smartcity" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "smartcity.core.context_processors.site",
                "smartcity.notifications.context_processors.inbox",
            ],
            "builtins": [
                "smartcity.core.templatetags.thai",
                "django.contrib.humanize.templatetags.humanize",
            ],
        },
    }
]

# Database: SQLite file by default; PostgreSQL (or anything dj-database-url reads) via DATABASE_URL.
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'smartcity.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Connections are kept between requests as on PostgreSQL (DATABASE_CONN_MAX_AGE): a
    # new SQLite connection per request (open, its pragmas, close) cost a kept public
    # page more than the page itself (docs/performance.md, "Throughput").
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets readers carry on while a writer commits; IMMEDIATE avoids the
    # "database is locked" upgrade race between two writers.
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username + address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # rules' backend, minus the admin's model-level questions (see core.permissions)
    "smartcity.core.permissions.RulesBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Each person lands on what waits for their roles (a safe ?next= still wins).
LOGIN_REDIRECT_URL = "dashboard:home"

# Sign-in protection, two-factor authentication and throttles (docs/security.md) ---------

# The client's address: REMOTE_ADDR, or the first X-Forwarded-For hop only behind a proxy
# that sets that header (core.http.client_ip; audit rows, lockouts and throttles use it).
SMARTCITY_TRUST_X_FORWARDED_FOR = env_bool("SMARTCITY_TRUST_X_FORWARDED_FOR", False)

# django-axes: a username tried from one address is locked after AXES_FAILURE_LIMIT wrong
# passwords for AXES_COOLOFF_TIME; `manage.py axes_reset` lifts every lock.
AXES_FAILURE_LIMIT = env_int("SMARTCITY_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("SMARTCITY_LOGIN_COOLOFF_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "smartcity.accounts.views.auth.attempted_username"
AXES_CLIENT_IP_CALLABLE = "smartcity.core.http.client_ip"
# The sign-in page itself answers a locked account, in the reader's language.
AXES_LOCKOUT_CALLABLE = "smartcity.accounts.views.auth.locked_out"
AXES_VERBOSE = False

# Two-factor authentication (django-otp): secretariat, committee members and admins must
# verify a code after their password. On by default; off under DJANGO_DEBUG=1 unless set.
SMARTCITY_REQUIRE_2FA = env_bool("SMARTCITY_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "Smart City Thailand"

# Throttles per client address, counted in the cache ("requests/seconds").
SMARTCITY_THROTTLES = {
    "verify": env_rate("SMARTCITY_THROTTLE_VERIFY", "60/60"),
    "search": env_rate("SMARTCITY_THROTTLE_SEARCH", "60/60"),
    "pdf": env_rate("SMARTCITY_THROTTLE_PDF", "20/60"),
    "password_reset_ip": env_rate("SMARTCITY_THROTTLE_PASSWORD_RESET_IP", "10/3600"),
    "password_reset_email": env_rate("SMARTCITY_THROTTLE_PASSWORD_RESET_EMAIL", "3/3600"),
    "signup_ip": env_rate("SMARTCITY_THROTTLE_SIGNUP_IP", "10/3600"),
    "signup_email": env_rate("SMARTCITY_THROTTLE_SIGNUP_EMAIL", "3/3600"),
    # The read API: anonymous clients per address, partner agencies per token (docs/api.md).
    "api": env_rate("SMARTCITY_THROTTLE_API", "120/60"),
    "api_partner": env_rate("SMARTCITY_THROTTLE_API_PARTNER", "2000/60"),
}

# The read API /api/v1/ (smartcity.api, docs/api.md): read-only, JSON (CSV and GeoJSON
# are streamed by the views themselves), paginated with a maximum page size. No session
# authentication, so no CSRF and nothing personal: anonymous readers, and partner agencies
# with a token (the token's authentication class joins this list with the tokens).
REST_FRAMEWORK = {
    # Partner agencies' tokens (api.tokens; docs/api-tokens.md). No session authentication:
    # the API is read-only and takes no cookie, so it needs no CSRF.
    "DEFAULT_AUTHENTICATION_CLASSES": ["smartcity.api.tokens.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "smartcity.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["smartcity.api.throttles.ApiThrottle"],
    "UNICODE_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Smart City Thailand API",
    "DESCRIPTION": (
        "The read-only open data of the Smart City Thailand programme: certified areas, "
        "national figures, provinces and regions, certificates, committee meetings and the "
        "ASEAN Smart Cities Network cities. Field values in Thai or English "
        "(Accept-Language or ?lang=th|en). Collections also stream as CSV and GeoJSON "
        "(?format=csv|geojson, or Accept: text/csv, application/geo+json). "
        "Partner agencies send `Authorization: Token <key>`: a higher throttle and a "
        "certificate's full history. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per set of codes, whichever field carries it.
    "ENUM_NAME_OVERRIDES": {
        f"{name}Enum": f"smartcity.api.serializers.ENUMS.{name}"
        for name in ("DisplayStatus", "NetworkStatus", "Domain", "RegionCode", "MeetingStatus")
    },
}
# CORS: any site's script may read the API, the registry's exports and the catalogue;
# GET only, and never with credentials (nothing here depends on a cookie).
CORS_URLS_REGEX = r"^/(api/v1/|catalog\.|open-data/dictionary/|verify/[^/]+\.json$)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_HEADERS = [
    "accept",
    "accept-language",
    "authorization",
    "if-none-match",
    "if-modified-since",
]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Content-Disposition"]

# Caching: local memory by default; with CACHE_URL=redis://... (several web processes or
# machines) the cache is Redis, and sessions are kept there too in front of the database
# (cached_db: a session survives a Redis restart, reads rarely reach the database).
CACHE_URL = env_cache_url("CACHE_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("SMARTCITY_CACHE_PREFIX", "smartcity"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: Django's tasks API. The database backend by default, so a worker
# (`manage.py db_worker`) needs nothing but the database; SMARTCITY_TASKS=immediate runs
# every task inside the call that enqueues it (the tests; a laptop without a worker).
TASKS_MODE = os.environ.get("SMARTCITY_TASKS", "database")
if TASKS_MODE not in {"database", "immediate"}:
    raise ImproperlyConfigured(
        f"SMARTCITY_TASKS must be 'database' or 'immediate', not {TASKS_MODE!r}."
    )
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_MODE == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default", "mail", "exports"],
    }
}

# Language: Thai first, English second.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "smartcity_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "smartcity" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"


# Uploads and generated files: on local disk (MEDIA_ROOT) by default; on S3-compatible
# object storage (django-storages) when SMARTCITY_S3_BUCKET is set. Every stored file is
# private: attachments and exports reach people only through our views, which check who
# asks and stream the file; the bucket grants nothing to anonymous readers, and the site
# never links to a bucket address.
def s3_storage(environ) -> dict:
    """The default storage for the bucket `environ` names (see docs/production.md)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environ["SMARTCITY_S3_BUCKET"],
            "endpoint_url": environ.get("SMARTCITY_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("SMARTCITY_S3_REGION") or None,
            "access_key": environ.get("SMARTCITY_S3_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("SMARTCITY_S3_SECRET_ACCESS_KEY") or None,
            "location": environ.get("SMARTCITY_S3_PREFIX", ""),
            "default_acl": "private",
            # A stored name is never reused: an upload beside another gets its own key.
            "file_overwrite": False,
            # Should a URL ever be asked for, it is signed and short-lived.
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }


if os.environ.get("SMARTCITY_S3_BUCKET"):
    STORAGES["default"] = s3_storage(os.environ)

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "noreply@smartcity.example.go.th")

# Production: security headers, request logs, error reports (docs/production.md) -------------
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# No referrer leaves the site (a page's address may carry a proposal or a search).
SECURE_REFERRER_POLICY = "same-origin"
# Browser features no page uses are switched off for the page and anything it embeds
# (sent by core.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), "
    "xr-spatial-tracking=()"
)
if env_bool("DJANGO_SECURE", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp). Every script, style, image and request comes from
# this site: no inline script or style, no eval, no CDN (static assets are vendored). Leaflet
# and Chart.js style elements through the CSSOM, which style-src does not govern. Violations
# are reported to core's endpoint, which logs the directive and the blocked address.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "report-uri": ["/csp-report"],
    }
}
# Reports a browser may send per address and minute before the endpoint stops logging.
CSP_REPORTS_PER_MINUTE = env_int("SMARTCITY_CSP_REPORTS_PER_MINUTE", 30, minimum=1)

# Errors: with SMARTCITY_ERROR_EMAIL set, every unhandled error (a 500) is mailed to those
# addresses by Django's AdminEmailHandler (only when DEBUG is off), through EMAIL_BACKEND.
ADMINS = [(address, address) for address in env_list("SMARTCITY_ERROR_EMAIL", "")]
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", "") or os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "noreply@smartcity.example.go.th"
)

# One JSON line per request on the "smartcity.requests" logger (core.middleware), the rest
# as plain lines; everything to standard error, for the process manager to collect.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "smartcity.requests": {
            "level": "INFO" if env_bool("SMARTCITY_REQUEST_LOG", True) else "WARNING"
        },
        # WeasyPrint and fontTools narrate every PDF at INFO; their warnings are what matters.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes narrates every attempt at INFO; its lockouts are warnings.
        "axes": {"level": "WARNING"},
    },
}

# The programme's own configuration. Figures that policy may change live here, not in code.
SMARTCITY = {
    # National target announced by the programme: 105 smart cities by 2027 (B.E. 2570).
    "TARGET_AREAS": env_int("SMARTCITY_TARGET_AREAS", 105, minimum=1),
    "TARGET_YEAR": env_int("SMARTCITY_TARGET_YEAR", 2027, minimum=1),
    "TOTAL_PROVINCES": 77,
    "REGISTRY_PAGE_SIZE": 50,
    # How long a new certificate is valid, in years (the programme's rule may change).
    "CERTIFICATE_VALIDITY_YEARS": env_int("SMARTCITY_CERTIFICATE_VALIDITY_YEARS", 3, minimum=1),
    # How long the log of requests made with partners' API tokens is kept, in days.
    "API_TOKEN_LOG_DAYS": env_int("SMARTCITY_API_TOKEN_LOG_DAYS", 180, minimum=1),
    # The public address of the site, for QR codes and links in PDFs and emails.
    "SITE_URL": os.environ.get("SMARTCITY_SITE_URL", "http://127.0.0.1:8000").rstrip("/"),
}

# In development and tests WhiteNoise serves the source files and picks up edits;
# production serves the hashed, compressed files that collectstatic wrote.
WHITENOISE_AUTOREFRESH = DEBUG or env_bool("SMARTCITY_TESTING", False)
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH
