"""Bulk loads of posts and interactions from CSV or JSONL exports (columns: docs/patrol.md).

`load_start` checks who may load and keeps the file on a batch; `load_run` (Celery task
`patrol.load_run` after commit; in-process on the embedded default) checks every row first and writes
all rows, then the matched queue items, in one transaction — or nothing, with each problem reported as
row, column and why. Progress is committed on the batch in steps."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import logging
import zoneinfo
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.core.exceptions import ApplicationError
from netra.evidence.models import Platform
from netra.patrol.models import BatchStatus, Interaction, InteractionKind, LoadBatch, PatrolItem
from netra.patrol.registry_io import normalise_handle
from netra.patrol.services.capture import clean_post_url, election_named, patrol_refusal, region_inside
from netra.regions.timezones import WIB

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
COLUMNS = ("kind", "account", "at", "text", "url", "target_url", "target_account")
REQUIRED = ("kind", "account", "at")
NEEDS_TARGET = {InteractionKind.LIKE, InteractionKind.SHARE, InteractionKind.COMMENT, InteractionKind.FOLLOW}


@dataclass(frozen=True)
class LoadIn:
    name: str
    data: bytes
    region_code: str
    platform: str
    election_code: str = ""


def load_start(*, actor, load: LoadIn, now: dt.datetime | None = None) -> LoadBatch:
    """Accept an export file and queue its run. Refuses before storing anything when the user may not
    load, or the file is empty, too large or of the wrong type."""
    now = now or timezone.now()
    if (refusal := patrol_refusal(actor)) is not None:
        raise refusal
    if not load.name.lower().endswith((".csv", ".jsonl", ".ndjson")):
        raise ApplicationError(_("Berkas harus .csv atau .jsonl."), extra={"field": "file"})
    if not load.data or len(load.data) > MAX_BYTES:
        raise ApplicationError(_("Berkas kosong atau lebih dari 20 MB."), extra={"field": "file"})
    if load.platform not in Platform.values:
        raise ApplicationError(_("Platform tidak dikenal."), extra={"field": "platform"})
    region = region_inside(actor, load.region_code)
    election = election_named(load.election_code, region, timezone.localdate(now))
    with transaction.atomic():
        batch = LoadBatch.objects.create(
            office=actor.agency,
            region=region,
            election=election,
            platform=load.platform,
            name=load.name[:200],
            data=load.data,
            sha256=hashlib.sha256(load.data).hexdigest(),
            created_by=actor,
            created_at=now,
        )
        audit_record(
            actor=actor,
            action="patrol.load_start",
            instance=batch,
            after={"sha256": batch.sha256, "bytes": len(load.data)},
        )
        from netra.patrol.tasks import load_run_task

        batch_id = batch.pk
        transaction.on_commit(lambda: load_run_task.delay(batch_id))
    return batch


# --- reading ------------------------------------------------------------------------------------------


class LoadFileError(Exception):
    """The file cannot be read as a table at all."""


def _records(data: bytes, name: str) -> list[dict]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LoadFileError(_("Berkas bukan teks UTF-8.")) from None
    if name.lower().endswith(".csv"):
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise LoadFileError(_("Kolom wajib tidak ada: %(cols)s.") % {"cols": ", ".join(missing)})
        return [dict(r) for r in reader]
    records: list[dict] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LoadFileError(
                _("Baris %(n)s bukan JSON yang sah (%(why)s).") % {"n": n, "why": exc.msg}
            ) from None
        if not isinstance(value, dict):
            raise LoadFileError(_("Baris %(n)s harus berupa objek JSON.") % {"n": n})
        records.append(value)
    return records


def _when(raw: str, tz: zoneinfo.ZoneInfo) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value.replace(tzinfo=tz) if timezone.is_naive(value) else value


def _row(n: int, raw: dict, *, tz, now: dt.datetime, errors: list[dict]) -> Interaction | None:
    """One row as an Interaction (not saved), or None with its problems appended."""
    values = {c: str(raw.get(c) or "").strip() for c in COLUMNS}
    before = len(errors)

    def err(column: str, why: str) -> None:
        errors.append({"row": n, "column": column, "reason": why})

    kind = values["kind"].lower()
    if kind not in InteractionKind.values:
        err(
            "kind",
            _("'%(v)s' bukan salah satu dari: %(ok)s")
            % {"v": values["kind"], "ok": ", ".join(InteractionKind.values)},
        )
    account = normalise_handle(values["account"])
    if not account:
        err("account", _("wajib diisi"))
    at = _when(values["at"], tz)
    if at is None:
        err("at", _("waktu tidak dikenal; tulis ISO 8601, mis. 2024-11-20T08:15:00+08:00"))
    elif at > now + dt.timedelta(minutes=5):
        err("at", _("waktu di masa depan"))
    urls = {}
    for column in ("url", "target_url"):
        urls[column] = ""
        if values[column]:
            try:
                urls[column] = clean_post_url(values[column])[0]
            except ApplicationError as exc:
                err(column, exc.message)
    if kind in NEEDS_TARGET and not (urls["target_url"] or values["target_account"]):
        err("target_url", _("suka/bagikan/komentar/ikuti perlu target_url atau target_account"))
    if len(errors) > before or at is None:
        return None
    return Interaction(
        row=n,
        kind=kind,
        account=account,
        at=at,
        text=values["text"][:20000],
        url=urls["url"],
        target_url=urls["target_url"],
        target_account=normalise_handle(values["target_account"]),
    )


def load_check(*, data: bytes, name: str, tz, now: dt.datetime) -> tuple[list[Interaction], list[dict]]:
    """Every row parsed, or every problem (row, column, reason). Raises LoadFileError for an unreadable file."""
    records = _records(data, name)
    if not records:
        raise LoadFileError(_("Berkas tidak berisi baris data."))
    if len(records) > MAX_ROWS:
        raise LoadFileError(_("Terlalu banyak baris (maksimal %(n)s).") % {"n": MAX_ROWS})
    errors: list[dict] = []
    first = 2 if name.lower().endswith(".csv") else 1  # the header is line 1 of a CSV
    rows = [_row(i + first, r, tz=tz, now=now, errors=errors) for i, r in enumerate(records)]
    return [r for r in rows if r is not None], errors


# --- running ------------------------------------------------------------------------------------------


def _progress(batch: LoadBatch, **fields) -> None:
    for key, value in fields.items():
        setattr(batch, key, value)
    LoadBatch.objects.filter(pk=batch.pk).update(**fields)  # committed at once: a page polls it


def _finish(batch: LoadBatch, *, status: str, errors: list[dict] | None = None, flagged: int = 0) -> None:
    with transaction.atomic():
        _progress(batch, status=status, errors=errors or [], flagged=flagged, finished_at=timezone.now())
        audit_record(
            actor=batch.created_by,
            action="patrol.load_done" if status == BatchStatus.DONE else "patrol.load_failed",
            instance=batch,
            after={"status": status, "rows": batch.total, "flagged": flagged, "errors": len(errors or [])},
        )


def load_run(*, batch_id: int, now: dt.datetime | None = None) -> LoadBatch | None:
    """Run a pending batch: check all rows, then store rows and matched items in one transaction."""
    from netra.patrol.services.matching import batch_match, rows_worth_keeping

    batch = (
        LoadBatch.objects.select_related("office", "region", "election", "created_by")
        .filter(pk=batch_id)
        .first()
    )
    if batch is None or batch.status not in (BatchStatus.PENDING, BatchStatus.RUNNING):
        return batch
    now = now or timezone.now()
    tz = zoneinfo.ZoneInfo(getattr(batch.office, "timezone", "") or WIB)
    _progress(batch, status=BatchStatus.RUNNING, processed=0)
    try:
        rows, errors = load_check(data=bytes(batch.data), name=batch.name, tz=tz, now=now)
    except LoadFileError as exc:
        _finish(batch, status=BatchStatus.FAILED, errors=[{"row": 0, "column": "", "reason": str(exc)}])
        return batch
    _progress(batch, total=len(rows) + len({e["row"] for e in errors}))
    if errors:
        _finish(batch, status=BatchStatus.FAILED, errors=errors)
        return batch
    try:
        with transaction.atomic():
            for row in rows:
                row.batch = batch
            kept = rows_worth_keeping(batch=batch, rows=rows, user=batch.created_by)
            Interaction.objects.bulk_create(kept, batch_size=2000)
            items = batch_match(batch=batch, user=batch.created_by)
            PatrolItem.objects.bulk_create(items, batch_size=1000)
    except Exception:
        logger.exception("patrol load %s failed", batch.pk)
        _finish(
            batch,
            status=BatchStatus.FAILED,
            errors=[{"row": 0, "column": "", "reason": _("Kesalahan sistem; tidak ada yang disimpan.")}],
        )
        return batch
    # The export itself is not kept once read (it names every citizen who interacted): its SHA-256 stays.
    _progress(batch, processed=len(rows), data=b"")
    _finish(batch, status=BatchStatus.DONE, flagged=len(items))
    return batch
