"""The clarification calendar of an office (issue 14): who is summoned, when and where, between two days
of the office's calendar. Bawaslu sees the sessions its own offices hold; the oversight body (which may
read sessions once a case is forwarded) those of the cases it may view; nobody else any."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from netra.agencies.models import AgencyFamily
from netra.cases.models import Case, Clarification
from netra.cases.selectors.clarifications import _READERS, NOT_HELD
from netra.core.scoping import restrict, scope_for
from netra.regions.timezones import WIB

MAX_DAYS = 366


def calendar_zone(user) -> str:
    """The reader's office zone (WIB/WITA/WIT); WIB for a reader without an office."""
    agency = getattr(user, "agency", None)
    return agency.timezone if agency is not None else WIB


def clarification_calendar(*, user, start: dt.date, end: dt.date) -> QuerySet[Clarification]:
    """Sessions scheduled from `start` to `end` (inclusive, days of the reader's office zone), soonest
    first; sessions called off or moved are left out (they did not happen)."""
    import zoneinfo

    scope = scope_for(user)
    if not (scope.is_superuser or scope.agency_family in _READERS):
        return Clarification.objects.none()
    cases = restrict(Case.objects.all(), user, "view")
    if scope.agency_family == AgencyFamily.BAWASLU and not scope.is_superuser:
        cases = cases.filter(office_id__in=scope.agency_ids)
    zone = zoneinfo.ZoneInfo(calendar_zone(user))
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return (
        Clarification.objects.filter(case__in=cases, scheduled_at__gte=since, scheduled_at__lt=until)
        .exclude(attendance__in=NOT_HELD)
        .select_related("case", "case__office")
        .order_by("scheduled_at", "pk")
    )
