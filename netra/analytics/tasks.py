"""Background jobs of the analytics app: thin wrappers around services."""

from celery import shared_task

from netra.analytics.imports import import_run_stored


@shared_task(name="analytics.import_run", acks_late=True)
def import_run_task(batch_id: int) -> str | None:
    """Run an uploaded historical import (queued when its upload commits). No retries: a run is
    deterministic, and every failure is recorded on the batch with its reason. Redelivered after a
    worker died mid-run, it runs again from the stored file (nothing was written: all or nothing)."""
    batch = import_run_stored(batch_id=batch_id)
    return batch.status if batch is not None else None


@shared_task(name="analytics.imports_resume")
def imports_resume_task() -> list[int]:
    """Beat: queue again the imports whose task was lost (netra.analytics.imports.recovery)."""
    from django.utils import timezone

    from netra.analytics.imports.recovery import imports_resume_stalled

    return imports_resume_stalled(now=timezone.now())
