"""How a legal clock reads to an officer ("jatuh tempo 2 hari kerja lagi") and the deadline queues.

Days are counted in the responsible office's own time zone (WIB/WITA/WIT) with its working calendar
(national and regional holidays, cuti bersama), so "today" and "2 working days" mean what they mean
on that office's wall calendar.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netra.cases.models import Case, Deadline, DeadlineState
from netra.clocks.calendar import WorkingCalendar
from netra.clocks.selectors import working_calendar_for
from netra.core.scoping import restrict, scope_for
from netra.regions.timezones import WIB


class Severity:
    OVERDUE = "overdue"  # past its due time
    URGENT = "urgent"  # due today or with at most one working day left
    SOON = "soon"  # at most three working days left
    OK = "ok"
    DONE = "done"  # met, met late or no longer applicable


@dataclass(frozen=True)
class DeadlineStatus:
    working_days_left: int | None  # working days after today up to the due day; None once past due
    days_overdue: int  # calendar days since the due day (0 while running)
    label: str
    severity: str
    due_local: dt.datetime


def deadline_status(
    deadline: Deadline, now: dt.datetime | None = None, *, calendar: WorkingCalendar | None = None
) -> DeadlineStatus:
    """`deadline` as it reads at `now` to the office responsible for it."""
    now = now or timezone.now()
    agency = deadline.agency
    tz = zoneinfo.ZoneInfo(agency.timezone or WIB)
    due_local = deadline.due_at.astimezone(tz)
    today, due_day = now.astimezone(tz).date(), due_local.date()
    if deadline.state in (DeadlineState.MET, DeadlineState.MET_LATE, DeadlineState.CANCELLED):
        return DeadlineStatus(None, 0, deadline.get_state_display().lower(), Severity.DONE, due_local)
    if now >= deadline.due_at:
        late = (today - due_day).days
        label = (
            _("terlewat hari ini")
            if late == 0
            else ngettext("terlewat %(n)s hari", "terlewat %(n)s hari", late) % {"n": late}
        )
        return DeadlineStatus(None, late, label, Severity.OVERDUE, due_local)
    if due_day == today:
        return DeadlineStatus(0, 0, _("jatuh tempo hari ini"), Severity.URGENT, due_local)
    calendar = calendar or working_calendar_for(region_code=agency.region_id, start=today, end=due_day)
    joint_closed = deadline.rule.cuti_bersama_is_holiday if deadline.rule else True
    left = _working_days_after(calendar, today, due_day, joint_leave_closed=joint_closed)
    if left == 0:
        # The due day and everything before it are closed days (e.g. a Sunday deadline seen on Saturday).
        calendar_days = (due_day - today).days
        label = ngettext(
            "jatuh tempo %(n)s hari lagi, tanpa hari kerja tersisa",
            "jatuh tempo %(n)s hari lagi, tanpa hari kerja tersisa",
            calendar_days,
        ) % {"n": calendar_days}
        return DeadlineStatus(0, 0, label, Severity.URGENT, due_local)
    label = ngettext("jatuh tempo %(n)s hari kerja lagi", "jatuh tempo %(n)s hari kerja lagi", left) % {
        "n": left
    }
    severity = Severity.URGENT if left <= 1 else Severity.SOON if left <= 3 else Severity.OK
    return DeadlineStatus(left, 0, label, severity, due_local)


def _working_days_after(
    calendar: WorkingCalendar, today: dt.date, due_day: dt.date, *, joint_leave_closed: bool
) -> int:
    """Working days strictly after `today`, up to and including `due_day`."""
    count, day = 0, today
    while day < due_day:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day, joint_leave_closed=joint_leave_closed):
            count += 1
    return count


def _visible_deadlines(user, *, responsible_only: bool) -> QuerySet[Deadline]:
    qs = Deadline.objects.filter(case__in=restrict(Case.objects.all(), user, "view")).select_related(
        "case", "agency", "rule", "escalated_to"
    )
    if responsible_only:
        scope = scope_for(user)
        if not scope.is_superuser:
            qs = qs.filter(agency_id__in=scope.agency_ids)
    return qs


def deadline_queue_overdue(
    user, *, now: dt.datetime | None = None, responsible_only: bool = False
) -> QuerySet[Deadline]:
    """Running clocks past their due time (marked by the sweep or not yet), oldest first."""
    now = now or timezone.now()
    return (
        _visible_deadlines(user, responsible_only=responsible_only)
        .filter(Q(state=DeadlineState.BREACHED) | Q(state=DeadlineState.OPEN, due_at__lte=now))
        .order_by("due_at", "pk")
    )


def deadline_queue_upcoming(
    user, *, within_days: int = 7, now: dt.datetime | None = None, responsible_only: bool = False
) -> QuerySet[Deadline]:
    """Running clocks due within the next `within_days` calendar days, soonest first."""
    now = now or timezone.now()
    return (
        _visible_deadlines(user, responsible_only=responsible_only)
        .filter(state=DeadlineState.OPEN, due_at__gt=now, due_at__lte=now + dt.timedelta(days=within_days))
        .order_by("due_at", "pk")
    )


def deadline_statuses(deadlines: list[Deadline], now: dt.datetime | None = None) -> list[DeadlineStatus]:
    """Statuses of many deadlines, building one working calendar per region (for lists)."""
    now = now or timezone.now()
    calendars: dict[str | None, WorkingCalendar] = {}
    statuses = []
    for deadline in deadlines:
        region = deadline.agency.region_id
        if region not in calendars:
            today = now.date() - dt.timedelta(days=2)
            calendars[region] = working_calendar_for(
                region_code=region, start=today, end=today + dt.timedelta(days=400)
            )
        statuses.append(deadline_status(deadline, now, calendar=calendars[region]))
    return statuses
