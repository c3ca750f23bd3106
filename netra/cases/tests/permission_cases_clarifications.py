"""Permission cases for the case API: clarifications. The lambdas move the world's case into the
clarification stage (and record absences) as each endpoint needs. The API reads the real clock, so a
new session is set a week ahead of it (and confirmed, in case that day is an office holiday)."""

import datetime as dt

from django.utils import timezone

from netra.core.testing import EndpointCase

A = "/api/v1"
PLACE = "Kantor Bawaslu Kota Balikpapan"


def _ahead() -> dict:
    when = timezone.now() + dt.timedelta(days=7)
    return {"scheduled_at": when.isoformat(), "confirm_non_working_day": True}


def _in_clarification(w) -> dict:
    from netra.cases.tests.test_clarifications import in_clarification

    return {"case_id": in_clarification(w).pk}


def _scheduled(w) -> dict:
    from netra.cases.tests.test_clarifications import in_clarification, summon_subject

    case = in_clarification(w)
    return {"case_id": case.pk, "clarification_id": summon_subject(w, case).pk}


def _two_absences(w) -> dict:
    from netra.cases.tests.test_clarifications import absent, in_clarification, summon_subject

    case = in_clarification(w)
    for n in (0, 2):
        absent(w, case, summon_subject(w, case, n))
    return {"case_id": case.pk}


CASES: list[EndpointCase] = [
    EndpointCase("get", f"{A}/cases/clarifications/stats", allowed="bpp_viewer"),
    EndpointCase(
        "get",
        f"{A}/cases/{{case_id}}/clarifications",
        allowed="bpp_viewer",
        denied="pbg_head",
        path_params=_scheduled,
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/clarifications",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_in_clarification,
        make_body=lambda w: {"role": "saksi", "invitee_name": "Rina Wati", "place": PLACE, **_ahead()},
        audit_action="case.clarification_schedule",
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/clarifications/{{clarification_id}}/record",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_scheduled,
        body={"attendance": "tidak_hadir", "absence_reason": "Dinas luar kota"},
        audit_action="case.clarification_record",
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/clarifications/presentation-requests",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_two_absences,
        make_body=lambda w: {"subject_id": w["case"].subjects.get().pk, "place": PLACE, **_ahead()},
        audit_action="case.clarification_request_presentation",
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/clarifications/{{clarification_id}}/cancel",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_scheduled,
        body={"reason": "Terlapor meminta hari lain"},
        audit_action="case.clarification_cancel",
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/clarifications/{{clarification_id}}/reschedule",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_scheduled,
        make_body=lambda w: {"reason": "Terlapor meminta hari lain", **_ahead()},
        audit_action="case.clarification_reschedule",
    ),
]
