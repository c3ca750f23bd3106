"""Redis or PostgreSQL down (issue 13): real refused connections (a closed port), never a mock.

Redis down: the public form and API still accept reports (a local rate limit still applies), the
follow-up task is kept in PostgreSQL and queued when the broker is back, officers see a banner.
PostgreSQL down: a 503 page in Indonesian, problem details on the API, and recovery by itself.
"""

import contextlib
import datetime as dt
import os
import socket
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from netra.core import outages
from netra.core.models import DeferredTask


def closed_port() -> int:
    """A port nothing listens on: connections to it are refused by the kernel."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """Cache and broker pointed at a closed port; Celery really tries to publish (not eager)."""
    from celery import current_app

    url = f"redis://127.0.0.1:{closed_port()}/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "netra.core.resilient_cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.REDIS_URL = url
    settings.NETRA_CASES_OPEN_ON_ARRIVAL = True  # the follow-up task is queued per report
    conf = current_app.conf
    saved = {k: conf[k] for k in ("broker_url", "task_always_eager", "task_default_queue")}
    conf.update(broker_url=url, task_always_eager=False, task_default_queue=f"netra-test-{uuid.uuid4().hex}")
    _forget_broker_connections(current_app)
    outages.reset()
    yield url
    conf.update(saved)
    _forget_broker_connections(current_app)
    outages.reset()


def _forget_broker_connections(app) -> None:
    app._pool = None
    app.amqp._producer_pool = None


def _report_data() -> dict:
    from django.utils import timezone

    today = timezone.localdate()
    return {
        "reporter_name": "Budi Santoso",
        "reporter_nik": "6471012345670001",
        "identity_confidential": "on",
        "terlapor1-name": "Lurah Manggar",
        "description": "Lurah membagikan unggahan kampanye pasangan calon di grup WhatsApp warga.",
        "province": "64",
        "regency": "64.71",
        "district": "64.71.05",
        "incident_date": (today - dt.timedelta(days=2)).isoformat(),
        "known_date": (today - dt.timedelta(days=1)).isoformat(),
        "statement_of_truth": "on",
        "website": "",
    }


def tip_json() -> dict:
    return {
        "description": "Kepala dinas memakai mobil dinas untuk mengantar tim kampanye.",
        "incident_region_code": "64.71.05",
    }


@pytest.mark.django_db
def test_the_public_form_accepts_a_report_while_redis_is_down(
    world, redis_down, django_capture_on_commit_callbacks
):
    from netra.intake.models import Report

    client = Client(raise_request_exception=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:report"), _report_data(), follow=True)
    assert response.status_code == 200, response.status_code
    assert response.templates[0].name == "intake/receipt.html"
    report = Report.objects.get()
    assert outages.is_down("redis")
    kept = DeferredTask.objects.get()
    assert (kept.name, kept.args) == ("cases.open_for_report", [report.pk])


@pytest.mark.django_db
def test_the_public_api_accepts_a_report_while_redis_is_down(
    world, redis_down, django_capture_on_commit_callbacks
):
    from netra.intake.models import Report

    client = Client(raise_request_exception=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/tips", tip_json(), content_type="application/json")
    assert response.status_code == 201, response.content
    assert Report.objects.filter(reference=response.json()["reference"]).exists()


@pytest.mark.django_db
def test_a_local_rate_limit_still_applies_while_redis_is_down(world, redis_down, settings):

    settings.NETRA_INTAKE_RATE_PER_HOUR = 2
    client = Client(raise_request_exception=False)
    codes = [
        client.post("/api/v1/tips", tip_json(), content_type="application/json").status_code for _ in range(3)
    ]
    assert codes == [201, 201, 429]


@pytest.mark.django_db
def test_kept_tasks_are_queued_when_the_broker_is_back(world, redis_down, django_capture_on_commit_callbacks):
    import redis
    from celery import current_app

    from netra.core.deferred import deferred_flush

    client = Client(raise_request_exception=False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:report"), _report_data(), follow=True)
    assert DeferredTask.objects.count() == 1
    assert deferred_flush() == 0  # still down: kept, one more attempt counted
    assert DeferredTask.objects.get().attempts == 1

    real = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    current_app.conf.broker_url = real
    _forget_broker_connections(current_app)
    queue = current_app.conf.task_default_queue
    try:
        assert deferred_flush() == 1
        assert not DeferredTask.objects.exists()
        assert redis.Redis.from_url(real).llen(queue) == 1  # the task is on the broker's queue now
    finally:
        redis.Redis.from_url(real).delete(queue)


@pytest.mark.django_db
def test_officers_see_a_banner_while_redis_is_down_and_the_public_does_not(world, redis_down):
    officer = Client(raise_request_exception=False)
    officer.force_login(world["users"]["bpp_officer"])
    page = officer.get(reverse("core:workspace"))
    assert page.status_code == 200
    assert 'data-testid="outage-banner"' in page.content.decode()
    public = Client(raise_request_exception=False).get(reverse("intake:start"))
    assert 'data-testid="outage-banner"' not in public.content.decode()


@pytest.mark.django_db
def test_no_banner_when_redis_is_up(world):
    officer = Client()
    officer.force_login(world["users"]["bpp_officer"])
    outages.reset()
    assert 'data-testid="outage-banner"' not in officer.get(reverse("core:workspace")).content.decode()


@contextlib.contextmanager
def database_down():
    """The default connection pointed at a closed port (a real refused connection), then restored."""
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["HOST"] = "127.0.0.1"
    connection.settings_dict["PORT"] = str(closed_port())
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


@pytest.mark.django_db(transaction=True)
def test_postgres_down_is_a_clean_503_and_the_app_recovers(reference_regions, world):
    officer = Client(raise_request_exception=False)
    officer.force_login(world["users"]["bpp_officer"])
    with database_down():
        page = Client(raise_request_exception=False).get(reverse("rules:rulebook"))
        assert page.status_code == 503
        assert page["Retry-After"]
        assert "Layanan sedang tidak tersedia" in page.content.decode()
        assert "Tidak ada data Anda yang hilang" in page.content.decode()

        api = Client(raise_request_exception=False).get("/api/v1/rules/violations")
        assert api.status_code == 503
        assert api["Content-Type"] == "application/problem+json"
        assert api.json()["status"] == 503

        staff = officer.get(reverse("core:workspace"))  # the session itself cannot be read
        assert staff.status_code == 503

        report = Client(raise_request_exception=False).post(reverse("intake:report"), _report_data())
        assert report.status_code == 503
    # Back: the next requests open a new connection by themselves.
    assert Client().get("/api/v1/rules/violations").status_code == 200
    assert officer.get(reverse("core:workspace")).status_code == 200
