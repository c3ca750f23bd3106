"""Reads on clarification sessions, and their statistics (non-attendance is the seed problem:
Bawaslu cannot compel anyone to come, so absences are counted and shown)."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from netra.agencies.models import Agency, AgencyFamily
from netra.cases.models import Attendance, Case, Clarification, ClarificationRole
from netra.clocks.selectors import working_calendar_for
from netra.core.scoping import scope_for
from netra.regions.timezones import DAYS, date_id, office_today

# Sessions that were called off or moved did not happen: they count nowhere.
NOT_HELD = (Attendance.CANCELLED, Attendance.RESCHEDULED)

# Clarification sessions name witnesses and experts: Bawaslu and (once forwarded) the oversight body.
_READERS = frozenset({AgencyFamily.BAWASLU, AgencyFamily.OVERSIGHT})


def clarification_list_visible(*, case: Case, user) -> QuerySet[Clarification]:
    """Sessions of a case the caller already may see (caller resolved it through case_get_visible)."""
    scope = scope_for(user)
    qs = case.clarifications.select_related("summons", "minutes", "presentation_request")
    if scope.is_superuser or scope.agency_family in _READERS:
        return qs.order_by("scheduled_at", "id")
    return qs.none()


def clarification_day_warning(*, office: Agency, when: dt.datetime) -> str:
    """Empty on a working day of `office`; otherwise why its office is closed that day, in words the
    officer sees ("Minggu, 13 Oktober 2024 bukan hari kerja Bawaslu Kota Balikpapan (akhir pekan)").
    The calendar is the office's own: national holidays, cuti bersama, and those of its region and the
    regions above it (`netra.clocks`)."""
    day = office_today(office, when)
    calendar = working_calendar_for(region_code=office.region_id, start=day, end=day)
    if calendar.is_working_day(day):
        return ""
    if day in calendar.holidays or day in calendar.joint_leave:
        why = calendar.names.get(day) or _("hari libur")
    else:
        why = _("akhir pekan")
    return _("%(day)s, %(date)s bukan hari kerja %(office)s (%(why)s).") % {
        "day": DAYS[day.weekday()],
        "date": date_id(day),
        "office": office.name,
        "why": why,
    }


def _rate(absent: int, attended: int) -> float | None:
    held = absent + attended
    return round(absent / held, 4) if held else None


def clarification_stats(cases: QuerySet[Case]) -> dict:
    """Counts over the sessions of `cases` (already scoped by the caller): scheduled (not cancelled),
    attended, absent, still pending, by role, and the absence rate (absent / sessions with an outcome)."""
    qs = Clarification.objects.filter(case__in=cases).exclude(attendance__in=NOT_HELD)
    rows = qs.values("role").annotate(
        scheduled=Count("id"),
        attended=Count("id", filter=Q(attendance=Attendance.ATTENDED)),
        absent=Count("id", filter=Q(attendance=Attendance.ABSENT)),
        pending=Count("id", filter=Q(attendance=Attendance.SCHEDULED)),
        requests=Count("id", filter=Q(presentation_request__isnull=False)),
    )
    by_role: dict[str, dict[str, int | float | None]] = {
        role: {"scheduled": 0, "attended": 0, "absent": 0, "pending": 0, "absence_rate": None}
        for role in ClarificationRole.values
    }
    totals = {"scheduled": 0, "attended": 0, "absent": 0, "pending": 0, "presentation_requests": 0}
    for row in rows:
        entry = by_role[row["role"]]
        for key in ("scheduled", "attended", "absent", "pending"):
            entry[key] = row[key]
            totals[key] += row[key]
        entry["absence_rate"] = _rate(row["absent"], row["attended"])
        totals["presentation_requests"] += row["requests"]
    return {**totals, "absence_rate": _rate(totals["absent"], totals["attended"]), "by_role": by_role}
