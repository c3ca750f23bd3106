"""Process-local memoisation with a time limit, for reference data read on hot paths (elections, clock
rules, holidays, routing). Reference data changes rarely and through the admin; a change applies to
each process within `seconds`. Tests call `clear_all()` (see the root conftest)."""

import functools
import threading
import time
from collections.abc import Callable
from typing import Any

_REGISTRY: list[Callable[[], None]] = []


def ttl_memoize(seconds: float) -> Callable:
    def decorator(fn: Callable) -> Callable:
        store: dict[Any, tuple[float, Any]] = {}
        lock = threading.Lock()

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())))
            now = time.monotonic()
            hit = store.get(key)
            if hit is not None and hit[0] > now:
                return hit[1]
            value = fn(*args, **kwargs)
            with lock:
                store[key] = (now + seconds, value)
            return value

        def clear() -> None:
            with lock:
                store.clear()

        wrapper.cache_clear = clear  # type: ignore[attr-defined]
        _REGISTRY.append(clear)
        return wrapper

    return decorator


def clear_all() -> None:
    for clear in _REGISTRY:
        clear()
