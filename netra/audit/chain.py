"""The hash function of the audit chain, shared by the writer and the verifier."""

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings

GENESIS_HASH = "0" * 64


class UnknownKeyError(KeyError):
    pass


def current_key_id() -> str:
    return settings.NETRA_AUDIT_CHAIN_KEY_ID


def key_for(key_id: str) -> bytes:
    """The HMAC key with this id: the current one, or a retired one kept for verification."""
    if key_id == settings.NETRA_AUDIT_CHAIN_KEY_ID:
        return settings.NETRA_AUDIT_CHAIN_KEY.encode()
    retired = settings.NETRA_AUDIT_CHAIN_RETIRED_KEYS
    if key_id in retired:
        return retired[key_id].encode()
    raise UnknownKeyError(key_id)


def _canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def entry_hash(
    *,
    seq: int,
    created_at: str,
    actor_id: int | None,
    actor_label: str,
    actor_agency_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    before: Any,
    after: Any,
    request_id: str,
    prev_hash: str,
    key_id: str,
) -> str:
    payload = _canonical(
        {
            "seq": seq,
            "created_at": created_at,
            "actor_id": actor_id,
            "actor_label": actor_label,
            "actor_agency_id": actor_agency_id,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "object_repr": object_repr,
            "before": before,
            "after": after,
            "request_id": request_id,
            "prev_hash": prev_hash,
            "key_id": key_id,
        }
    )
    return hmac.new(key_for(key_id), payload, hashlib.sha256).hexdigest()


def hash_of_row(row) -> str:
    """Recompute the hash of a stored AuditLogEntry."""
    return entry_hash(
        seq=row.seq,
        created_at=row.created_at.isoformat(),
        actor_id=row.actor_id,
        actor_label=row.actor_label,
        actor_agency_id=row.actor_agency_id,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        object_repr=row.object_repr,
        before=row.before,
        after=row.after,
        request_id=row.request_id,
        prev_hash=row.prev_hash,
        key_id=row.key_id,
    )
