"""Readiness, structured logs with request ids, and Prometheus metrics (issue 13), on the real
PostgreSQL and Redis: a dependency that is down is a real closed port, not a mock."""

import datetime as dt
import json
import logging
import re

import pytest
import time_machine
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from netra.core.logging_json import JsonFormatter
from netra.core.views_ops import check_database

pytestmark = pytest.mark.django_db
CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_ready_when_everything_answers(settings):
    response = Client().get("/readyz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"database", "migrations", "redis", "broker"}
    assert all(check["ok"] for check in body["checks"].values())
    assert response["Cache-Control"].startswith("max-age=0")


def test_redis_and_broker_down_is_503_naming_them(settings):
    settings.REDIS_URL = CLOSED
    settings.CELERY_BROKER_URL = CLOSED
    settings.CELERY_TASK_ALWAYS_EAGER = False
    response = Client().get("/readyz")
    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "unavailable"
    assert body["down"] == ["redis", "broker"]
    assert "Error" in body["checks"]["redis"]["error"]
    assert body["checks"]["database"]["ok"] is True


def test_a_pending_migration_is_not_ready():
    recorder = MigrationRecorder(connections["default"])
    applied = recorder.migration_qs.filter(app="core").order_by("-id").first() or recorder.migration_qs.last()
    applied.delete()  # rolled back with the test's transaction
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert "migrations" in response.json()["down"]
    assert f"{applied.app}.{applied.name}" in response.json()["checks"]["migrations"]["error"]


def test_database_check_fails_on_a_database_that_does_not_answer(settings):
    connections.settings["down"] = {**connections.settings["default"], "PORT": "1", "NAME": "netra_none"}
    try:
        with pytest.raises(Exception, match="(?i)connect|refused"):
            check_database("down")
    finally:
        connections["down"].close()
        del connections.settings["down"]


def test_json_log_lines_carry_the_request_id(caplog, world):
    """Every line written while a request runs carries its id (the X-Request-ID the client sees), in
    the production JSON format."""
    caplog.set_level(logging.INFO)
    client = Client()
    client.force_login(world["users"]["bpp_officer"])
    response = client.get("/kasus/999999/", HTTP_X_REQUEST_ID="req-netra-0001")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-netra-0001"
    formatter = JsonFormatter()
    lines = [json.loads(formatter.format(r)) for r in caplog.records]
    during = [line for line in lines if line["request_id"] == "req-netra-0001"]
    assert {line["logger"] for line in during} >= {"django.request", "netra.access"}
    access = next(line for line in during if line["logger"] == "netra.access")
    assert access["status"] == 404
    assert access["view"] == "cases:detail"
    assert "999999" in access["message"]
    assert all(line["time"].endswith("+00:00") for line in lines)


def test_production_settings_log_json():
    import subprocess
    import sys

    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60,
        "NETRA_AUDIT_CHAIN_KEY": "a-production-like-key",
        "DATABASE_URL": "postgres://netra@127.0.0.1:5432/netra",
        "NETRA_IDENTITY_PUBLIC_KEY": "vzyeQ5IgukIpC5IQU0PKBFKXqsD/IY8RC2HCLCCUFh4=",
        "NETRA_BLIND_INDEX_KEY": "k",
        "NETRA_RECEIPT_SALT": "s",
        "DJANGO_ALLOWED_HOSTS": "netra.example",
        "PATH": "/usr/bin:/bin",
    }
    code = (
        "import django, logging; django.setup(); "
        "from netra.core.middleware import _request_id; _request_id.set('rid-42'); "
        "logging.getLogger('netra.test').warning('halo %s', 'dunia')"
    )
    run = subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    line = json.loads(run.stderr.strip().splitlines()[-1])
    assert line["message"] == "halo dunia"
    assert line["request_id"] == "rid-42"
    assert line["level"] == "WARNING"


def _scrape(client: Client, **headers) -> str:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return response.content.decode()


def _value(text: str, name: str, **labels) -> float:
    """The sample `name{labels}` of a text exposition (label order as the exposition writes it)."""
    sample = re.compile(r"^(\w+)(?:\{(.*)\})? (\S+)$")
    for line in text.splitlines():
        match = sample.match(line)
        if not match or match.group(1) != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2) or ""))
        if found == {k: str(v) for k, v in labels.items()}:
            return float(match.group(3))
    raise AssertionError(f"{name} {labels} not in the exposition")


def test_metrics_need_the_token_or_an_allowed_network(settings):
    settings.NETRA_METRICS_TOKEN = "rahasia-scrape"
    settings.NETRA_METRICS_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    assert Client().get("/metrics").status_code == 404
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer salah").status_code == 404
    _scrape(Client(), HTTP_AUTHORIZATION="Bearer rahasia-scrape")
    _scrape(Client(REMOTE_ADDR="10.20.3.4"))
    assert Client(REMOTE_ADDR="10.21.3.4").get("/metrics").status_code == 404
    # Through a proxy every client looks local: an address never qualifies then.
    proxied = Client(REMOTE_ADDR="10.20.3.4").get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert proxied.status_code == 404
    settings.NETRA_METRICS_TOKEN, settings.NETRA_METRICS_ALLOWED_NETWORKS = "", []
    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 404


def test_metrics_count_requests_queue_depth_and_overdue_deadlines(case_world, settings):
    import redis

    settings.NETRA_METRICS_TOKEN = "rahasia-scrape"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_TASK_DEFAULT_QUEUE = "netra-test-metrics-queue"
    auth = {"HTTP_AUTHORIZATION": "Bearer rahasia-scrape"}
    before = _scrape(Client(), **auth)
    try:
        seen = _value(before, "netra_http_requests_total", method="GET", view="rules:rulebook", status="200")
    except AssertionError:
        seen = 0.0
    for _ in range(3):
        assert Client().get("/aturan/").status_code == 200
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    broker.delete(settings.CELERY_TASK_DEFAULT_QUEUE)
    broker.rpush(settings.CELERY_TASK_DEFAULT_QUEUE, b"a", b"b", b"c", b"d")
    try:
        # Two months on, the case's clocks have run out: the same count the officers' API lists.
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=60)):
            text = _scrape(Client(), **auth)
            platform = Client()
            platform.force_login(case_world["users"]["platform"])
            listed = platform.get("/api/v1/cases/deadlines/overdue", HTTP_ACCEPT="application/json").json()
    finally:
        broker.delete(settings.CELERY_TASK_DEFAULT_QUEUE)
    assert (
        _value(text, "netra_http_requests_total", method="GET", view="rules:rulebook", status="200")
        == seen + 3
    )
    assert _value(text, "netra_celery_queue_length", queue="netra-test-metrics-queue") == 4
    assert _value(text, "netra_celery_broker_up") == 1
    items = listed["items"] if isinstance(listed, dict) else listed
    assert len(items) >= 1
    assert _value(text, "netra_deadlines_overdue_total") == len(items)
    assert "netra_http_request_duration_seconds_bucket" in text
