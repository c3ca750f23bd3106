"""Dashboard reads go to a real streaming replica (PostgreSQL on 127.0.0.1, started by
`scripts/replica start`): `manage.py replica_check`, run as its own process against this test's
database on the primary and on the replica, writes a marker on the primary and reads it back through
the router from a server in recovery. The router keeps writes and the live case on the primary."""

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from netra.analytics.models import SubjectFact
from netra.analytics.routers import ReadReplicaRouter
from netra.cases.models import Case

PORT = os.environ.get("NETRA_REPLICA_PORT", "5433")
ROOT = Path(settings.BASE_DIR)


def test_the_router_sends_only_fact_reads_to_the_replica(settings):
    router = ReadReplicaRouter()
    assert router.db_for_read(SubjectFact) is None  # no replica configured: the default database
    assert router.allow_migrate("replica", "analytics") is False


def _start_replica() -> None:
    if os.geteuid() != 0 or not shutil.which("psql") or not Path("/usr/lib/postgresql").exists():
        pytest.skip("needs a local Debian PostgreSQL and root to configure replication (scripts/replica)")
    with open("/tmp/netra-replica.lock", "w") as lock:  # noqa: S108 (one start per machine)
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(["bash", str(ROOT / "scripts" / "replica"), "start"], check=True, timeout=180)  # noqa: S603,S607


@pytest.mark.django_db(transaction=True)
def test_dashboard_reads_are_served_by_the_streaming_replica():
    if connection.vendor != "postgresql":
        pytest.skip("the read replica is a PostgreSQL streaming replica")
    _start_replica()
    db = connection.settings_dict
    primary = f"postgres://{db['USER']}:{db['PASSWORD']}@127.0.0.1:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": primary,
        "DATABASE_REPLICA_URL": primary.replace(f":{db['PORT'] or 5432}/", f":{PORT}/"),
        "NETRA_TEST_CLOCK_SHIFT_DAYS": "0",
    }
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "replica_check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["read_from"] == "replica"
    assert result["in_recovery"] is True
    assert not SubjectFact.objects.filter(row_key__startswith="import:replica-check").exists()
    assert ReadReplicaRouter().db_for_read(Case) is None
