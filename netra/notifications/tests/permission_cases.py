"""Permission cases for the notifications API: an inbox is one officer's; another's notification is
absent from my list and not found when I try to mark it."""

from netra.core.testing import EndpointCase

A = "/api/v1"


def _notification(w):
    """A notification for bpp_officer (made once, before any call of the case)."""
    from netra.notifications.models import Notification, NotificationKind

    if "notification" not in w:
        w["notification"] = Notification.objects.create(
            recipient=w["users"]["bpp_officer"],
            case=w["case"],
            kind=NotificationKind.ASSIGNMENT,
            title="Anda ditugaskan menangani kasus",
        )
    return w["notification"]


def _params(w) -> dict:
    return {"notification_id": _notification(w).pk}


def _listed(w) -> dict:
    _notification(w)
    return {}


CASES: list[EndpointCase] = [
    EndpointCase(
        "get",
        f"{A}/notifications",
        allowed="bpp_officer",
        denied="pbg_head",
        path_params=_listed,
        list_probe=lambda w: w["notification"].pk,
    ),
    EndpointCase("get", f"{A}/notifications/unread-count", allowed="bpp_officer"),
    EndpointCase(
        "post",
        f"{A}/notifications/read-all",
        allowed="bpp_officer",
        audit_action="notification.read_all",
    ),
    EndpointCase(
        "post",
        f"{A}/notifications/{{notification_id}}/read",
        allowed="bpp_officer",
        denied="bpp_head",  # a colleague in the same office: still not theirs
        path_params=_params,
        audit_action="notification.read",
    ),
]
