"""Production settings refuse to start without their secrets, and pass `check --deploy` with them.

Each case runs in a subprocess: settings are read once per process, and the refusal has to happen at
start-up, before anything is served.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
REQUIRED = [
    "DJANGO_SECRET_KEY",
    "NETRA_AUDIT_CHAIN_KEY",
    "DATABASE_URL",
    "DJANGO_ALLOWED_HOSTS",
    "NETRA_IDENTITY_PUBLIC_KEY",
    "NETRA_BLIND_INDEX_KEY",
    "NETRA_RECEIPT_SALT",
]
SETUP = "import django; django.setup()"


def _dotenv_defines(name: str) -> bool:
    """base.py reads .env for variables missing from the environment; a developer's .env must not
    quietly supply the secret whose absence is being tested."""
    dotenv = BASE_DIR / ".env"
    if not dotenv.exists():
        return False
    return any(line.strip().startswith(f"{name}=") for line in dotenv.read_text().splitlines())


def production_env(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    """A production environment with every secret set; `NAME=None` removes one."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "NETRA_")) and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),  # 64 characters
        NETRA_AUDIT_CHAIN_KEY=secrets.token_urlsafe(32),
        NETRA_IDENTITY_PUBLIC_KEY="vzyeQ5IgukIpC5IQU0PKBFKXqsD/IY8RC2HCLCCUFh4=",
        NETRA_BLIND_INDEX_KEY=secrets.token_urlsafe(32),
        NETRA_RECEIPT_SALT=secrets.token_urlsafe(16),
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        DJANGO_ALLOWED_HOSTS="netra.example.go.id",
    )
    for name, value in overrides.items():
        if value is not None:
            env[name] = value
        elif _dotenv_defines(name):
            env[name] = ""
        else:
            env.pop(name, None)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (fixed arguments: our own interpreter and manage.py)
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_refuses_to_start_without_a_secret(tmp_path, missing):
    result = run(["-c", SETUP], production_env(tmp_path, **{missing: None}))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_refuses_an_empty_secret(tmp_path, missing):
    result = run(["-c", SETUP], production_env(tmp_path, **{missing: ""}))

    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_a_short_secret_key(tmp_path):
    result = run(["-c", SETUP], production_env(tmp_path, DJANGO_SECRET_KEY="x" * 49))

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "50" in result.stderr


def test_production_refuses_the_development_audit_key(tmp_path):
    env = production_env(tmp_path, NETRA_AUDIT_CHAIN_KEY="netra-development-audit-key")

    result = run(["-c", SETUP], env)

    assert result.returncode != 0
    assert "NETRA_AUDIT_CHAIN_KEY" in result.stderr


def test_production_with_all_secrets_passes_check_deploy(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
