"""Importing historical cases: start (store the file, queue the run), run (check every row, then write
all or nothing), and what the pages read (the importer's batches, the error report).

- **All or nothing.** Every row is checked before anything is written; one bad row fails the batch
  with every (row, column, why) found and no fact written. The write is one transaction.
- **Idempotent.** A fact's `row_key` is the hash of its normalised row (rows.py), unique in the table:
  rows already imported (by this file or any other) are skipped, so re-importing adds nothing.
- **Progress.** The batch is the job: `rows_total`/`rows_done` are updated while rows are checked, each
  update committed on its own (autocommit, outside the write's transaction), so a poller sees it move.
- **Never a clock.** Imported history is only `SubjectFact` rows (`is_imported`, no case): no Case, no
  Deadline, no caseload.
- **Jurisdiction.** An importer may import only rows whose region lies in their own jurisdiction
  (`Scope.region_prefixes`); others are row errors. The management command runs as the system
  (national) unless given --user.
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _g

from netra.agencies.models import AgencyFamily
from netra.analytics.imports.reading import (
    ImportFileError,
    Table,
    file_format,
    header_problems,
    max_bytes,
    table_read,
)
from netra.analytics.imports.references import references_load
from netra.analytics.imports.rows import row_check
from netra.analytics.models import ImportBatch, SubjectFact
from netra.audit.services import audit_record
from netra.core.exceptions import ApplicationError, PermissionDeniedError
from netra.core.scoping import scope_for

logger = logging.getLogger(__name__)

# Who may import: those who may record cases, at Bawaslu or an ASN oversight body (roles.py gives
# `cases.add_case` to officers and heads; a PPK imports nothing: its own history reaches Netra through
# Bawaslu and KASN/BKN, whose figures are the official ones).
IMPORT_PERMISSION = "cases.add_case"
IMPORT_FAMILIES = (AgencyFamily.BAWASLU, AgencyFamily.OVERSIGHT)
MAX_ERRORS = 10_000  # kept on the batch; a file this wrong needs fixing at its source first
_LOCK_ID = 7_251_436_011  # PostgreSQL advisory lock: one import writes at a time (exact rows_added)

Progress = Callable[[int, int], None]


def import_root() -> Path:
    """Uploaded files wait here for their run: a private folder no URL serves (like case documents),
    shared with the Celery workers. Each file is deleted when its run ends."""
    root = getattr(settings, "NETRA_IMPORT_ROOT", None)
    return Path(root) if root else Path(settings.MEDIA_ROOT) / "imports"


def stored_path(batch: ImportBatch) -> Path:
    return import_root() / f"batch-{batch.pk}{file_format(batch.file_name)}"


# --- who may import ----------------------------------------------------------------------------------


def import_refusal(user) -> str | None:
    """Why `user` may not import history, or None. `None` as user is the system (the command)."""
    if user is None:
        return None
    scope = scope_for(user)
    if scope.is_superuser:
        return None
    if not (scope.can(IMPORT_PERMISSION) and scope.acts_as(*IMPORT_FAMILIES) and scope.region_prefixes):
        return _g("Impor riwayat hanya untuk petugas Bawaslu dan pengawas ASN yang berwenang mencatat kasus.")
    return None


def _within(user) -> Callable[[str], bool]:
    if user is None or scope_for(user).is_national:
        return lambda code: True
    prefixes = scope_for(user).region_prefixes
    return lambda code: any(code == p or code.startswith(p + ".") for p in prefixes)


def import_batches_for(user) -> QuerySet[ImportBatch]:
    """The batches `user` may follow: their own and their office's (and its sub-offices')."""
    qs = ImportBatch.objects.select_related("created_by").order_by("-created_at", "-pk")
    if import_refusal(user) is not None:
        return qs.none()
    scope = scope_for(user)
    if scope.is_superuser:
        return qs
    return qs.filter(Q(created_by=user) | Q(created_by__agency_id__in=scope.agency_ids))


# --- checking ----------------------------------------------------------------------------------------


@dataclass
class ImportCheck:
    total: int
    rows: list[dict[str, Any]] = field(default_factory=list)  # the facts' values (when no errors)
    errors: list[dict[str, Any]] = field(default_factory=list)  # {"row", "column", "why"}


def row_error(row: int, column: str, why: str) -> dict[str, Any]:
    """One problem of an import, as stored on the batch and shown on its page (row 0: the file itself)."""
    return {"row": row, "column": column, "why": why}


def import_check(*, table: Table, user, on_progress: Callable[[int], None] | None = None) -> ImportCheck:
    """Check every row (writes nothing): the facts to write, or every problem found."""
    check = ImportCheck(total=len(table.rows))
    check.errors = [row_error(1, column, why) for column, why in header_problems(table)]
    if check.errors:
        return check
    refs = references_load(today=timezone.localdate())
    within = _within(user)
    first_seen: dict[str, int] = {}
    step = max(200, check.total // 50)
    for done, (number, cells) in enumerate(table.records(), start=1):
        values, problems = row_check(cells, refs, within=within)
        if values is not None:
            first = first_seen.setdefault(values["row_key"], number)
            if first == number:
                check.rows.append(values)
            else:
                why = _g(
                    "sama persis dengan baris %(n)s; bila ini ASN yang berbeda, bedakan dengan kolom rujukan"
                ) % {"n": first}
                problems = [("rujukan", why)]
        check.errors += [row_error(number, column, why) for column, why in problems]
        if on_progress is not None and (done % step == 0 or done == check.total):
            on_progress(done)
    if check.errors:
        check.rows = []
    return check


def import_existing(*, row_keys: list[str]) -> set[str]:
    """Which of these facts are already in the table."""
    found: set[str] = set()
    for start in range(0, len(row_keys), 2000):
        chunk = row_keys[start : start + 2000]
        found.update(SubjectFact.objects.filter(row_key__in=chunk).values_list("row_key", flat=True))
    return found


# --- running -----------------------------------------------------------------------------------------


def _progress(batch: ImportBatch, **fields) -> None:
    """Committed at once (the caller is outside any transaction on the real path): a poller sees it,
    and `progress_at` tells the recovery sweep the run is alive."""
    fields["progress_at"] = timezone.now()
    ImportBatch.objects.filter(pk=batch.pk).update(**fields)
    for name, value in fields.items():
        setattr(batch, name, value)


def batch_fail(*, batch: ImportBatch, errors: list[dict[str, Any]], user) -> ImportBatch:
    """Mark the batch failed with its (first MAX_ERRORS) problems; also used by recovery for a lost file."""
    kept = errors[:MAX_ERRORS]
    if len(errors) > MAX_ERRORS:
        kept.append(row_error(0, "", _g("… dan %(n)s kesalahan lain") % {"n": len(errors) - MAX_ERRORS}))
    with transaction.atomic():
        batch.status = ImportBatch.Status.FAILED
        batch.errors = kept
        batch.rows_added = 0
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "errors", "rows_added", "finished_at"])
        audit_record(
            actor=user,
            action="import.failed",
            instance=batch,
            after={"errors": len(errors), "rows": batch.rows_total},
        )
    return batch


def _facts_insert(*, batch: ImportBatch, rows: list[dict[str, Any]]) -> None:
    """Insert the new facts. PostgreSQL: COPY into a temporary table, then one INSERT … SELECT, so a
    100,000-row file is one statement (one pass of the rollup triggers, no per-row SQL building);
    elsewhere `bulk_create`. A row another import added meanwhile is skipped (the advisory lock makes
    that rare; the unique `row_key` makes it harmless)."""
    if connection.vendor != "postgresql":
        facts = [SubjectFact(batch=batch, **values) for values in rows]
        SubjectFact.objects.bulk_create(facts, batch_size=1000, ignore_conflicts=True)
        return
    fields = [f for f in SubjectFact._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    now = timezone.now()
    table = connection.ops.quote_name(SubjectFact._meta.db_table)
    with connection.cursor() as cursor:
        # "if not exists" + truncate: two imports in one transaction (tests) share the temporary table.
        cursor.execute(
            "create temporary table if not exists import_facts on commit drop as "  # noqa: S608 (model names)
            f"select {columns} from {table} with no data"
        )
        cursor.execute("truncate import_facts")
        with cursor.copy(f"copy import_facts ({columns}) from stdin") as copy:
            for values in rows:
                fact = SubjectFact(batch=batch, updated_at=now, **values)
                copy.write_row([getattr(fact, f.attname) for f in fields])
        cursor.execute(
            f"insert into {table} ({columns}) select {columns} from import_facts "  # noqa: S608 (model names)
            "on conflict (row_key) do nothing"
        )


def _write(*, batch: ImportBatch, rows: list[dict[str, Any]], user) -> ImportBatch:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
        existing = import_existing(row_keys=[r["row_key"] for r in rows])
        new = [values for values in rows if values["row_key"] not in existing]
        _facts_insert(batch=batch, rows=new)
        batch.status = ImportBatch.Status.DONE
        batch.rows_done = batch.rows_total
        batch.rows_added = len(new)
        batch.errors = []
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "rows_done", "rows_added", "errors", "finished_at"])
        audit_record(
            actor=user,
            action="import.done",
            instance=batch,
            after={
                "file_name": batch.file_name,
                "file_sha256": batch.file_sha256,
                "rows": batch.rows_total,
                "added": len(new),
                "already_present": len(rows) - len(new),
            },
        )
    return batch


def import_run(
    *, batch: ImportBatch, rows_source: Table, user, on_progress: Progress | None = None
) -> ImportBatch:
    """Check every row of `rows_source`, then write all its new facts in one transaction, or none
    (the batch FAILED with every error). `user`: the importer (None: the system, national)."""
    with translation.override(settings.LANGUAGE_CODE):
        total = len(rows_source.rows)
        _progress(batch, status=ImportBatch.Status.RUNNING, rows_total=total, rows_done=0)
        refusal = import_refusal(user)
        if refusal is not None:
            return batch_fail(batch=batch, errors=[row_error(0, "", refusal)], user=user)

        def progress(done: int) -> None:
            _progress(batch, rows_done=done)
            if on_progress is not None:
                on_progress(done, total)

        check = import_check(table=rows_source, user=user, on_progress=progress)
        if check.errors:
            return batch_fail(batch=batch, errors=check.errors, user=user)
        return _write(batch=batch, rows=check.rows, user=user)


# --- starting ----------------------------------------------------------------------------------------


def _batch_create(*, name: str, data: bytes, user) -> ImportBatch:
    """The batch row and its audit row (inside the caller's transaction)."""
    batch = ImportBatch(
        file_name=Path(name).name[:255],
        file_sha256=hashlib.sha256(data).hexdigest(),
        created_by=user,
        status=ImportBatch.Status.PENDING,
    )
    batch.full_clean()
    batch.save()
    audit_record(
        actor=user,
        action="import.start",
        instance=batch,
        after={"file_name": batch.file_name, "file_sha256": batch.file_sha256, "bytes": len(data)},
    )
    return batch


def _accept(*, name: str, size: int, user) -> None:
    refusal = import_refusal(user)
    if refusal is not None:
        raise PermissionDeniedError(refusal)
    try:
        file_format(name)
    except ImportFileError as exc:
        raise ApplicationError(str(exc), code="import-format") from None
    if size > max_bytes():
        raise ApplicationError(
            _g("Berkas terlalu besar (paling besar %(m)s MB).") % {"m": round(max_bytes() / 1048576, 1)},
            code="import-too-large",
        )


def import_start(*, file, user) -> ImportBatch:
    """Accept an uploaded file, keep it privately and queue its run (`analytics.import_run`: Celery on
    the real path, in-process at once on the embedded default). Refuses before storing anything when
    the user may not import or the file is of the wrong type or too large."""
    from netra.analytics.tasks import import_run_task

    _accept(name=file.name, size=file.size, user=user)
    data = b"".join(file.chunks())
    with transaction.atomic():
        batch = _batch_create(name=file.name, data=data, user=user)
        path = stored_path(batch)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
        path.write_bytes(data)
        path.chmod(0o640)
        transaction.on_commit(lambda: import_run_task.delay(batch.pk))
    return batch


def import_file(*, data: bytes, name: str, user, on_progress: Progress | None = None) -> ImportBatch:
    """Import a file at once, in this process (the management command): a batch like an upload's.
    A file that cannot be read at all raises ImportFileError and leaves no batch."""
    _accept(name=name, size=len(data), user=user)
    table = table_read(data=data, name=name)
    with transaction.atomic():
        batch = _batch_create(name=name, data=data, user=user)
    return _run_guarded(
        batch=batch,
        run=lambda: import_run(batch=batch, rows_source=table, user=user, on_progress=on_progress),
    )


def _run_guarded(*, batch: ImportBatch, run: Callable[[], Any]) -> ImportBatch:
    """Run; an unreadable file or an unexpected error fails the batch with the reason (nothing was
    written: the write is one transaction), never leaving it running."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            run()
        except ImportFileError as exc:
            batch_fail(batch=batch, errors=[row_error(0, "", str(exc))], user=batch.created_by)
        except Exception:
            logger.exception("import batch %s failed", batch.pk)
            why = _g("Kesalahan sistem saat mengimpor; tidak ada data yang ditulis. Hubungi administrator.")
            batch_fail(batch=batch, errors=[row_error(0, "", why)], user=batch.created_by)
    return batch


def import_run_stored(*, batch_id: int) -> ImportBatch | None:
    """Run an uploaded batch from its stored file (the task's body). A batch already finished is left
    alone (a redelivered task); the stored file is removed when the run ends."""
    batch = ImportBatch.objects.select_related("created_by").filter(pk=batch_id).first()
    if batch is None or batch.status in (ImportBatch.Status.DONE, ImportBatch.Status.FAILED):
        return batch
    path = stored_path(batch)

    def run() -> None:
        if batch.created_by is None:
            raise ImportFileError(_g("Pengunggah berkas tidak ada lagi."))
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ImportFileError(_g("Berkas unggahan tidak ditemukan lagi; unggah ulang.")) from None
        import_run(
            batch=batch, rows_source=table_read(data=data, name=batch.file_name), user=batch.created_by
        )

    try:
        _run_guarded(batch=batch, run=run)
    finally:
        if batch.status in (ImportBatch.Status.DONE, ImportBatch.Status.FAILED):
            path.unlink(missing_ok=True)
    return batch
