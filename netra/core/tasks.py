"""Background jobs of core: thin wrappers around services."""

from celery import shared_task

from netra.core.deferred import deferred_flush


@shared_task(name="core.deferred_flush", acks_late=True)
def deferred_flush_task() -> int:
    """Every minute (beat): queue the tasks kept while the broker was down."""
    return deferred_flush()
