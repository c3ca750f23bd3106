"""Settings shared by every environment (12-factor: everything that differs comes from the environment).

The embedded default (SQLite, tasks run in-process) needs no environment at all; PostgreSQL, Redis and
Celery are used as soon as DATABASE_URL / REDIS_URL are set. See docs/operations.md.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "django_celery_beat",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    # ninja serves Swagger UI from its own bundled static files only when it is an installed app;
    # otherwise /api/v1/docs loads it from a CDN and is blank offline.
    "ninja",
    # Netra, bottom layer first: nothing here imports an app listed below it.
    "netra.core",
    "netra.audit",
    "netra.regions",
    "netra.agencies",
    "netra.accounts",  # staff sign-in: lockout, second factor, sessions (extends the agencies user admin)
    "netra.elections",
    "netra.rules",  # reads elections (the stage decides ethics vs discipline)
    "netra.clocks",  # reads elections (round-the-clock intake days)
    "netra.intake",
    "netra.evidence",
    "netra.cases",  # reads intake, evidence, clocks, rules: the shared case workflow
    "netra.notifications",  # reads cases: in-app and e-mail notices (listens to the cases' signals)
    "netra.analytics",  # reads cases: the national picture (a fact table kept in step after commit)
    "netra.patrol",  # reads elections, evidence, intake: social-media patrol (issue 12)
    "netra.demo",  # top layer: demo data only (seed_demo refuses to run in production)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "netra.core.middleware_security.SecurityHeadersMiddleware",  # CSP, Permissions-Policy, no-store
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "netra.core.middleware.RequestIdMiddleware",
    "netra.core.metrics.RequestMetricsMiddleware",  # counts answers by view/status, one access line each
    "netra.core.middleware.MalformedRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "netra.core.middleware.IndonesianFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "netra.accounts.middleware.StaffSessionMiddleware",
    "netra.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "netra.notifications.views.unread_count",
                "netra.core.outages.outage_banner",  # officers see when Redis is down (issue 13)
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False  # services own their transactions (CONVENTIONS §2)
# Dashboard reads (the analytics fact table) go to a streaming read replica when one is given
# (netra.analytics.routers; `bash scripts/replica start` runs one on 127.0.0.1:5433 for trying it).
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests that do not start a replica read the primary
NETRA_READ_REPLICA_ALIAS = "replica"
# The public statistics show no count under this (and hide complements so none can be recovered).
NETRA_PUBLIC_MIN_CELL = env.int("NETRA_PUBLIC_MIN_CELL", default=5)
DATABASE_ROUTERS = ["netra.analytics.routers.ReadReplicaRouter"]
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0))
if DATABASES["default"].get("ENGINE", "").endswith("postgresql"):
    # Server-side parameter binding lets psycopg prepare the statements a request repeats (intake).
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = env.bool(
        "DJANGO_DB_SERVER_SIDE_BINDING", default=False
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "agencies.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:workspace"
LOGOUT_REDIRECT_URL = "core:home"
# Staff sign-in (netra.accounts; docs/operations.md "Staff accounts and security").
# One backend: Django's ModelBackend with django-axes' check in front (a locked-out username is refused
# before its password is tested). A single backend also keeps `User.objects.with_perm()` working.
AUTHENTICATION_BACKENDS = ["netra.accounts.backends.LockoutModelBackend"]
AXES_FAILURE_LIMIT = env.int("NETRA_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("NETRA_LOGIN_LOCKOUT_MINUTES", default=30))
# Per username: an office behind one address must not be locked out by one colleague's typos.
AXES_LOCKOUT_PARAMETERS = ["username"]
# ...so axes' per-address lock (check W006) is replaced by a generous per-address ceiling on failures
# (netra.accounts.views.StaffLoginView) that stops password spraying without locking out an office.
NETRA_LOGIN_FAILURES_PER_IP_HOUR = env.int("NETRA_LOGIN_FAILURES_PER_IP_HOUR", default=100)
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are recorded as StaffSession rows and audit entries
AXES_LOCKOUT_CALLABLE = "netra.accounts.views.lockout_response"
AXES_CLIENT_IP_CALLABLE = "netra.accounts.services.client_ip"
AXES_VERBOSE = False
# Second factor (TOTP) for everyone who can open identities, decide or recommend: on in production.
NETRA_2FA_REQUIRED = env.bool("NETRA_2FA_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Netra"
# Staff sessions end after 30 minutes without a request, and 12 hours after sign-in whatever happens.
NETRA_STAFF_SESSION_IDLE_SECONDS = env.int("NETRA_STAFF_SESSION_IDLE_SECONDS", default=30 * 60)
NETRA_STAFF_SESSION_ABSOLUTE_SECONDS = env.int("NETRA_STAFF_SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_AGE = NETRA_STAFF_SESSION_ABSOLUTE_SECONDS
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first, English available (Django i18n). Times are stored in UTC and shown in the
# office's own zone (WIB/WITA/WIT); Asia/Jakarta is only the fallback for pages without an office.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG  # runserver serves static files without collectstatic
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("NETRA_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Request size limits (public forms must not accept unbounded bodies).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # non-file fields; files: NETRA_UPLOAD_MAX_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500

# Redis / Celery. Without REDIS_URL tasks run in-process (the embedded default).
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ACKS_LATE = True
# One queue name per deployment (tests give their own worker a private queue on the shared Redis).
CELERY_TASK_DEFAULT_QUEUE = env("NETRA_CELERY_QUEUE", default="celery")
# Legal clocks (netra.cases.services.sweep): how often the periodic job runs, and how long before the
# due time the responsible office is reminded.
NETRA_DEADLINE_SWEEP_SECONDS = env.int("NETRA_DEADLINE_SWEEP_SECONDS", default=300)
NETRA_DEADLINE_REMIND_BEFORE_HOURS = env.float("NETRA_DEADLINE_REMIND_BEFORE_HOURS", default=24)
# Notification e-mails link here (e.g. https://netra.bawaslu.go.id); empty: links stay relative.
NETRA_SITE_URL = env("NETRA_SITE_URL", default="")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="Netra <noreply@netra.local>")
# Cases (netra.cases). Letters: number format and classification codes (Bawaslu's real codes follow its
# naskah dinas rules; configure them per deployment), stored under a private folder no URL serves.
NETRA_LETTER_NUMBER_FORMAT = env("NETRA_LETTER_NUMBER_FORMAT", default="")  # "" = netra.cases.letters default
NETRA_CASE_DOCUMENT_ROOT = env("NETRA_CASE_DOCUMENT_ROOT", default="") or None
# Evidence files (netra.evidence.storage); unset: <MEDIA_ROOT>/evidence (docs/operations.md).
NETRA_EVIDENCE_ROOT = env("NETRA_EVIDENCE_ROOT", default="") or None
# Clarification: after this many absences of a terlapor, their superior/PPK may be asked to present them.
NETRA_CLARIFICATION_ABSENCES_BEFORE_REQUEST = env.int(
    "NETRA_CLARIFICATION_ABSENCES_BEFORE_REQUEST", default=2
)
# Duplicate proposals: how far back to look, and how close incident dates must be to count.
NETRA_DUPLICATE_WINDOW_DAYS = env.int("NETRA_DUPLICATE_WINDOW_DAYS", default=90)
NETRA_DUPLICATE_DATE_TOLERANCE_DAYS = env.int("NETRA_DUPLICATE_DATE_TOLERANCE_DAYS", default=3)
# A laporan opens its case on arrival in the embedded default (tasks in-process). On the real path the
# beat job `cases.open_pending` opens new reports' cases in batches every NETRA_CASE_OPEN_SECONDS: a
# task per submission cost ~2 ms of the public tier's CPU per report (bench/intake), and the legal clock
# counts from receipt either way, so nothing is late for it.
NETRA_CASES_OPEN_ON_ARRIVAL = env.bool("NETRA_CASES_OPEN_ON_ARRIVAL", default=CELERY_TASK_ALWAYS_EAGER)
NETRA_CASE_OPEN_SECONDS = env.int("NETRA_CASE_OPEN_SECONDS", default=30)
# Synced into django-celery-beat's tables at beat start-up; editable in the admin afterwards.
CELERY_BEAT_SCHEDULE = {
    "intake-retention-purge": {"task": "intake.retention_purge", "schedule": 24 * 60 * 60},
    "cases-open-pending": {"task": "cases.open_pending", "schedule": NETRA_CASE_OPEN_SECONDS},
    "cases-deadlines-sweep": {"task": "cases.deadlines_sweep", "schedule": NETRA_DEADLINE_SWEEP_SECONDS},
    # Letters whose PDF is still pending 15 minutes after issue (a worker died mid-render) go back on
    # the queue (netra.cases.services.letters_render).
    "cases-documents-render-pending": {"task": "cases.documents_render_pending", "schedule": 10 * 60},
    "analytics-imports-resume": {"task": "analytics.imports_resume", "schedule": 5 * 60},
    # Tasks kept in PostgreSQL while Redis was down (netra.core.deferred) are queued again.
    "core-deferred-flush": {"task": "core.deferred_flush", "schedule": 60},
}
if REDIS_URL:
    # Falls back to a process-local cache while Redis is down (netra.core.resilient_cache, issue 13);
    # short timeouts so an unreachable host cannot hang a request.
    CACHES = {
        "default": {
            "BACKEND": "netra.core.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# HMAC key for the audit hash chain. Kept out of the database so that someone who can write the
# database cannot recompute a consistent chain after editing a row. Production requires it.
NETRA_AUDIT_CHAIN_KEY = env("NETRA_AUDIT_CHAIN_KEY", default="netra-development-audit-key")
# Key rotation (docs/operations.md): new rows are signed with the current key id; rows signed with a
# retired key are verified with it. NETRA_AUDIT_CHAIN_RETIRED_KEYS="k1=oldsecret,k2=older".
NETRA_AUDIT_CHAIN_KEY_ID = env("NETRA_AUDIT_CHAIN_KEY_ID", default="k1")
NETRA_AUDIT_CHAIN_RETIRED_KEYS = env.dict("NETRA_AUDIT_CHAIN_RETIRED_KEYS", default={})

# Reporter protection (netra.intake.crypto; docs/domain/reporting.md). The public key seals identities;
# private keys (id=base64, comma-separated) may be present only on the officers' tier.
NETRA_IDENTITY_KEY_ID = env("NETRA_IDENTITY_KEY_ID", default="i1")
NETRA_IDENTITY_PUBLIC_KEY = env("NETRA_IDENTITY_PUBLIC_KEY", default="")
NETRA_IDENTITY_PRIVATE_KEYS = env.dict("NETRA_IDENTITY_PRIVATE_KEYS", default={})
NETRA_BLIND_INDEX_KEY = env("NETRA_BLIND_INDEX_KEY", default="")
NETRA_RECEIPT_SALT = env("NETRA_RECEIPT_SALT", default="")
# Argon2id cost for receipt hashes. Receipts carry 100 random bits: guessing one from a leaked table takes
# ~2^100 hashes whatever the cost, so the cost is defence in depth, kept small (t=1, 1 MiB: 0.5 ms; 4 MiB
# was 2.1 ms, 8 MiB 4.9 ms, measured) so the public intake sustains its throughput (bench/intake).
NETRA_RECEIPT_ARGON2 = {
    "time_cost": env.int("NETRA_RECEIPT_ARGON2_TIME", default=1),
    "memory_cost": env.int("NETRA_RECEIPT_ARGON2_MEMORY_KIB", default=1024),
    "parallelism": 1,
}
# Abuse limits for the public channel (per client address, cache-backed).
NETRA_INTAKE_RATE_PER_HOUR = env.int("NETRA_INTAKE_RATE_PER_HOUR", default=30)
# Wrong receipt codes (netra.intake.receipt_throttle): per (address, code prefix); per prefix from any
# address (that receipt is under attack); and a generous ceiling per address (carrier NAT shares one).
NETRA_RECEIPT_FAILURES_PER_HOUR = env.int("NETRA_RECEIPT_FAILURES_PER_HOUR", default=10)
NETRA_RECEIPT_PREFIX_FAILURES_PER_HOUR = env.int("NETRA_RECEIPT_PREFIX_FAILURES_PER_HOUR", default=30)
NETRA_RECEIPT_ADDRESS_FAILURES_PER_HOUR = env.int("NETRA_RECEIPT_ADDRESS_FAILURES_PER_HOUR", default=300)
# A submission retried with the same Idempotency-Key (API) or one-time form token (web) within this many
# hours returns the first report instead of filing a second (netra.intake.idempotency).
NETRA_IDEMPOTENCY_HOURS = env.int("NETRA_IDEMPOTENCY_HOURS", default=24)
# How long the receipt page can be shown again (refresh, PDF download) after a submission, in minutes.
NETRA_RECEIPT_SHOW_MINUTES = env.int("NETRA_RECEIPT_SHOW_MINUTES", default=30)
# A reporter who asked for e-mail news gets at most one e-mail per report in this many minutes.
NETRA_REPORTER_NEWS_MIN_MINUTES = env.int("NETRA_REPORTER_NEWS_MIN_MINUTES", default=60)
# Set only behind a proxy that appends the client address to X-Forwarded-For (netra.core.ratelimit).
NETRA_TRUST_X_FORWARDED_FOR = env.bool("NETRA_TRUST_X_FORWARDED_FOR", default=False)
NETRA_UPLOAD_MAX_BYTES = env.int("NETRA_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
NETRA_UPLOAD_MAX_FILES = env.int("NETRA_UPLOAD_MAX_FILES", default=10)
# Uploads stop as soon as a file passes NETRA_UPLOAD_MAX_BYTES (netra.evidence.uploads), instead of being
# spooled in full first; decoded pixels share one budget per process (netra.evidence.decoding).
FILE_UPLOAD_HANDLERS = [
    "netra.evidence.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
NETRA_DECODE_PIXEL_BUDGET = env.int("NETRA_DECODE_PIXEL_BUDGET", default=120_000_000)
NETRA_DECODE_WAIT_SECONDS = env.float("NETRA_DECODE_WAIT_SECONDS", default=20)
# Prometheus metrics at /metrics (netra.core.metrics): a bearer token and/or networks whose direct
# clients may scrape (a proxied request never qualifies by address). Neither set: /metrics is a 404.
NETRA_METRICS_TOKEN = env("NETRA_METRICS_TOKEN", default="")
NETRA_METRICS_ALLOWED_NETWORKS = env.list("NETRA_METRICS_ALLOWED_NETWORKS", default=[])
# Retention (UU 27/2022 tentang Pelindungan Data Pribadi): reporter identity and display copies are
# purged this many days after the report's case is closed.
NETRA_RETENTION_DAYS_AFTER_CLOSE = env.int("NETRA_RETENTION_DAYS_AFTER_CLOSE", default=365)

NINJA_PAGINATION_PER_PAGE = 50

# Error reports (technical 500 page, mails to ADMINS) never carry POST values or frame variables: they
# hold reporters' identities (netra.core.error_reports; tested by test_no_plaintext_identity).
DEFAULT_EXCEPTION_REPORTER_FILTER = "netra.core.error_reports.IdentitySafeExceptionReporterFilter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "netra.core.middleware.RequestIdLogFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Pillow logs EXIF tag values at DEBUG (e.g. the Artist of an uploaded photo): never let it, even
    # when the rest of the system logs at DEBUG (tests/test_privacy.py).
    # django-axes logs every sign-in at INFO; lockouts and failures are in the audit log instead.
    "loggers": {"PIL": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
