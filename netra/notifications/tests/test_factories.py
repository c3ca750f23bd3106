"""The notification factory builds a notice its recipient's inbox shows, and nobody else's."""

import pytest

from netra.notifications.selectors import notification_list_for, notification_unread_count
from netra.notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_a_notice_is_in_its_recipients_inbox_only(world):
    notice = NotificationFactory()
    notice.full_clean()
    assert notice.recipient.agency == notice.case.office == world["agencies"]["bpp"]
    assert list(notification_list_for(user=notice.recipient)) == [notice]
    assert notification_unread_count(user=notice.recipient) == 1
    assert not notification_list_for(user=world["users"]["bpp_officer"]).exists()
