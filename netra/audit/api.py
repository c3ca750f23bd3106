"""The audit log, read-only and scoped."""

from datetime import datetime

from ninja import Router, Schema

from netra.audit.models import AuditLogEntry
from netra.core.scoping import get_scoped_or_404, restrict

router = Router(tags=["audit"])


class AuditEntryOut(Schema):
    seq: int
    created_at: datetime
    actor_label: str
    actor_agency_id: int | None
    action: str
    object_type: str
    object_id: str
    object_repr: str
    before: dict
    after: dict
    request_id: str
    hash: str


@router.get("/entries", response=list[AuditEntryOut], summary="Catatan audit dalam cakupan")
def list_entries(request, object_type: str = "", object_id: str = "", limit: int = 100):
    qs = restrict(AuditLogEntry.objects.all(), request.user, "view")
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    return list(qs.order_by("-seq")[: max(1, min(limit, 500))])


@router.get("/entries/{seq}", response=AuditEntryOut, summary="Satu catatan audit")
def get_entry(request, seq: int):
    return get_scoped_or_404(AuditLogEntry.objects.all(), request.user, "view", seq=seq)
