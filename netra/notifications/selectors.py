"""Reads on notifications: a user's own inbox, nothing else."""

from django.db.models import QuerySet

from netra.core.scoping import restrict
from netra.notifications.models import Notification


def notification_list_for(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    # The explicit recipient filter matters for platform superusers too: `restrict` lets them see all
    # rows, but an inbox is always one person's.
    qs = restrict(Notification.objects.filter(recipient_id=user.pk), user, "view").select_related("case")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def notification_unread_count(*, user) -> int:
    return notification_list_for(user=user, unread_only=True).count()
