"""The embedded default: SQLite, in-process tasks, debug on. For trying Netra, never for production."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="netra-local-development-only-not-a-secret")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
NETRA_DEMO_ALLOWED = True
