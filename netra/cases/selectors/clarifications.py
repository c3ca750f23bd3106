"""Reads on clarification sessions, and their statistics (non-attendance is the seed problem:
Bawaslu cannot compel anyone to come, so absences are counted and shown)."""

from django.db.models import Count, Q, QuerySet

from netra.agencies.models import AgencyFamily
from netra.cases.models import Attendance, Case, Clarification, ClarificationRole
from netra.core.scoping import scope_for

# Clarification sessions name witnesses and experts: Bawaslu and (once forwarded) the oversight body.
_READERS = frozenset({AgencyFamily.BAWASLU, AgencyFamily.OVERSIGHT})


def clarification_list_visible(*, case: Case, user) -> QuerySet[Clarification]:
    """Sessions of a case the caller already may see (caller resolved it through case_get_visible)."""
    scope = scope_for(user)
    qs = case.clarifications.select_related("summons", "minutes", "presentation_request")
    if scope.is_superuser or scope.agency_family in _READERS:
        return qs.order_by("scheduled_at", "id")
    return qs.none()


def _rate(absent: int, attended: int) -> float | None:
    held = absent + attended
    return round(absent / held, 4) if held else None


def clarification_stats(cases: QuerySet[Case]) -> dict:
    """Counts over the sessions of `cases` (already scoped by the caller): scheduled (not cancelled),
    attended, absent, still pending, by role, and the absence rate (absent / sessions with an outcome)."""
    qs = Clarification.objects.filter(case__in=cases).exclude(attendance=Attendance.CANCELLED)
    rows = qs.values("role").annotate(
        scheduled=Count("id"),
        attended=Count("id", filter=Q(attendance=Attendance.ATTENDED)),
        absent=Count("id", filter=Q(attendance=Attendance.ABSENT)),
        pending=Count("id", filter=Q(attendance=Attendance.SCHEDULED)),
        requests=Count("id", filter=Q(presentation_request__isnull=False)),
    )
    by_role = {
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
