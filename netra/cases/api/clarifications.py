"""Case API: clarifications (see netra/cases/api/__init__.py).

- `GET /cases/{case_id}/clarifications`: sessions of the case (Bawaslu; the oversight body once forwarded).
- `POST /cases/{case_id}/clarifications`: schedule a session and issue its summons (re-summons = attempt + 1).
- `POST /cases/{case_id}/clarifications/{clarification_id}/record`: attended / absent (why), not before
  the session's time, optionally the BAP as base64 PDF.
- `POST /cases/{case_id}/clarifications/{clarification_id}/cancel`: call a pending session off (reason).
- `POST /cases/{case_id}/clarifications/{clarification_id}/reschedule`: move a pending session (new
  summons; the old session is marked as replaced).
- `POST /cases/{case_id}/clarifications/presentation-requests`: ask the subject's PPK to present them
  (only after NETRA_CLARIFICATION_ABSENCES_BEFORE_REQUEST absences).
- `GET /cases/clarifications/stats`: scheduled / attended / absent by role over the visible cases.
"""

import datetime as dt

from ninja import Router, Schema, Status
from pydantic import Field

from netra.cases import selectors
from netra.cases.api.core import _visible
from netra.cases.api.documents import _decode_pdf
from netra.cases.models import Clarification
from netra.cases.selectors.clarifications import clarification_list_visible, clarification_stats
from netra.cases.services import clarifications as services

router = Router(tags=["cases"])


class ClarificationOut(Schema):
    id: int
    role: str
    subject_id: int | None
    invitee_name: str
    attempt: int
    scheduled_at: dt.datetime
    place: str
    attendance: str
    absence_reason: str
    summons_id: int | None
    minutes_id: int | None
    presentation_request_id: int | None
    change_reason: str
    replaced_by_id: int | None
    schedule_warning: str = Field(description="Hari tutup kantor yang dikonfirmasi petugas, jika ada")


class ScheduleIn(Schema):
    role: str = Field(description="pelapor | terlapor | saksi | ahli")
    scheduled_at: dt.datetime
    place: str = Field(max_length=300)
    subject_id: int | None = None
    invitee_name: str = Field("", max_length=200, description="Saksi/ahli; pelapor selalu ditulis 'Pelapor'")
    confirm_non_working_day: bool = Field(
        False,
        description="Tetap menjadwalkan pada hari libur/akhir pekan kantor (tanpa ini: 409 non_working_day)",
    )


class RecordIn(Schema):
    attendance: str = Field(description="hadir | tidak_hadir (pembatalan: .../cancel)")
    absence_reason: str = Field("", max_length=5000)
    minutes_base64: str = Field("", description="BAP (PDF, base64), opsional")


class PresentationIn(Schema):
    subject_id: int
    scheduled_at: dt.datetime
    place: str = Field(max_length=300)
    confirm_non_working_day: bool = False


class CancelIn(Schema):
    reason: str = Field(max_length=5000)


class RescheduleIn(Schema):
    scheduled_at: dt.datetime
    place: str = Field("", max_length=300, description="Kosong: tempat semula")
    reason: str = Field("", max_length=5000)
    confirm_non_working_day: bool = False


class RoleStatsOut(Schema):
    scheduled: int
    attended: int
    absent: int
    pending: int
    absence_rate: float | None


class StatsOut(Schema):
    scheduled: int
    attended: int
    absent: int
    pending: int
    presentation_requests: int
    absence_rate: float | None
    by_role: dict[str, RoleStatsOut]


@router.get("/cases/clarifications/stats", response=StatsOut, summary="Statistik kehadiran klarifikasi")
def stats(request):
    return clarification_stats(selectors.case_list_visible_to(user=request.user))


@router.get(
    "/cases/{case_id}/clarifications", response=list[ClarificationOut], summary="Jadwal klarifikasi kasus"
)
def list_clarifications(request, case_id: int):
    return list(clarification_list_visible(case=_visible(request, case_id), user=request.user))


@router.post(
    "/cases/{case_id}/clarifications",
    response={201: ClarificationOut},
    summary="Jadwalkan klarifikasi dan terbitkan undangan",
)
def schedule(request, case_id: int, payload: ScheduleIn):
    return Status(201, services.clarification_schedule(case_id=case_id, user=request.user, **payload.dict()))


@router.post(
    "/cases/{case_id}/clarifications/{clarification_id}/record",
    response=ClarificationOut,
    summary="Catat kehadiran/ketidakhadiran klarifikasi",
)
def record(request, case_id: int, clarification_id: int, payload: RecordIn) -> Clarification:
    minutes = _decode_pdf(payload.minutes_base64, "bap.pdf") if payload.minutes_base64 else None
    return services.clarification_record(
        case_id=case_id,
        clarification_id=clarification_id,
        user=request.user,
        attendance=payload.attendance,
        absence_reason=payload.absence_reason,
        minutes_file=minutes,
    )


@router.post(
    "/cases/{case_id}/clarifications/presentation-requests",
    response={201: ClarificationOut},
    summary="Minta atasan/PPK menghadirkan terlapor",
)
def request_presentation(request, case_id: int, payload: PresentationIn):
    return Status(
        201, services.clarification_request_presentation(case_id=case_id, user=request.user, **payload.dict())
    )


@router.post(
    "/cases/{case_id}/clarifications/{clarification_id}/cancel",
    response=ClarificationOut,
    summary="Batalkan jadwal klarifikasi (dengan alasan)",
)
def cancel(request, case_id: int, clarification_id: int, payload: CancelIn) -> Clarification:
    return services.clarification_cancel(
        case_id=case_id, clarification_id=clarification_id, user=request.user, reason=payload.reason
    )


@router.post(
    "/cases/{case_id}/clarifications/{clarification_id}/reschedule",
    response={201: ClarificationOut},
    summary="Jadwalkan ulang klarifikasi dan terbitkan undangan pengganti",
)
def reschedule(request, case_id: int, clarification_id: int, payload: RescheduleIn):
    return Status(
        201,
        services.clarification_reschedule(
            case_id=case_id, clarification_id=clarification_id, user=request.user, **payload.dict()
        ),
    )
