"""Background jobs of the patrol app: thin wrappers around services (Celery on the real path, in-process
on the embedded default)."""

from celery import shared_task


@shared_task(name="patrol.capture_ocr", acks_late=True)
def capture_ocr_task(capture_id: int) -> str | None:
    """OCR one captured screenshot and re-screen its queue item."""
    from netra.patrol.services.capture import capture_ocr_run

    capture = capture_ocr_run(capture_id=capture_id)
    return capture.ocr_status if capture is not None else None


@shared_task(name="patrol.load_run", acks_late=True)
def load_run_task(batch_id: int) -> str | None:
    """Check, store and match one uploaded bulk load (all rows or none)."""
    from netra.patrol.services.loads import load_run

    batch = load_run(batch_id=batch_id)
    return batch.status if batch is not None else None


# The batch screening chunks (manage.py screen) live in their own module; imported here so workers
# register them with the rest of the app's tasks.
from netra.patrol.tasks_screening import screen_chunk_task  # noqa: E402, F401
