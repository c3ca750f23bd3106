"""Operations endpoints (issue 13): readiness for the load balancer and metrics for Prometheus.

`/healthz` (netra.core.views) says the process answers and reaches its database; `/readyz` says whether
this instance can do its work: PostgreSQL answers, no migration is pending, Redis and the Celery broker
answer (when configured). Anything down: 503 and a JSON body naming it, so the balancer takes the
instance out and the operator sees why.
"""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from netra.core.metrics import exposition, metrics_allowed

TIMEOUT_SECONDS = 1.0


def check_database(alias: str = "default") -> dict:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
    return {}


def check_migrations(alias: str = "default") -> dict:
    executor = MigrationExecutor(connections[alias])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        names = [f"{m.app_label}.{m.name}" for m, _backwards in pending]
        raise RuntimeError(f"{len(names)} pending: {', '.join(names[:5])}")
    return {}


def check_redis() -> dict:
    if not settings.REDIS_URL:
        return {"skipped": "no REDIS_URL (embedded default: cache in memory)"}
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
    )
    try:
        client.ping()
    finally:
        client.close()
    return {}


def check_broker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"skipped": "tasks run in-process"}
    from kombu import Connection

    with Connection(settings.CELERY_BROKER_URL, connect_timeout=TIMEOUT_SECONDS) as connection:
        connection.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)
    return {}


CHECKS: dict[str, Callable[[], dict]] = {
    "database": check_database,
    "migrations": check_migrations,
    "redis": check_redis,
    "broker": check_broker,
}


def readiness() -> tuple[bool, dict]:
    results: dict[str, dict] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = {"ok": True, **check()}
        except Exception as exc:  # noqa: BLE001 (any failure of a dependency means "not ready")
            result = {"ok": False, "error": f"{type(exc).__name__}: {str(exc)[:200]}"}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    return all(r["ok"] for r in results.values()), results


@never_cache
def readyz(request):
    ready, checks = readiness()
    body: dict[str, Any] = {"status": "ready" if ready else "unavailable", "checks": checks}
    if not ready:
        body["down"] = [name for name, r in checks.items() if not r["ok"]]
    return JsonResponse(body, status=200 if ready else 503)


@never_cache
def metrics(request):
    if not metrics_allowed(request):
        raise Http404
    return HttpResponse(exposition(), content_type="text/plain; version=0.0.4; charset=utf-8")
