"""Writing to the audit log. Called by every state-changing service, inside its transaction."""

from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from netra.audit.chain import GENESIS_HASH, UnknownKeyError, current_key_id, entry_hash
from netra.audit.models import AuditLogEntry
from netra.core.middleware import current_request_id
from netra.core.serialization import snapshot

# Any 64-bit constant: the advisory lock that serialises appends to the chain on PostgreSQL.
_CHAIN_LOCK_ID = 7_251_436_002


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])
    # SQLite serialises writers itself; the unique `seq` turns any race into an error, never a fork.


def audit_record(
    *,
    actor,
    action: str,
    instance: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditLogEntry:
    """Append one row to the chain. Must run inside the caller's transaction (the service's)."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must be called inside transaction.atomic() (from a service).")
    if instance is not None:
        object_type = object_type or instance._meta.label_lower
        object_id = object_id or str(instance.pk)
        object_repr = object_repr or str(instance)[:300]
    actor_id = getattr(actor, "pk", None) if actor is not None and actor.is_authenticated else None
    actor_label = (actor.get_username() if actor_id else "") if actor is not None else ""
    actor_agency_id = getattr(actor, "agency_id", None) if actor_id else None
    before_s = snapshot(before or {})
    after_s = snapshot(after or {})

    _lock_chain()
    last = AuditLogEntry.objects.order_by("-seq").only("seq", "hash").first()
    seq = (last.seq + 1) if last else 1
    prev_hash = last.hash if last else GENESIS_HASH
    created_at = timezone.now()
    request_id = current_request_id() if current_request_id() != "-" else ""
    fields = {
        "seq": seq,
        "actor_id": actor_id,
        "actor_label": actor_label,
        "actor_agency_id": actor_agency_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_repr": object_repr,
        "before": before_s,
        "after": after_s,
        "request_id": request_id,
        "prev_hash": prev_hash,
        "key_id": current_key_id(),
    }
    digest = entry_hash(created_at=created_at.isoformat(), **fields)
    return AuditLogEntry.objects.create(created_at=created_at, hash=digest, **fields)


@dataclass
class ChainReport:
    checked: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def audit_chain_verify(*, chunk_size: int = 2000) -> ChainReport:
    """Walk the chain in order; report edited rows (hash mismatch), broken links and gaps (deleted rows)."""
    from netra.audit.chain import hash_of_row

    report = ChainReport()
    expected_seq = 1
    prev_hash = GENESIS_HASH
    with transaction.atomic():
        for row in AuditLogEntry.objects.order_by("seq").iterator(chunk_size=chunk_size):
            if row.seq != expected_seq:
                report.problems.append(
                    f"seq {expected_seq}..{row.seq - 1}: missing (deleted) before row {row.seq}"
                    if row.seq > expected_seq
                    else f"seq {row.seq}: out of order"
                )
            if row.prev_hash != prev_hash:
                report.problems.append(f"seq {row.seq}: link to previous row broken (prev_hash mismatch)")
            try:
                if hash_of_row(row) != row.hash:
                    report.problems.append(f"seq {row.seq}: content does not match its hash (row edited)")
            except UnknownKeyError:
                report.problems.append(f"seq {row.seq}: signed with unknown key id {row.key_id!r}")
            prev_hash = row.hash
            expected_seq = row.seq + 1
            report.checked += 1
            report.head_seq, report.head_hash = row.seq, row.hash
    return report
