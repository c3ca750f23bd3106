"""Factories for notifications: one notice for one officer of the case's handling office."""

import factory

from netra.agencies.roles import Role
from netra.agencies.tests.factories import UserFactory
from netra.cases.tests.factories import CaseFactory
from netra.notifications.models import Notification, NotificationKind


class NotificationFactory(factory.django.DjangoModelFactory):
    """An unread notice that the case moved, for an officer of the office handling it."""

    class Meta:
        model = Notification

    case = factory.SubFactory(CaseFactory)
    recipient = factory.SubFactory(
        UserFactory, agency=factory.SelfAttribute("..case.office"), roles=[Role.OFFICER]
    )
    kind = NotificationKind.STAGE
    title = factory.LazyAttribute(lambda o: f"{o.case.reference}: tahap kasus berubah")
    url = factory.LazyAttribute(lambda o: f"/kasus/{o.case.pk}/")
