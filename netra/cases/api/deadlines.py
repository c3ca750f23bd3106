"""Deadline queues: what is overdue and what falls due soon, across the cases a user may see.

Each item carries the plain-Indonesian status the UI shows as is ("jatuh tempo 2 hari kerja lagi",
"jatuh tempo hari ini", "terlewat 3 hari") and a severity for its colour, counted in the responsible
office's time zone and working calendar.
"""

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from netra.cases.selectors.deadlines import (
    deadline_queue_overdue,
    deadline_queue_upcoming,
    deadline_statuses,
)
from netra.core.api import offset_query
from netra.regions.timezones import in_office_tz

router = Router(tags=["cases"])


class DeadlineQueueItemOut(Schema):
    id: int
    case_id: int
    case_reference: str | None
    case_state: str
    kind: str
    kind_label: str
    agency_id: int
    agency: str
    due_at: dt.datetime
    due_local: str = Field(
        description="Batas waktu dalam zona waktu kantor, mis. '13 Oktober 2024 23:59 WITA'"
    )
    state: str
    working_days_left: int | None
    days_overdue: int
    label: str
    severity: str = Field(description="overdue | urgent | soon | ok | done")
    reminded_at: dt.datetime | None
    breached_at: dt.datetime | None
    escalated_at: dt.datetime | None
    escalated_to_id: int | None


def _items(deadlines) -> list[dict]:
    now = timezone.now()
    rows = list(deadlines)
    return [
        {
            "id": d.pk,
            "case_id": d.case_id,
            "case_reference": d.case.reference,
            "case_state": d.case.state,
            "kind": d.kind,
            "kind_label": d.get_kind_display(),
            "agency_id": d.agency_id,
            "agency": str(d.agency),
            "due_at": d.due_at,
            "due_local": in_office_tz(d.due_at, d.agency.timezone),
            "state": d.state,
            "working_days_left": status.working_days_left,
            "days_overdue": status.days_overdue,
            "label": status.label,
            "severity": status.severity,
            "reminded_at": d.reminded_at,
            "breached_at": d.breached_at,
            "escalated_at": d.escalated_at,
            "escalated_to_id": d.escalated_to_id,
        }
        for d, status in zip(rows, deadline_statuses(rows, now), strict=True)
    ]


@router.get("/cases/deadlines/overdue", response=list[DeadlineQueueItemOut], summary="Tenggat terlewat")
def overdue(request, mine: bool = False, limit: int = 200, offset: int = offset_query()):
    """`mine=true`: only clocks my own office (or the offices under it) answers for."""
    limit = max(1, min(limit, 500))
    qs = deadline_queue_overdue(request.user, responsible_only=mine)
    return _items(qs[offset : offset + limit])


@router.get(
    "/cases/deadlines/upcoming", response=list[DeadlineQueueItemOut], summary="Tenggat yang segera berakhir"
)
def upcoming(
    request, within_days: int = 7, mine: bool = False, limit: int = 200, offset: int = offset_query()
):
    within_days = max(1, min(within_days, 60))
    limit = max(1, min(limit, 500))
    qs = deadline_queue_upcoming(request.user, within_days=within_days, responsible_only=mine)
    return _items(qs[offset : offset + limit])
