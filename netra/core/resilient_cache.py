"""The Redis cache, falling back to a process-local cache while Redis cannot be reached (issue 13).

Every cache user (the public rate limits, the receipt throttle, double-submit guards, memoised rows)
keeps working during a Redis outage: its counters and keys live in this process's memory until Redis
answers again. Limits are then per process instead of global (a gunicorn worker counts only what it
served): relaxed, not lifted. Nothing is lost that matters: the cache holds no record of a report.

A failed call opens a circuit for `outages.RETRY_AFTER_SECONDS`, during which Redis is not tried at all
(a down Redis costs one refused connection per process per interval, not one per call). Connection and
socket timeouts are short (OPTIONS in settings), so an unreachable host cannot hang a request either.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

from netra.core import outages
from netra.core.cache_backends import RedisCacheReusingClients

SERVICE = "redis"


class ResilientRedisCache(RedisCacheReusingClients):
    def __init__(self, server, params):
        super().__init__(server, params)
        # One store per process and location: Django makes a cache object per thread, LocMemCache shares
        # its storage between objects of the same name.
        self._local = LocMemCache(f"netra-fallback:{server}", {"OPTIONS": {"MAX_ENTRIES": 100_000}})
        self._local.key_prefix = self.key_prefix
        self._local.version = self.version

    def _either(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if outages.should_try(SERVICE):
            method: Callable = getattr(super(), name)
            try:
                result = method(*args, **kwargs)
            except outages.redis_errors() as exc:
                outages.mark_down(SERVICE, exc)
            else:
                outages.mark_up(SERVICE)
                return result
        return getattr(self._local, name)(*args, **kwargs)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._either("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._either("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._either("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._either("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._either("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._either("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._either("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._either("incr", key, delta=delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._either("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._either("delete_many", keys, version=version)

    def clear(self):
        self._local.clear()
        return self._either("clear")
