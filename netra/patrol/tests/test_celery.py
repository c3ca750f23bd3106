"""The real path of the patrol's slow work: a bulk load and a screenshot's OCR queued after commit go
through Redis to a real Celery worker (another process, same PostgreSQL database), which runs them.
Needs REDIS_URL and PostgreSQL, like netra/cases/tests/test_sweep_celery.py (whose helpers it uses)."""

import datetime as dt
import os
import re
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from netra.cases.tests.test_sweep_celery import REDIS_URL, ROOT, _database_url, _start, _stop
from netra.patrol.models import BatchStatus, Capture, OcrStatus
from netra.patrol.services.capture import CaptureIn, capture_create
from netra.patrol.services.loads import LoadIn, load_start
from netra.patrol.tests.fixtures import screenshot

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set: no Redis for a real Celery worker"),
]
POLL_SECONDS = 90


@pytest.fixture
def worker(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker needs the test database from another process (PostgreSQL)")
    from config.celery import app

    queue = f"netra-test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS_URL,
        "NETRA_TEST_CELERY_EAGER": "0",
        "NETRA_CELERY_QUEUE": queue,
        "NETRA_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),  # the captured file, written here, read there
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
    }
    log = tmp_path / "worker.log"
    args = ["worker", "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    proc = _start([*args, "-n", f"{queue}@%h"], log, env)
    before = (app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url)
    app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url = False, queue, REDIS_URL
    try:
        yield log
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url = before
        _stop(proc)
        import redis

        redis.Redis.from_url(REDIS_URL).delete(queue)


def _wait(check, log) -> None:
    started = time.monotonic()
    while time.monotonic() - started < POLL_SECONDS:
        if check():
            return
        time.sleep(0.5)
    pytest.fail(f"not done within {POLL_SECONDS} s\n{log.read_text(errors='replace')[-4000:]}")


def test_load_and_ocr_run_on_a_real_worker(reference_regions, patrol_world, worker):
    officer = patrol_world["users"]["bpp_officer"]
    at = (timezone.now() - dt.timedelta(hours=2)).isoformat()
    data = (
        "kind,account,at,text,url,target_url,target_account\n"
        f"post,andifiktif,{at},Coblos nomor 1,https://www.instagram.com/p/A1/,,\n"
        f"like,lurah.fiktif,{at},,,https://www.instagram.com/p/A1/,\n"
    ).encode()
    load = LoadIn(
        name="e.csv", data=data, region_code="64.71", platform="instagram", election_code="pilkada-uji-kini"
    )
    batch = load_start(actor=officer, load=load)  # autocommit: the task is sent at once
    capture = capture_create(
        actor=officer,
        data=CaptureIn(url="https://x.com/a/status/9", region_code="64.71", election_code="pilkada-uji-kini"),
        file=screenshot(["Ayo coblos nomor 1 #AndiBudiMenang"]),
    )

    def done() -> bool:
        batch.refresh_from_db()
        return (
            batch.status == BatchStatus.DONE
            and Capture.objects.get(pk=capture.pk).ocr_status == OcrStatus.DONE
        )

    _wait(done, worker)
    assert batch.flagged == 1
    assert "#AndiBudiMenang" in Capture.objects.get(pk=capture.pk).ocr_text
    text = worker.read_text(errors="replace")
    assert re.search(r"Task patrol\.load_run\[[^\]]+\] succeeded", text)
    assert re.search(r"Task patrol\.capture_ocr\[[^\]]+\] succeeded", text)
