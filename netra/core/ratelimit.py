"""A small fixed-window rate limiter on Django's cache (Redis on the real path, memory locally).

Used by the public channel: report submissions per client address, and failed receipt logins.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_key(request) -> str:
    """A hashed client address (the address itself is personal data: never stored or logged).

    X-Forwarded-For is used only when NETRA_TRUST_X_FORWARDED_FOR says a proxy in front of Netra sets
    it; otherwise any client could send a new value per request and escape every limit. The proxy's
    own addition is the last entry, so that one is taken."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.NETRA_TRUST_X_FORWARDED_FOR:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if forwarded:
            address = forwarded[-1]
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def _window_key(scope: str, key: str, window: int) -> str:
    return f"rl:{scope}:{key}:{int(time.time() // window)}"


def count(scope: str, key: str, *, window: int = 3600) -> int:
    return int(cache.get(_window_key(scope, key, window)) or 0)


def hit(scope: str, key: str, *, window: int = 3600) -> int:
    """Count one event in the current window; returns the new count."""
    name = _window_key(scope, key, window)
    if cache.add(name, 1, timeout=window + 5):
        return 1
    try:
        return cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=window + 5)
        return 1


def exceeded(scope: str, key: str, *, limit: int, window: int = 3600) -> bool:
    return count(scope, key, window=window) >= limit
