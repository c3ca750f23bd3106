"""Test settings. The database comes from DATABASE_URL (PostgreSQL in scripts/test); SQLite otherwise."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "netra-test-only-not-a-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; Argon2 is tested explicitly
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A worker started by a test (the real Celery path) shares the test process's folder.
MEDIA_ROOT = os.environ.get("NETRA_TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="netra-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="netra-test-static-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
NETRA_AUDIT_CHAIN_KEY = "netra-test-audit-key"
NETRA_DEMO_ALLOWED = True
# Development-only reporter-protection keys (NOT secrets; production requires its own, see operations.md).
NETRA_IDENTITY_PUBLIC_KEY = "vzyeQ5IgukIpC5IQU0PKBFKXqsD/IY8RC2HCLCCUFh4="
NETRA_IDENTITY_PRIVATE_KEYS = {"i1": "HCgxSP4tgPV2d2dF9/NqG0waIm93KsML1vF7/z3z1zI="}
NETRA_BLIND_INDEX_KEY = "netra-development-blind-index-key"
NETRA_RECEIPT_SALT = "netra-development-receipt-salt"

LANGUAGE_CODE = "id"
# pytest-xdist workers share one Redis database: keep their cache keys apart.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("PYTEST_XDIST_WORKER", "")  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = env.bool("NETRA_TEST_CELERY_EAGER", default=True)
NETRA_CASES_OPEN_ON_ARRIVAL = env.bool("NETRA_CASES_OPEN_ON_ARRIVAL", default=CELERY_TASK_ALWAYS_EAGER)

# Fast receipts in unit tests (the cost is measured in bench/intake with production values).
NETRA_RECEIPT_ARGON2 = {"time_cost": 1, "memory_cost": 256, "parallelism": 1}

# Staff sign-in: the second factor is off here (tests log in with force_login or the password page);
# the tests of netra.accounts turn it on themselves.
NETRA_2FA_REQUIRED = False
