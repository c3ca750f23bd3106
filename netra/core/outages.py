"""What the app does when Redis or PostgreSQL is down (issue 13): degrade, never a bare 500.

- Redis (cache, rate limits, Celery's broker): the cache falls back to a process-local one
  (`netra.core.resilient_cache`), so the public forms keep accepting reports with a local rate limit;
  tasks that cannot be queued are kept in PostgreSQL and queued when Redis is back
  (`netra.core.deferred`); officers see a banner (`outage_banner`, a context processor).
- PostgreSQL: nothing can be stored, so the answer is a clean 503 (an Indonesian page, or problem
  details on the API) with Retry-After; the next request opens a new connection, so the app recovers
  by itself when the database is back (`netra.core.errors`).

The state here is per process: a process learns Redis is down when a call fails (or its probe does),
and stops trying it for a few seconds (a circuit breaker), so an outage costs one refused connection
per process per interval, not one per cache call.
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)

# After a failure, Redis is not tried again for this long (seconds).
RETRY_AFTER_SECONDS = 5.0
# The banner's probe runs at most this often per process (seconds).
PROBE_EVERY_SECONDS = 10.0

_lock = threading.Lock()
_down_since: dict[str, float] = {}
_retry_at: dict[str, float] = {}
_probed: dict[str, tuple[float, bool]] = {}


def redis_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean "Redis cannot be reached" (refused, reset, timed out)."""
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, ConnectionError, TimeoutError)


def broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError

    return (OperationalError, *redis_errors())


def mark_down(service: str, exc: BaseException | None = None) -> None:
    now = time.monotonic()
    with _lock:
        first = service not in _down_since
        _down_since.setdefault(service, now)
        _retry_at[service] = now + RETRY_AFTER_SECONDS
        _probed[service] = (now, False)
    if first:
        logger.warning("%s is unreachable (%s): degrading", service, type(exc).__name__ if exc else "probe")


def mark_up(service: str) -> None:
    if service in _down_since:
        with _lock:
            _down_since.pop(service, None)
            _retry_at.pop(service, None)
        logger.warning("%s is reachable again", service)


def should_try(service: str) -> bool:
    """False while the circuit is open (a failure less than RETRY_AFTER_SECONDS ago)."""
    return time.monotonic() >= _retry_at.get(service, 0.0)


def is_down(service: str) -> bool:
    return service in _down_since


def redis_is_up() -> bool:
    """A cheap, rate-limited probe (PING with the cache's own client and timeouts)."""
    from django.conf import settings

    if not getattr(settings, "REDIS_URL", ""):
        return True
    now = time.monotonic()
    last = _probed.get("redis")
    if last is not None and now - last[0] < PROBE_EVERY_SECONDS:
        return last[1]
    up = _ping_redis()
    with _lock:
        _probed["redis"] = (now, up)
    if up:
        mark_up("redis")
    else:
        mark_down("redis")
    return up


def _ping_redis() -> bool:
    from django.core.cache import cache

    client_of = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client_of is None:
        return True
    try:
        return bool(client_of(None, write=True).ping())
    except redis_errors():
        return False


def outage_banner(request) -> dict:
    """Context processor: officers (logged in) see which services are down; the public sees nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    down = [] if redis_is_up() else ["redis"]
    return {"netra_outages": down}


def reset() -> None:
    """Forget every outage (tests)."""
    with _lock:
        _down_since.clear()
        _retry_at.clear()
        _probed.clear()
