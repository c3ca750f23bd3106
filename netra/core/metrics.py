"""Prometheus metrics (issue 13): requests by view and status, Celery queue depth, overdue deadlines.

Request counters live in each process (prometheus_client; with several gunicorn workers set
`PROMETHEUS_MULTIPROC_DIR` to an empty folder per start and they are summed at scrape time). Queue depth
and overdue deadlines are read at scrape time, so any worker answers with the same numbers.

`/metrics` is served only to a bearer of `NETRA_METRICS_TOKEN` or to a direct client inside
`NETRA_METRICS_ALLOWED_NETWORKS`; a request that came through a proxy (it carries X-Forwarded-For) never
qualifies by address, since behind nginx every client looks like 127.0.0.1. Everything else: 404.
"""

import hmac
import ipaddress
import logging
import os
import time

from django.conf import settings
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client import multiprocess as prometheus_multiprocess
from prometheus_client.registry import REGISTRY

access_log = logging.getLogger("netra.access")

REQUESTS = Counter(
    "netra_http_requests", "HTTP requests answered, by view and status", ["method", "view", "status"]
)
LATENCY = Histogram(
    "netra_http_request_duration_seconds",
    "Time to answer, by view",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return (match.view_name or match._func_path) if match is not None else "unmatched"


class RequestMetricsMiddleware:
    """Count every answer by view (the URL name, not the path: bounded labels, no ids in them) and status,
    and write one access line per request (method, path without its query, status, duration)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        view = _view_name(request)
        REQUESTS.labels(request.method, view, str(response.status_code)).inc()
        LATENCY.labels(view).observe(elapsed)
        access_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={"view": view, "status": response.status_code, "duration_ms": round(elapsed * 1000, 1)},
        )
        return response


def metrics_allowed(request) -> bool:
    token = getattr(settings, "NETRA_METRICS_TOKEN", "")
    sent = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return True
    if request.headers.get("X-Forwarded-For"):
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    networks = getattr(settings, "NETRA_METRICS_ALLOWED_NETWORKS", [])
    return any(address in ipaddress.ip_network(net, strict=False) for net in networks)


def queue_depth() -> dict[str, int]:
    """Messages waiting in each Celery queue (Redis lists named after the queues); {} without Redis."""
    if not settings.REDIS_URL or settings.CELERY_TASK_ALWAYS_EAGER:
        return {}
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        queue = settings.CELERY_TASK_DEFAULT_QUEUE
        return {queue: int(client.llen(queue))}
    finally:
        client.close()


def overdue_deadlines() -> dict[str, int]:
    """Running clocks past their due time, by kind: the predicate of
    netra.cases.selectors.deadlines.deadline_queue_overdue, counted for the whole system."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from netra.cases.models import Deadline, DeadlineState

    overdue = Q(state=DeadlineState.BREACHED) | Q(state=DeadlineState.OPEN, due_at__lte=timezone.now())
    rows = Deadline.objects.filter(overdue).values("kind").annotate(n=Count("pk")).order_by("kind")
    return {row["kind"]: row["n"] for row in rows}


def exposition() -> bytes:
    """The text exposition: this process's (or every worker's) request metrics, then scrape-time gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        prometheus_multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    now = CollectorRegistry()
    depth = Gauge("netra_celery_queue_length", "Tasks waiting in the Celery queue", ["queue"], registry=now)
    up = Gauge("netra_celery_broker_up", "1 when the broker answered the scrape", registry=now)
    try:
        for queue, n in queue_depth().items():
            depth.labels(queue).set(n)
        up.set(1)
    except Exception:  # noqa: BLE001 (a broker outage is a value of the metric, not a failed scrape)
        up.set(0)
    overdue = Gauge(
        "netra_deadlines_overdue", "Legal clocks past their due time, by kind", ["kind"], registry=now
    )
    for kind, n in overdue_deadlines().items():
        overdue.labels(kind).set(n)
    total = Gauge("netra_deadlines_overdue_total", "Legal clocks past their due time", registry=now)
    total.set(sum(overdue_deadlines().values()))
    return generate_latest(registry) + generate_latest(now)
