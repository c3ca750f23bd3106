"""Tasks that cannot be queued while the broker is down are kept in PostgreSQL and queued later (issue 13).

Every Netra task is a `DeferrableTask` (config/celery.py): `delay()`/`apply_async()` first try the
broker as usual; if it cannot be reached, the call is stored as a `DeferredTask` row and the caller
goes on (the report it belongs to is already committed). `deferred_flush` (the beat job
`core.deferred_flush`, and `manage.py`-free: any worker runs it) queues the rows again, oldest first,
deleting each row in the transaction that queued it; a row whose queueing fails stays for next time.
Tasks are written to be run at least once (they load by id and check state), so a row queued twice
after a crash between publish and commit has no visible effect.
"""

import logging

from celery import Task
from django.db import transaction
from django.utils import timezone

from netra.core import outages

logger = logging.getLogger(__name__)


class DeferrableTask(Task):
    def apply_async(
        self, args=None, kwargs=None, task_id=None, producer=None, link=None, link_error=None, **options
    ):
        if self.app.conf.task_always_eager:
            return super().apply_async(args, kwargs, task_id, producer, link, link_error, **options)
        if not outages.should_try("redis"):
            # Redis failed moments ago (the cache or a publish): keep the task without waiting for
            # kombu's connection retries, so a request during the outage is not slowed by them.
            return defer(self.name, args=args, kwargs=kwargs, options=_storable(options))
        try:
            result = super().apply_async(args, kwargs, task_id, producer, link, link_error, **options)
        except outages.broker_errors() as exc:
            outages.mark_down("redis", exc)
            return defer(self.name, args=args, kwargs=kwargs, options=_storable(options))
        outages.mark_up("redis")
        return result


def _storable(options: dict) -> dict:
    return {k: v for k, v in options.items() if k in ("countdown", "queue", "priority") and v is not None}


def defer(name: str, *, args=None, kwargs=None, options=None) -> None:
    from netra.core.models import DeferredTask

    DeferredTask.objects.create(
        name=name,
        args=list(args or []),
        kwargs=dict(kwargs or {}),
        options=options or {},
        created_at=timezone.now(),
    )
    logger.warning("broker unreachable: task %s kept in the database, queued when it is back", name)


def deferred_flush(*, limit: int = 1000) -> int:
    """Queue the kept tasks again (oldest first). Returns how many were queued."""
    from celery import current_app

    from netra.core.models import DeferredTask

    queued = 0
    while queued < limit:
        with transaction.atomic():
            row = (
                DeferredTask.objects.select_for_update(skip_locked=True).order_by("created_at", "id").first()
            )
            if row is None:
                break
            try:
                current_app.send_task(row.name, args=row.args, kwargs=row.kwargs, **row.options)
            except outages.broker_errors() as exc:
                outages.mark_down("redis", exc)
                DeferredTask.objects.filter(pk=row.pk).update(attempts=row.attempts + 1)
                break
            row.delete()
            queued += 1
    return queued
