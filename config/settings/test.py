"""Test settings. The database comes from DATABASE_URL (PostgreSQL in scripts/test); SQLite otherwise."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "netra-test-only-not-a-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; Argon2 is tested explicitly
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="netra-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="netra-test-static-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
NETRA_AUDIT_CHAIN_KEY = "netra-test-audit-key"
NETRA_DEMO_ALLOWED = True
LANGUAGE_CODE = "id"
# pytest-xdist workers share one Redis database: keep their cache keys apart.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("PYTEST_XDIST_WORKER", "")  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = env.bool("NETRA_TEST_CELERY_EAGER", default=True)
