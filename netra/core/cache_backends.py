"""Django's Redis cache, reusing its `redis.Redis` client objects.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every cache call; the
connection pool is shared, but each client's constructor fills ~170 response callbacks (≈0.4 ms of CPU).
The public intake makes several cache calls per submission (rate limits, throttles), so on a 2-core
machine that was ~1.4 ms of each report's service time. A `redis.Redis` is thread-safe and holds no
per-call state, so one client per pool serves every call.

`clear()` deletes only this cache's keys (its KEY_PREFIX). Django's flushes the whole Redis database,
which may also hold Celery's queue (one REDIS_URL) or another pytest-xdist worker's rate-limit counters
(a test that cleared its cache made the other worker's rate-limit test flaky).
"""

# mypy: disable-error-code="attr-defined"
# (it reaches into Django's private client API on purpose; django-stubs does not describe it)

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class PooledClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCacheReusingClients(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledClientRedisCacheClient

    def clear(self) -> None:
        client = self._cache.get_client(None, write=True)
        pattern = f"{self.key_prefix}:*"
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
