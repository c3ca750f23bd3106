"""The real path: Celery beat schedules `cases.deadlines_sweep`, a real worker runs it through Redis
against this test's PostgreSQL database, and a past-due clock ends up breached and escalated (and the
escalation's e-mail is sent by the worker's second task).

Needs REDIS_URL (scripts/test and CI export redis://127.0.0.1:6379/15) and PostgreSQL (the worker must
reach the same database from another process). The worker listens on a queue of its own, so another
test run sharing the Redis database cannot take its tasks.
"""

import datetime as dt
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.utils import timezone

from netra.agencies.roles import Role
from netra.agencies.tests.factories import UserFactory
from netra.cases.models import (
    Case,
    CaseOrigin,
    CaseState,
    Deadline,
    DeadlineState,
    Participant,
    ParticipantRole,
)
from netra.clocks.models import DeadlineKind
from netra.notifications.models import Notification, NotificationKind

REDIS_URL = os.environ.get("REDIS_URL", "")
ROOT = Path(settings.BASE_DIR)
POLL_SECONDS = 60

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not REDIS_URL, reason="REDIS_URL is not set: no Redis for a real Celery worker and beat"
    ),
]


def _database_url() -> str:
    db = connection.settings_dict
    user, password = quote(db.get("USER") or ""), quote(db.get("PASSWORD") or "")
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{db['NAME']}"


# time-machine moves the clock of its own process only: when this run's clock is moved
# (NETRA_TEST_CLOCK_SHIFT_DAYS, see the root conftest), the worker and beat move theirs by the same offset
# before celery starts, or they would judge the deadline written here against the real date.
_CELERY_ON_MOVED_CLOCK = (
    "import sys, time, time_machine; "
    "time_machine.travel(time.time() + float(sys.argv.pop(1)), tick=True).start(); "
    "from celery.__main__ import main; sys.argv[0] = 'celery'; main()"
)


def _celery() -> list[str]:
    if not time_machine.escape_hatch.is_travelling():
        return [sys.executable, "-m", "celery"]
    offset = time.time() - time_machine.escape_hatch.time.time()
    return [sys.executable, "-c", _CELERY_ON_MOVED_CLOCK, repr(offset)]


def _start(args: list[str], log: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 (our own interpreter running celery)
        [*_celery(), "-A", "config", *args, "--loglevel=INFO"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture
def celery_processes(transactional_db, tmp_path):
    """A worker and beat (sweep and case opening every second) on a private queue; always stopped before the database
    is emptied at teardown."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker needs the test database from another process (PostgreSQL)")
    queue = f"netra-test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS_URL,
        "NETRA_TEST_CELERY_EAGER": "0",
        "NETRA_DEADLINE_SWEEP_SECONDS": "1",
        "NETRA_CASE_OPEN_SECONDS": "1",
        "NETRA_CELERY_QUEUE": queue,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
    }
    logs = {"worker": tmp_path / "worker.log", "beat": tmp_path / "beat.log"}
    procs = []
    try:
        procs.append(
            _start(
                [
                    "worker",
                    "--pool=solo",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-n",
                    f"{queue}@%h",
                ],
                logs["worker"],
                env,
            )
        )
        procs.append(
            _start(
                [
                    "beat",
                    "--pidfile",
                    str(tmp_path / "beat.pid"),
                    "--schedule",
                    str(tmp_path / "beat-schedule"),
                ],
                logs["beat"],
                env,
            )
        )
        yield logs
    finally:
        for proc in procs:
            _stop(proc)
        import redis

        redis.Redis.from_url(REDIS_URL).delete(queue)


def _tail(logs: dict) -> str:
    return "\n".join(
        f"--- {name} ---\n{path.read_text(errors='replace')[-4000:]}" for name, path in logs.items()
    )


def test_beat_and_worker_breach_and_escalate_a_past_due_clock(reference_regions, world, celery_processes):
    a = world["agencies"]
    head = UserFactory(username="u-kaltim-head-celery", agency=a["kaltim"], roles=[Role.HEAD])
    head.email = "pimpinan@kaltim.bawaslu.go.id"
    head.save(update_fields=["email"])
    now = timezone.now()
    case = Case.objects.create(
        origin=CaseOrigin.FINDING,
        state=CaseState.REGISTERED,
        title="Uji jalur Celery",
        office=a["bpp"],
        incident_region_id="64.71.01",
    )
    Participant.objects.create(case=case, agency=a["bpp"], role=ParticipantRole.HANDLING)
    deadline = Deadline.objects.create(
        case=case,
        kind=DeadlineKind.FOLLOW_UP,
        agency=a["bpp"],
        starts_at=now - dt.timedelta(days=4),
        due_at=now - dt.timedelta(hours=1),
    )

    # A laporan stored on the public tier, which leaves opening its case to beat's `cases.open_pending`.
    from django.test import override_settings

    from netra.cases.models import CaseReport
    from netra.intake.submission import report_submit
    from netra.intake.tests.conftest import make_submission

    with override_settings(NETRA_CASES_OPEN_ON_ARRIVAL=False):
        report = report_submit(submission=make_submission(), now=now).report
    assert not CaseReport.objects.filter(report=report).exists()

    finished = False
    started = time.monotonic()
    while time.monotonic() - started < POLL_SECONDS:
        deadline.refresh_from_db()
        note = Notification.objects.filter(recipient=head, kind=NotificationKind.ESCALATION).first()
        opened = CaseReport.objects.filter(report=report).exists()
        if deadline.escalated_at is not None and note is not None and note.emailed_at is not None and opened:
            finished = True
            break
        time.sleep(0.5)
    assert finished, f"not breached and escalated within {POLL_SECONDS} s\n{_tail(celery_processes)}"

    assert deadline.state == DeadlineState.BREACHED
    assert deadline.breached_at == deadline.due_at
    assert deadline.escalated_to == a["kaltim"]  # Bawaslu Kota Balikpapan → Provinsi Kalimantan Timur
    assert case.participants.filter(agency=a["kaltim"], role=ParticipantRole.ESCALATION).exists()
    worker_log = celery_processes["worker"].read_text(errors="replace")
    beat_log = celery_processes["beat"].read_text(errors="replace")
    assert "cases.deadlines_sweep" in beat_log  # beat sent it…
    assert re.search(r"Task cases\.deadlines_sweep\[[^\]]+\] succeeded", worker_log)  # …the worker ran it
    assert "Task notifications.send_email[" in worker_log
    assert re.search(r"Task cases\.open_pending\[[^\]]+\] succeeded", worker_log)  # the report's case
    assert CaseReport.objects.get(report=report).case.office == a["bpp"]
