"""Background jobs of the intake: thin wrappers around services."""

from celery import shared_task

from netra.intake.services import retention_purge


@shared_task(name="intake.retention_purge")
def retention_purge_task() -> int:
    return retention_purge()
