"""Production settings: refuse to start without secrets; pass `manage.py check --deploy`."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False


def _required(name: str) -> str:
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production (see .env.example).")
    return value


SECRET_KEY = _required("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters long.")
NETRA_AUDIT_CHAIN_KEY = _required("NETRA_AUDIT_CHAIN_KEY")
if NETRA_AUDIT_CHAIN_KEY == "netra-development-audit-key":
    raise ImproperlyConfigured("NETRA_AUDIT_CHAIN_KEY must not be the development key.")
_required("DATABASE_URL")
NETRA_IDENTITY_PUBLIC_KEY = _required("NETRA_IDENTITY_PUBLIC_KEY")
NETRA_BLIND_INDEX_KEY = _required("NETRA_BLIND_INDEX_KEY")
NETRA_RECEIPT_SALT = _required("NETRA_RECEIPT_SALT")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")

# Demo data never loads in production (seed_demo checks this flag).
NETRA_DEMO_ALLOWED = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # read only by the server (the selector posts to set_language)
# Staff who can open identities, decide or recommend must give a second factor (netra.accounts).
NETRA_2FA_REQUIRED = env.bool("NETRA_2FA_REQUIRED", default=True)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

# Structured logs: one JSON object per line with the request id (netra.core.logging_json), for the log
# shipper; NETRA_LOG_JSON=false gives the plain lines of the other settings.
LOGGING["formatters"]["json"] = {"()": "netra.core.logging_json.JsonFormatter"}  # noqa: F405
LOGGING["handlers"]["console"]["formatter"] = "json" if env.bool("NETRA_LOG_JSON", default=True) else "plain"  # noqa: F405
# Probes and the scraper talk to gunicorn directly over plain HTTP (docs/operations.md).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^ping$", r"^metrics$"]
