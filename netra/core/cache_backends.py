"""Django's Redis cache, reusing its `redis.Redis` client objects.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every cache call; the
connection pool is shared, but each client's constructor fills ~170 response callbacks (≈0.4 ms of CPU).
The public intake makes several cache calls per submission (rate limits, throttles), so on a 2-core
machine that was ~1.4 ms of each report's service time. A `redis.Redis` is thread-safe and holds no
per-call state, so one client per pool serves every call.
"""

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
