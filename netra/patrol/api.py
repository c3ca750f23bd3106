"""The review queue over the API (`/api/v1/patrol/items`): read the scored items of one's jurisdiction
with their reasons, and dismiss one with a reason. Reads are scoped (out of scope is 404); the dismissal
goes through the same service as the page (named action `dismiss`, audited)."""

import datetime as dt

from django.http import Http404
from ninja import Field, Router, Schema

from netra.patrol.models import ItemStatus
from netra.patrol.selectors import queue_item_get, queue_list_visible_to
from netra.patrol.services.review import item_dismiss

router = Router(tags=["patrol"])


class ReasonOut(Schema):
    kind: str
    text: str = Field(description="The post's own words that matched")
    contestant_key: str | None = None
    weight: float = 0.0


class PatrolItemOut(Schema):
    id: int
    reason: str
    status: str
    score: float = Field(description="A risk score for a person to review (0–1), never a verdict")
    label: str
    contestant_key: str
    text: str
    reasons: list[ReasonOut]
    url: str = Field(description="The post's URL, without tracking parameters")
    file_sha256: str
    asn_account: str | None = None
    region: str
    created_at: dt.datetime
    case_reference: str | None = None

    @staticmethod
    def resolve_url(obj) -> str:
        if obj.capture_id:
            return obj.capture.url
        row = obj.interaction
        return (row.target_url or row.url) if row is not None else ""

    @staticmethod
    def resolve_file_sha256(obj) -> str:
        return obj.capture.file_sha256 if obj.capture_id else ""

    @staticmethod
    def resolve_asn_account(obj) -> str | None:
        return f"{obj.asn_account.platform}:{obj.asn_account.handle}" if obj.asn_account_id else None

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.region_id

    @staticmethod
    def resolve_case_reference(obj) -> str | None:
        return obj.case.reference if obj.case_id else None


class DismissIn(Schema):
    reason: str = Field(min_length=1, max_length=2000)


@router.get("/items", response=list[PatrolItemOut])
def item_list(request, status: ItemStatus = ItemStatus.OPEN, limit: int = 200):
    """The queue, highest score first (at most 500)."""
    return list(queue_list_visible_to(user=request.user, status=status)[: max(1, min(limit, 500))])


@router.get("/items/{item_id}", response=PatrolItemOut)
def item_detail(request, item_id: int):
    item = queue_item_get(user=request.user, pk=item_id)
    if item is None:
        raise Http404
    return item


@router.post("/items/{item_id}/dismiss", response=PatrolItemOut)
def item_dismiss_api(request, item_id: int, payload: DismissIn):
    """Dismiss an open item with a reason (audited)."""
    item_dismiss(actor=request.user, item_id=item_id, reason=payload.reason)
    return queue_item_get(user=request.user, pk=item_id)
