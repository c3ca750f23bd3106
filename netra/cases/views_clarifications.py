"""Clarification sessions from the case page: schedule, cancel, move, record attendance, and ask the
superior/PPK to present a terlapor (issue 9: split out of netra.cases.views)."""

import datetime as dt
import zoneinfo

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netra.cases.models import Case
from netra.cases.services import clarifications as clarification_services
from netra.cases.views_common import _case_or_404, _run
from netra.core.exceptions import ApplicationError


def _local_datetime(case: Case, value: str) -> dt.datetime:
    """A datetime-local form value, read in the handling office's time zone."""
    try:
        naive = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise ApplicationError(_("Jadwal tidak valid."), extra={"field": "scheduled_at"}) from exc
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(case.office.timezone))


@login_required
@require_POST
def clarification_schedule(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_or_404(request, case_id)
    post = request.POST

    def act():
        clarification_services.clarification_schedule(
            case_id=case_id,
            user=request.user,
            role=post.get("role", ""),
            scheduled_at=_local_datetime(case, post.get("scheduled_at", "")),
            place=post.get("place", ""),
            subject_id=int(post["subject_id"]) if post.get("subject_id", "").isdigit() else None,
            invitee_name=post.get("invitee_name", ""),
            confirm_non_working_day=post.get("confirm_non_working_day") == "on",
        )

    return _run(
        request, case_id, act, _("Klarifikasi dijadwalkan dan surat undangan dibuat."), form="clarification"
    )


@login_required
@require_POST
def clarification_cancel(request: HttpRequest, case_id: int, clarification_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    return _run(
        request,
        case_id,
        lambda: clarification_services.clarification_cancel(
            case_id=case_id,
            clarification_id=clarification_id,
            user=request.user,
            reason=request.POST.get("reason", ""),
        ),
        _("Jadwal klarifikasi dibatalkan."),
        form=f"clar-cancel-{clarification_id}",
    )


@login_required
@require_POST
def clarification_reschedule(request: HttpRequest, case_id: int, clarification_id: int) -> HttpResponse:
    case = _case_or_404(request, case_id)
    post = request.POST

    def act():
        clarification_services.clarification_reschedule(
            case_id=case_id,
            clarification_id=clarification_id,
            user=request.user,
            scheduled_at=_local_datetime(case, post.get("scheduled_at", "")),
            place=post.get("place", ""),
            reason=post.get("reason", ""),
            confirm_non_working_day=post.get("confirm_non_working_day") == "on",
        )

    return _run(
        request,
        case_id,
        act,
        _("Klarifikasi dijadwalkan ulang dan surat undangan pengganti dibuat."),
        form=f"clar-move-{clarification_id}",
    )


@login_required
@require_POST
def clarification_record(request: HttpRequest, case_id: int, clarification_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    return _run(
        request,
        case_id,
        lambda: clarification_services.clarification_record(
            case_id=case_id,
            clarification_id=clarification_id,
            user=request.user,
            attendance=request.POST.get("attendance", ""),
            absence_reason=request.POST.get("absence_reason", ""),
            minutes_file=request.FILES.get("minutes"),
        ),
        _("Kehadiran klarifikasi tercatat."),
    )


@login_required
@require_POST
def clarification_presentation(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_or_404(request, case_id)
    post = request.POST

    def act():
        clarification_services.clarification_request_presentation(
            case_id=case_id,
            user=request.user,
            subject_id=int(post.get("subject_id") or 0),
            scheduled_at=_local_datetime(case, post.get("scheduled_at", "")),
            place=post.get("place", ""),
            confirm_non_working_day=post.get("confirm_non_working_day") == "on",
        )

    return _run(
        request,
        case_id,
        act,
        _("Permintaan menghadirkan terlapor dikirim kepada atasan/PPK."),
        form="presentation",
    )
