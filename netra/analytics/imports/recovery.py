"""When an import goes wrong after it was accepted: a run whose task was lost is resumed, and a batch
loaded by mistake is withdrawn.

- **Resume** (`imports_resume_stalled`, beat task `analytics.imports_resume`): a batch still queued or
  running with no sign of life (`progress_at`) for `NETRA_IMPORT_STALL_MINUTES` (default 15) lost its
  task — the broker was down when the upload committed, or the worker died and the message was not
  redelivered. It is queued again from its stored file. Safe to repeat: a run writes all its facts in
  one transaction or none, and a row already present is never added twice (its `row_key`).
- **Withdraw** (`import_withdraw`): the importer (or anyone who may follow the batch and import)
  removes every fact of a finished batch, with a reason, audited; the batch stays as the record of what
  was loaded and withdrawn. The dashboard and its rollups drop the rows in the same transaction; the
  same file can then be imported again once corrected.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _g

from netra.analytics.imports.service import import_batches_for, import_refusal, stored_path
from netra.analytics.models import ImportBatch, SubjectFact
from netra.audit.services import audit_record
from netra.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError

WAITING = (ImportBatch.Status.PENDING, ImportBatch.Status.RUNNING)


def stall_after() -> dt.timedelta:
    return dt.timedelta(minutes=int(getattr(settings, "NETRA_IMPORT_STALL_MINUTES", 15)))


def imports_resume_stalled(*, now: dt.datetime) -> list[int]:
    """Queue again every batch silent for too long (its file kept); fail the ones whose file is gone.
    Returns the ids queued."""
    from netra.analytics.imports.service import batch_fail, row_error
    from netra.analytics.tasks import import_run_task

    cutoff = now - stall_after()
    stalled = ImportBatch.objects.filter(status__in=WAITING).select_related("created_by")
    queued = []
    for batch in stalled:
        if (batch.progress_at or batch.created_at) >= cutoff:
            continue
        if not stored_path(batch).exists():
            why = _g("Berkas unggahan tidak ditemukan lagi; unggah ulang.")
            batch_fail(batch=batch, errors=[row_error(0, "", why)], user=batch.created_by)
            continue
        with transaction.atomic():
            ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.PENDING, progress_at=now)
            audit_record(
                actor=None, action="import.resume", instance=batch, after={"stalled_since": str(cutoff)}
            )
            transaction.on_commit(lambda pk=batch.pk: import_run_task.delay(pk))
        queued.append(batch.pk)
    return queued


def import_withdraw(*, batch_id: int, user, reason: str, now: dt.datetime | None = None) -> ImportBatch:
    """Remove every fact a finished batch added. Not found unless `user` may follow the batch."""
    refusal = import_refusal(user)
    if refusal is not None:
        raise PermissionDeniedError(refusal)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ApplicationError(
            _g("Tuliskan alasan penarikan (paling sedikit 10 karakter)."), code="withdraw-reason"
        )
    with transaction.atomic():
        batch = import_batches_for(user).select_for_update(of=("self",)).filter(pk=batch_id).first()
        if batch is None:
            raise NotFoundError(_g("Impor tidak ditemukan."))
        if batch.status != ImportBatch.Status.DONE:
            raise ApplicationError(_g("Hanya impor yang selesai dapat ditarik."), code="import-not-done")
        removed, _detail = SubjectFact.objects.filter(batch=batch).delete()
        batch.status = ImportBatch.Status.WITHDRAWN
        batch.withdrawn_at = now or timezone.now()
        batch.withdrawn_by = user
        batch.withdraw_reason = reason
        batch.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "withdraw_reason"])
        audit_record(
            actor=user,
            action="import.withdraw",
            instance=batch,
            before={"rows_added": batch.rows_added},
            after={"facts_removed": removed, "reason": reason},
        )
    return batch
