"""Batch screening over Celery workers: `screen_batch` cuts a batch into chunks, and each chunk is
screened by `screen_chunk_task` on whichever worker takes it.

Why chunks: the model part costs about 30-40 ms per gated post on one core, so a batch of 100,000
posts is an hour on one process; chunks let every worker core take a share, and the command shows
progress as chunks finish. On the embedded default (no REDIS_URL: tasks eager) and for batches of one
chunk the work runs in-process, chunk by chunk, with the same progress.

Where results go: the project runs Celery without a result backend, so a chunk's records are written to
Redis (the broker the workers already share) under the batch's own keys, with an expiry: the records of
chunk i under `netra:screen:<job>:<i>` and the count in the hash `netra:screen:<job>:done`. Writing the
same chunk twice (a redelivery after a worker died: tasks are acks_late) overwrites it, so nothing is
counted twice. The command polls the hash for progress, then reads the chunks in order.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from celery import Task, current_app, shared_task
from django.conf import settings
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

from netra.patrol.registry_io import registry_from_json
from netra.patrol.screening.batch import screen_posts
from netra.patrol.screening.types import Registry

CHUNK = 256
KEY_TTL = 24 * 3600
POLL_SECONDS = 0.5

Progress = Callable[[int, int], None]


class ScreeningBatchError(RuntimeError):
    """The workers did not finish the batch (stalled beyond the allowed time)."""


@lru_cache(maxsize=16)
def _registry(document: str) -> Registry:
    """The Registry of a registry document (JSON text), built once per worker process, so the engine's
    compiled matcher (cached per Registry object) is reused across chunks."""
    return registry_from_json(json.loads(document))


def _redis():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=5)


# base=Task: not the project's DeferrableTask, which keeps a task in PostgreSQL while Redis is down
# and queues it later. A chunk is only useful to the command waiting for it, so when the broker is
# down the command says so at once (and can be rerun with --in-process).
@shared_task(name="patrol.screen_chunk", acks_late=True, base=Task)
def screen_chunk_task(job: str, index: int, registry_document: str, posts: list[list]) -> int:
    """Screen one chunk of a batch and store its records in Redis (see the module docstring)."""
    records = screen_posts([(p[0], p[1]) for p in posts], _registry(registry_document))
    connection = _redis()
    pipe = connection.pipeline()
    pipe.set(f"netra:screen:{job}:{index}", json.dumps(records, ensure_ascii=False), ex=KEY_TTL)
    pipe.hset(f"netra:screen:{job}:done", str(index), len(records))
    pipe.expire(f"netra:screen:{job}:done", KEY_TTL)
    pipe.execute()
    return len(records)


def runs_in_process() -> bool:
    """True on the embedded default (tasks eager): no broker, no workers."""
    return bool(current_app.conf.task_always_eager) or not settings.REDIS_URL


def screen_batch(
    *,
    posts: Sequence[tuple[Any, str]],
    registry_document: str,
    chunk: int = CHUNK,
    queue: str | None = None,
    on_progress: Progress | None = None,
    stall_seconds: float = 600.0,
    in_process: bool | None = None,
) -> list[dict]:
    """Screen (id, text) pairs; returns their records in input order. Fans out over Celery workers when
    there is a broker and more than one chunk; otherwise runs in-process."""
    total = len(posts)
    chunks = [list(posts[i : i + chunk]) for i in range(0, total, chunk)]
    local = runs_in_process() if in_process is None else in_process
    if local or len(chunks) <= 1:
        registry = _registry(registry_document)
        records: list[dict] = []
        for part in chunks:
            records += screen_posts(part, registry)
            if on_progress is not None:
                on_progress(len(records), total)
        return records
    return _fan_out(chunks, registry_document, total, queue, on_progress, stall_seconds)


def _fan_out(
    chunks: list[list[tuple[Any, str]]],
    registry_document: str,
    total: int,
    queue: str | None,
    on_progress: Progress | None,
    stall_seconds: float,
) -> list[dict]:
    digest = hashlib.sha256(registry_document.encode()).hexdigest()[:8]
    job = f"{digest}-{uuid.uuid4().hex[:12]}"
    options = {"queue": queue} if queue else {}
    try:
        for index, part in enumerate(chunks):
            screen_chunk_task.apply_async(
                args=(job, index, registry_document, [[pid, text] for pid, text in part]), **options
            )
    except (OSError, KombuOperationalError, RedisError) as exc:
        raise ScreeningBatchError(f"cannot reach the Celery broker ({exc}); try --in-process") from None
    connection = _redis()
    done_key = f"netra:screen:{job}:done"
    done, last_change = 0, time.monotonic()
    try:
        while True:
            try:
                counts = connection.hvals(done_key)
            except RedisError as exc:
                raise ScreeningBatchError(
                    f"lost Redis while waiting for the workers ({exc}); try --in-process"
                ) from None
            now_done = sum(int(c) for c in counts)
            if now_done != done:
                done, last_change = now_done, time.monotonic()
                if on_progress is not None:
                    on_progress(done, total)
            if len(counts) == len(chunks):
                break
            if time.monotonic() - last_change > stall_seconds:
                raise ScreeningBatchError(
                    f"the workers screened {done} of {total} posts, then nothing for {stall_seconds:.0f} s "
                    "(are Celery workers running on this queue?)"
                )
            time.sleep(POLL_SECONDS)
        records: list[dict] = []
        for index in range(len(chunks)):
            records += json.loads(connection.get(f"netra:screen:{job}:{index}") or b"[]")
        return records
    finally:
        connection.delete(done_key, *(f"netra:screen:{job}:{i}" for i in range(len(chunks))))
