"""Permission cases for the deadline queues (overdue, upcoming)."""

import datetime as dt

from django.utils import timezone

from netra.core.testing import EndpointCase

A = "/api/v1"


def _overdue_probe(w) -> int:
    # The world's case was opened in October 2024: its kajian awal clock is long past due.
    return w["case"].deadlines.get(kind="initial_review").pk


def _with_upcoming_clock(w) -> dict:
    """Give the world's case a clock due in two days (the fixture's own clocks are all in 2024)."""
    from netra.cases.models import Deadline

    if "upcoming_deadline" not in w:
        now = timezone.now()
        w["upcoming_deadline"] = Deadline.objects.create(
            case=w["case"],
            kind="follow_up",
            agency=w["agencies"]["bpp"],
            starts_at=now,
            due_at=now + dt.timedelta(days=2),
        )
    return {}


CASES: list[EndpointCase] = [
    EndpointCase(
        "get",
        f"{A}/cases/deadlines/overdue",
        allowed="bpp_officer",
        denied="pbg_head",
        list_probe=_overdue_probe,
    ),
    EndpointCase(
        "get",
        f"{A}/cases/deadlines/upcoming",
        allowed="bpp_viewer",
        denied="pbg_head",
        path_params=_with_upcoming_clock,  # evaluated before any call: the probe exists for all of them
        list_probe=lambda w: w["upcoming_deadline"].pk,
    ),
]
