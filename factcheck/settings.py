"""Settings, all read from the environment.

Local defaults need no server: an SQLite file and a filesystem message
broker in ``var/``. DEBUG is off unless DEBUG=true (the quick start and
the test suite set it), and with DEBUG off SECRET_KEY is required.
Production sets DATABASE_URL, CELERY_BROKER_URL (or REDIS_URL) and
SECRET_KEY. A malformed value stops start-up with an error that names the
variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

DEV_SECRET_KEY = "insecure-development-key-do-not-use-in-production"


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default, minimum=0):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}")
    return number


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(name, default):
    url = os.environ.get(name) or default
    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:
        raise ImproperlyConfigured(f"{name} is not a usable database URL ({exc})") from None
    engine = config.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        # The web process and the worker share the file: WAL lets readers go
        # on while one writes, IMMEDIATE takes the write lock up front so two
        # writers queue instead of failing with "database is locked".
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
        # Tests run on a file too, so that a real worker process sees them.
        config["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    elif engine.endswith("postgresql"):
        config["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)
        config["CONN_HEALTH_CHECKS"] = True
    else:
        raise ImproperlyConfigured(f"{name} must point at PostgreSQL or SQLite, not {engine!r}")
    return config


# Off unless asked for: a deployment that forgets the variable must not serve
# tracebacks. The quick start and the test suite ask for it (scripts/).
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
if not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters when DEBUG is off")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "annotations",
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
    "annotations.middleware.ContentSecurityPolicyMiddleware",
    "annotations.errors.PageErrorsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

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
                "annotations.context_processors.inbox",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The claims list prepares its statement once per PostgreSQL connection.
# Turn off behind a connection pooler in transaction mode.
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Not a check: Django tells validators when a password changed, and this
    # one revokes the user's API tokens then.
    {"NAME": "annotations.logins.RevokeTokensOnPasswordChange"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "annotations:home"
LOGOUT_REDIRECT_URL = "login"

# How many proxies in front of the app append to X-Forwarded-For. 0 (the
# default): the header is ignored and a client is its REMOTE_ADDR, so that it
# cannot choose the address its failed logins and throttles are counted on.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Logins lock out (django-axes, for the login page, the admin's and the API
# token endpoint) after LOGIN_FAILURE_LIMIT failures for one username from
# any address, or from one address for any usernames, until
# LOGIN_COOLOFF_MINUTES have passed since the last failure. Attempts are rows
# in the database, so every worker process counts the same ones.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10, 1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, 1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Tries during a lockout are refused without being counted: the cool-off
# ends when it said it would.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful login does not clear the failures: it would clear those of its
# address too, and let anyone with an account guess others' passwords between
# logins of their own.
AXES_RESET_ON_SUCCESS = False
AXES_DISABLE_ACCESS_LOG = True  # only failures are kept, and only for the cool-off
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "annotations.logins.client_address"
AXES_LOCKOUT_CALLABLE = "annotations.logins.lockout_response"

# An API token ends this many days after it is issued (0: never); every token
# of a user is revoked when their password changes.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 365)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The languages an imported page's text is told apart among (ISO 639-1, as
# lingua knows them), besides what the page declares: those a desk in
# South-East Asia plausibly meets. Fewer languages, fewer confusions.
LANGUAGE_DETECTION = env_str(
    "LANGUAGE_DETECTION", "en id ms tl vi th zh ja ko ar fa he hi bn ur ta fr de es pt nl it ru uk tr pl"
).split()
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Upload limits. Request bodies other than files stay small; import files
# stream to disk and are refused above IMPORT_MAX_UPLOAD_BYTES.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024, 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024, 1024)
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 1024**3, 1)
# A large upload streams to a temporary file beside the stored files, so that
# queueing the import moves it into storage; from /tmp, often another disk
# (a container's own layer), it would be copied within the request.
FILE_UPLOAD_TEMP_DIR = Path(env_str("FILE_UPLOAD_TEMP_DIR", str(MEDIA_ROOT / "uploads-in-progress")))
IMPORT_MAX_TEXT_CHARS = env_int("IMPORT_MAX_TEXT_CHARS", 1_000_000, 1)
# A JSON Lines line (an article, with its claims and their history) is read
# to this length at most, so that a worker's memory stays bounded.
IMPORT_MAX_RECORD_BYTES = env_int("IMPORT_MAX_RECORD_BYTES", 16 * 1024**2, 1024)
IMPORT_ZIP_MAX_FILES = env_int("IMPORT_ZIP_MAX_FILES", 10_000, 1)
IMPORT_ZIP_MAX_BYTES = env_int("IMPORT_ZIP_MAX_BYTES", 2 * 1024**3, 1)

# Public address of the site, for links that leave it (ClaimReview urls).
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
EXPORT_RETENTION_HOURS = env_int("EXPORT_RETENTION_HOURS", 72, 1)
EXPORT_PDF_MAX_CLAIMS = env_int("EXPORT_PDF_MAX_CLAIMS", 2000, 1)

# Who may bring people in. Off, only staff create projects, and project
# admins add people by invitation only, so that nobody learns which
# usernames the instance holds.
PROJECT_CREATION_OPEN = env_bool("PROJECT_CREATION_OPEN", False)
MEMBERS_FROM_INSTANCE = env_bool("MEMBERS_FROM_INSTANCE", False)
INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 14, 1)

# Mail (invitations). The console backend prints mails to the log; set
# EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST
# to send them.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, 1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "factcheck@localhost")

# Production hardening; each can be relaxed from the environment.
# X-Forwarded-Proto is believed only when a TLS-terminating proxy in front
# sets it and overwrites what clients send (docker-compose's Caddy does):
# without one, any plain-HTTP client could claim to be on HTTPS.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [] if env_bool("SECURE_HSTS_PRELOAD", False) else ["security.W021"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "annotations.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["annotations.api.filter_backends.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "annotations.api.pagination.CursorPagination",
    "DEFAULT_SCHEMA_CLASS": "annotations.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "annotations.api.errors.api_exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "annotations.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # `?format=` is the job lists' filter (csv, jsonl…), not a renderer's name;
    # the Accept header chooses between JSON and the browsable API.
    "URL_FORMAT_OVERRIDE": None,
    # Throttles read X-Forwarded-For only as far as trusted proxies wrote it.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Fact-check desk API",
    "DESCRIPTION": "Claims, verdicts, evidence and fact-check reports. Authenticate with a session or with "
    "`Authorization: Token <key>` from `POST /api/v1/auth/token/` (list and revoke them at `/api/v1/tokens/`). "
    "Errors share one shape: "
    '`{"error": {"status", "code", "message", "fields"?, "state"?, "revision"?}}`.',
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "annotations.models.ClaimStatus",
        "VerdictStatusEnum": "annotations.models.VerdictStatus",
        "JobStatusEnum": "annotations.models.JobStatus",
        "RoleEnum": "annotations.models.Role",
        "DismissReasonEnum": "annotations.models.DismissReason",
        "SentenceStatusEnum": "annotations.models.SentenceStatus",
        "MatchKindEnum": "annotations.checked_before.MatchKind",
        "EvidenceKindEnum": "annotations.models.EvidenceKind",
        "MatchDecisionEnum": "annotations.checked_before.Decision",
        "IndependentEnum": "annotations.models.IndependentState",
        "AgreementScopeEnum": "annotations.models.AgreementScope",
    },
}

# Celery. Production: Redis. Quick start: kombu's filesystem transport, a
# real broker that needs no server (a folder of message files).
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
if not CELERY_BROKER_URL.startswith(("redis://", "rediss://", "filesystem://", "memory://")):
    raise ImproperlyConfigured(f"CELERY_BROKER_URL must be a redis:// or filesystem:// URL, not {CELERY_BROKER_URL!r}")

# The cache holds the API throttles' counts. In Redis every worker process
# counts the same requests; in local memory (the default) each counts its own.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// URL, not {CACHE_URL!r}")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    BROKER_DIR = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR),
        "data_folder_out": str(BROKER_DIR),
        "control_folder": str(VAR_DIR / "broker-control"),
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "annotations.tasks.run_import": {"queue": "imports"},
    "annotations.tasks.run_export": {"queue": "exports"},
}

# A running job writes its heartbeat with every batch; one silent for
# JOB_STALE_SECONDS is taken as orphaned (its worker died) and is queued
# again. Brokers do not reliably re-deliver such a task by themselves.
JOB_STALE_SECONDS = env_int("JOB_STALE_SECONDS", 120, 2)
JOB_RECOVERY_INTERVAL_SECONDS = env_int("JOB_RECOVERY_INTERVAL_SECONDS", 60, 1)
# Periodic work, run by Celery beat (the quick start embeds it in its worker;
# docker-compose runs it as the "beat" service, exactly one).
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-jobs": {"task": "annotations.tasks.jobs_requeue_stale", "schedule": JOB_RECOVERY_INTERVAL_SECONDS},
    # Search vectors left empty by an import whose own indexing task was lost.
    "index-search": {
        "task": "annotations.tasks.index_search", "schedule": JOB_RECOVERY_INTERVAL_SECONDS,
        "kwargs": {"limit": 10_000},
    },
    "expire-exports": {"task": "annotations.tasks.exports_expire", "schedule": JOB_RECOVERY_INTERVAL_SECONDS},
    # Articles whose sentences were not scored (their task was lost).
    "score-sentences": {"task": "annotations.tasks.score_sentences", "schedule": JOB_RECOVERY_INTERVAL_SECONDS},
    # Claims and fact-checks without a stored vector ("checked before?"; their task was lost).
    "embed-texts": {"task": "annotations.tasks.embed_texts", "schedule": JOB_RECOVERY_INTERVAL_SECONDS},
    # Agreement between annotators, should the run queued after an adjudication be lost.
    "agreement": {"task": "annotations.tasks.agreement_refresh", "schedule": 3600},
}  # fmt: skip
# A project's own check-worthiness model is trained once it has this many
# labels (sentences marked as claims or dismissed), and again after as many more.
CHECKWORTHINESS_MIN_LABELS = env_int("CHECKWORTHINESS_MIN_LABELS", 30, 4)
CHECKWORTHINESS_RETRAIN_EVERY = env_int("CHECKWORTHINESS_RETRAIN_EVERY", 20, 1)
CELERY_BEAT_SYNC_EVERY = 1  # the schedule file's age tells a healthcheck that beat is alive
CELERY_BEAT_SCHEDULE_FILENAME = env_str("CELERY_BEAT_SCHEDULE_FILENAME", str(VAR_DIR / "celerybeat-schedule"))
JOB_BATCH_SIZE = env_int("JOB_BATCH_SIZE", 5000, 1)
JOB_BATCH_BYTES = env_int("JOB_BATCH_BYTES", 32 * 1024 * 1024, 1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django's own loggers have a console handler of their own: let them
    # reach the root handler only, so that nothing is printed twice.
    # django-axes logs every login at INFO; its failures and lockouts are warnings.
    "loggers": {"django": {"handlers": [], "propagate": True}, "axes": {"level": "WARNING"}},
}
