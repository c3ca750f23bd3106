"""The embedded default: SQLite, in-process tasks, debug on. For trying Netra, never for production."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="netra-local-development-only-not-a-secret")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
NETRA_DEMO_ALLOWED = True
# Development-only reporter-protection keys (NOT secrets; production requires its own, see operations.md).
NETRA_IDENTITY_PUBLIC_KEY = "vzyeQ5IgukIpC5IQU0PKBFKXqsD/IY8RC2HCLCCUFh4="
NETRA_IDENTITY_PRIVATE_KEYS = {"i1": "HCgxSP4tgPV2d2dF9/NqG0waIm93KsML1vF7/z3z1zI="}
NETRA_BLIND_INDEX_KEY = "netra-development-blind-index-key"
NETRA_RECEIPT_SALT = "netra-development-receipt-salt"
