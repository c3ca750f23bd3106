"""Notifications API at /api/v1/notifications: the signed-in officer's own inbox."""

import datetime as dt

from ninja import Router, Schema

from netra.core.api import offset_query
from netra.notifications import selectors, services
from netra.notifications.models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    body: str
    url: str
    case_id: int | None
    case_reference: str | None
    created_at: dt.datetime
    read_at: dt.datetime | None

    @staticmethod
    def resolve_kind_label(obj: Notification) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_case_reference(obj: Notification) -> str | None:
        return obj.case.reference if obj.case_id else None


class UnreadCountOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int


@router.get("", response=list[NotificationOut], summary="Notifikasi saya")
def list_notifications(request, unread: bool = False, limit: int = 50, offset: int = offset_query()):
    limit = max(1, min(limit, 200))
    qs = selectors.notification_list_for(user=request.user, unread_only=unread)
    return list(qs[max(0, offset) : max(0, offset) + limit])


@router.get("/unread-count", response=UnreadCountOut, summary="Jumlah notifikasi belum dibaca")
def unread_count(request):
    return {"unread": selectors.notification_unread_count(user=request.user)}


@router.post("/read-all", response=MarkedOut, summary="Tandai semua notifikasi sudah dibaca")
def mark_all_read(request):
    return {"marked": services.notifications_mark_all_read(user=request.user)}


@router.post("/{notification_id}/read", response=NotificationOut, summary="Tandai notifikasi sudah dibaca")
def mark_read(request, notification_id: int):
    return services.notification_mark_read(user=request.user, notification_id=notification_id)
