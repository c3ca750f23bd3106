"""Clarification sessions (klarifikasi, Perbawaslu 7/2022): summons, attendance, minutes (BAP),
re-summons and — Bawaslu cannot compel anyone — after repeated non-attendance of a terlapor, a request
to the subject's superior/PPK to present them.

- `clarification_schedule` issues a summons letter. A session is never in the past, and a day the
  office is closed (weekend, holiday in its calendar) needs the officer's confirmation, recorded on the
  session. The same person is summoned again only once the earlier summons is recorded or cancelled;
  "panggilan ke-n" counts only summonses that were not heeded (absences since the person last came).
- `clarification_record` records attendance (or absence and why) and optionally the BAP as a PDF, never
  before the session's time.
- `clarification_cancel` calls a session off (with the reason); `clarification_reschedule` moves it to
  a new time/place with a new numbered summons, the old session marked as replaced.
- `clarification_request_presentation` is allowed only after `NETRA_CLARIFICATION_ABSENCES_BEFORE_REQUEST`
  (default 2) absences of that terlapor. ASN are bound to support the handling of neutrality cases
  (UU 20/2023 on ASN; PP 94/2021 on discipline), which is what the superior is asked to enforce.
- A reporter is only ever written as "Pelapor" (their identity stays sealed in intake); a summons to
  the reporter also reaches them through the report's message channel, the only way to reach them.

Where the parts live: the sessions' services here; the request to the PPK in `clarification_requests`
(re-exported here, the one import path callers use); the letters in `clarification_letters`; the shared
checks, locks and counting in `clarification_common`.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from netra.agencies.models import AgencyFamily
from netra.audit.services import audit_record
from netra.cases import letters
from netra.cases.models import (
    Attendance,
    Case,
    CaseSubject,
    Clarification,
    ClarificationRole,
    Document,
    DocumentKind,
    EventKind,
)
from netra.cases.services.clarification_common import (
    REPORTER_LABEL,
    Session,
    confirmed_note,
    lock_in_clarification,
    lock_pending_session,
    refuse_pending,
    reporter_notify,
    require_bawaslu,
    required_reason,
    same_invitee,
    session_checks,
    session_save,
    unheeded,
    working_day_check,
)
from netra.cases.services.clarification_letters import summons_issue
from netra.cases.services.clarification_requests import (
    absences_before_request,
    clarification_request_presentation,
)
from netra.cases.services.common import case_bump, case_lock_for, event_add, now_or, require_stage_owner
from netra.cases.services.documents import _checked_pdf, _upload_store, subject_for_case
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError
from netra.core.services import in_record_language

__all__ = [
    "REPORTER_LABEL",
    "absences_before_request",
    "clarification_cancel",
    "clarification_record",
    "clarification_request_presentation",
    "clarification_reschedule",
    "clarification_schedule",
]


# --- schedule ------------------------------------------------------------------------------------------


def _invitee(
    case: Case, role: str, subject_id: int | None, invitee_name: str
) -> tuple[CaseSubject | None, str]:
    """Who is summoned: the case's terlapor, "Pelapor" (never the reporter's name: identity sealed in
    intake), or the named witness/expert."""
    if role == ClarificationRole.SUBJECT:
        subject = subject_for_case(case, subject_id)
        return subject, subject.name
    if role == ClarificationRole.REPORTER:
        return None, REPORTER_LABEL
    name = (invitee_name or "").strip()[:200]
    if not name:
        raise ApplicationError(_("Nama yang diundang wajib diisi."), extra={"field": "invitee_name"})
    return None, name


def _scheduled_log(case: Case, clarification: Clarification, *, user, warning: str) -> None:
    """Version, timeline line (Bawaslu only) and audit row of a new session."""
    case_bump(case)
    text = _("Klarifikasi %(role)s %(name)s dijadwalkan %(when)s (panggilan ke-%(n)s).") % {
        "role": ClarificationRole(clarification.role).label,
        "name": clarification.invitee_name,
        "when": letters.datetime_id(clarification.scheduled_at, case.office),
        "n": clarification.attempt,
    }
    event_add(
        case,
        EventKind.CLARIFICATION,
        confirmed_note(text, warning),
        actor=user,
        data={
            "clarification_id": clarification.pk,
            "document_id": clarification.summons_id,
            "attempt": clarification.attempt,
        },
        visible_to=AgencyFamily.BAWASLU,
    )
    audit_record(
        actor=user,
        action="case.clarification_schedule",
        instance=case,
        after={
            "clarification_id": clarification.pk,
            "role": clarification.role,
            "attempt": clarification.attempt,
            "schedule_warning": warning,
        },
    )


@in_record_language
def clarification_schedule(
    *,
    case_id: int,
    user,
    role: str,
    scheduled_at: dt.datetime,
    place: str,
    subject_id: int | None = None,
    invitee_name: str = "",
    confirm_non_working_day: bool = False,
    now: dt.datetime | None = None,
) -> Clarification:
    """Schedule one session and issue its summons (undangan klarifikasi) as a numbered PDF."""
    if role not in ClarificationRole.values:
        raise ApplicationError(_("Kedudukan yang diundang tidak dikenal."), extra={"field": "role"})
    now = now_or(now)
    place = session_checks(user=user, scheduled_at=scheduled_at, place=place, now=now)
    with transaction.atomic():
        case = lock_in_clarification(case_id=case_id, user=user)
        subject, name = _invitee(case, role, subject_id, invitee_name)
        warning = working_day_check(case=case, scheduled_at=scheduled_at, confirmed=confirm_non_working_day)
        earlier = list(same_invitee(case, role, subject, name))
        refuse_pending(case, earlier)
        session = Session(
            role=role,
            subject=subject,
            invitee_name=name,
            attempt=len(unheeded(earlier)) + 1,
            scheduled_at=scheduled_at,
            place=place,
        )
        document = summons_issue(case=case, user=user, session=session, now=now)
        clarification = session_save(case=case, user=user, session=session, warning=warning, summons=document)
        _scheduled_log(case, clarification, user=user, warning=warning)
    return clarification


# --- record --------------------------------------------------------------------------------------------


def _attendance_check(attendance: str) -> None:
    if attendance == Attendance.CANCELLED:
        raise ApplicationError(
            _("Pembatalan jadwal klarifikasi dicatat dengan alasannya melalui Batalkan jadwal."),
            extra={"field": "attendance"},
        )
    if attendance not in (Attendance.ATTENDED, Attendance.ABSENT):
        raise ApplicationError(_("Kehadiran tidak dikenal."), extra={"field": "attendance"})


def _lock_session(*, case: Case, clarification_id: int) -> Clarification:
    clarification = Clarification.objects.select_for_update().filter(pk=clarification_id, case=case).first()
    if clarification is None:
        raise NotFoundError(_("Jadwal klarifikasi tidak ditemukan."))
    return clarification


def _recordable(
    case: Case, clarification: Clarification, *, attendance: str, with_minutes: bool, now: dt.datetime
) -> None:
    """An outcome is recorded once, not before the session's time; an attended session's missing BAP
    may be added later. Minutes belong only to a session that was attended."""
    adding_minutes = (
        clarification.attendance == attendance == Attendance.ATTENDED
        and clarification.minutes_id is None
        and with_minutes
    )
    if clarification.attendance != Attendance.SCHEDULED and not adding_minutes:
        raise ConflictError(_("Hasil klarifikasi ini sudah dicatat."), code="already_recorded")
    if not adding_minutes and now < clarification.scheduled_at:
        raise ConflictError(
            _("Kehadiran baru dapat dicatat setelah waktu klarifikasi (%(when)s).")
            % {"when": letters.datetime_id(clarification.scheduled_at, case.office)},
            code="before_session",
            extra={"field": "attendance"},
        )
    if with_minutes and attendance != Attendance.ATTENDED:
        raise ApplicationError(
            _("Berita acara hanya untuk klarifikasi yang dihadiri."), extra={"field": "minutes"}
        )


def _minutes_store(case: Case, clarification: Clarification, *, user, content: bytes) -> Document:
    return _upload_store(
        case=case,
        user=user,
        kind=DocumentKind.MINUTES,
        content=content,
        title=_("Berita acara klarifikasi %(name)s (panggilan ke-%(n)s)")
        % {"name": clarification.invitee_name, "n": clarification.attempt},
    )


def _recorded_log(case: Case, clarification: Clarification, *, user) -> None:
    """Version, timeline line (Bawaslu only) and audit row of a recorded outcome."""
    case_bump(case)
    text = _("Klarifikasi %(name)s (panggilan ke-%(n)s): %(what)s.") % {
        "name": clarification.invitee_name,
        "n": clarification.attempt,
        "what": clarification.get_attendance_display(),
    }
    if clarification.absence_reason:
        text = f"{text} {_('Alasan')}: {clarification.absence_reason}"
    event_add(
        case,
        EventKind.CLARIFICATION,
        text,
        actor=user,
        data={"clarification_id": clarification.pk, "attendance": clarification.attendance},
        visible_to=AgencyFamily.BAWASLU,
    )
    audit_record(
        actor=user,
        action="case.clarification_record",
        instance=case,
        after={
            "clarification_id": clarification.pk,
            "attendance": clarification.attendance,
            "minutes_id": clarification.minutes_id,
        },
    )


@in_record_language
def clarification_record(
    *,
    case_id: int,
    clarification_id: int,
    user,
    attendance: str,
    absence_reason: str = "",
    minutes_file=None,
    now: dt.datetime | None = None,
) -> Clarification:
    """Record what happened: attended (BAP optional, may be added later) or absent and why — not
    before the session's time. A recorded outcome is not rewritten; only missing minutes may be added.
    Calling a session off is `clarification_cancel` (it needs a reason)."""
    require_bawaslu(user)
    _attendance_check(attendance)
    now = now_or(now)
    content = _checked_pdf(minutes_file) if minutes_file is not None else None
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        require_stage_owner(case, user)
        clarification = _lock_session(case=case, clarification_id=clarification_id)
        _recordable(case, clarification, attendance=attendance, with_minutes=content is not None, now=now)
        clarification.attendance = attendance
        clarification.absence_reason = (
            (absence_reason.strip() or _("Tanpa keterangan")) if attendance == Attendance.ABSENT else ""
        )[:5000]
        clarification.recorded_by = user
        if content is not None:
            clarification.minutes = _minutes_store(case, clarification, user=user, content=content)
        clarification.save(update_fields=["attendance", "absence_reason", "recorded_by", "minutes"])
        _recorded_log(case, clarification, user=user)
    return clarification


# --- cancel --------------------------------------------------------------------------------------------


def _cancelled_log(case: Case, clarification: Clarification, *, user, reason: str) -> None:
    """Version, timeline line (Bawaslu only) and audit row of a session called off."""
    case_bump(case)
    event_add(
        case,
        EventKind.CLARIFICATION,
        _("Klarifikasi %(name)s %(when)s (panggilan ke-%(n)s) dibatalkan. Alasan: %(reason)s")
        % {
            "name": clarification.invitee_name,
            "when": letters.datetime_id(clarification.scheduled_at, case.office),
            "n": clarification.attempt,
            "reason": reason,
        },
        actor=user,
        data={"clarification_id": clarification.pk, "attendance": Attendance.CANCELLED},
        visible_to=AgencyFamily.BAWASLU,
    )
    audit_record(
        actor=user,
        action="case.clarification_cancel",
        instance=case,
        before={"clarification_id": clarification.pk, "attendance": Attendance.SCHEDULED},
        after={"clarification_id": clarification.pk, "attendance": Attendance.CANCELLED, "reason": reason},
    )


@in_record_language
def clarification_cancel(
    *, case_id: int, clarification_id: int, user, reason: str, now: dt.datetime | None = None
) -> Clarification:
    """Call off a session that has not taken place (the invitee asked for another day, the case
    moved on, a wrong invitee), with the reason. It then counts nowhere: not as an absence, not in the
    statistics, not in "panggilan ke-n". A summoned reporter is told through the message channel."""
    require_bawaslu(user)
    reason = required_reason(reason, _("Alasan pembatalan wajib diisi."))
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        require_stage_owner(case, user)
        clarification = lock_pending_session(case=case, clarification_id=clarification_id)
        clarification.attendance = Attendance.CANCELLED
        clarification.change_reason = reason
        clarification.recorded_by = user
        clarification.save(update_fields=["attendance", "change_reason", "recorded_by"])
        if clarification.role == ClarificationRole.REPORTER:
            body = _("Undangan klarifikasi %(when)s (surat nomor %(number)s) dibatalkan.") % {
                "when": letters.datetime_id(clarification.scheduled_at, case.office),
                "number": clarification.summons.number if clarification.summons else "-",
            }
            reporter_notify(case=case, user=user, body=body)
        _cancelled_log(case, clarification, user=user, reason=reason)
    return clarification


# --- reschedule ----------------------------------------------------------------------------------------


def _refuse_presentation_session(old: Clarification) -> None:
    if old.presentation_request_id:
        raise ConflictError(
            _(
                "Jadwal yang diminta kepada atasan/PPK tidak dapat dipindah di sini: batalkan, lalu "
                "kirim permintaan menghadirkan yang baru."
            ),
            code="presentation_session",
        )


def _rescheduled_log(
    case: Case, old: Clarification, new: Clarification, *, user, place: str, reason: str, warning: str
) -> None:
    """Version, timeline line (Bawaslu only) and audit row of a moved session."""
    case_bump(case)
    text = _(
        "Klarifikasi %(name)s (panggilan ke-%(n)s) dipindah dari %(old)s ke %(new)s, tempat %(place)s."
    ) % {
        "name": old.invitee_name,
        "n": old.attempt,
        "old": letters.datetime_id(old.scheduled_at, case.office),
        "new": letters.datetime_id(new.scheduled_at, case.office),
        "place": place,
    }
    if reason:
        text = f"{text} {_('Alasan')}: {reason}"
    event_add(
        case,
        EventKind.CLARIFICATION,
        confirmed_note(text, warning),
        actor=user,
        data={"clarification_id": new.pk, "replaces_id": old.pk, "document_id": new.summons_id},
        visible_to=AgencyFamily.BAWASLU,
    )
    audit_record(
        actor=user,
        action="case.clarification_reschedule",
        instance=case,
        before={"clarification_id": old.pk, "scheduled_at": old.scheduled_at.isoformat(), "place": old.place},
        after={
            "clarification_id": new.pk,
            "scheduled_at": new.scheduled_at.isoformat(),
            "place": new.place,
            "document_id": new.summons_id,
            "reason": reason,
            "schedule_warning": warning,
        },
    )


@in_record_language
def clarification_reschedule(
    *,
    case_id: int,
    clarification_id: int,
    user,
    scheduled_at: dt.datetime,
    place: str = "",
    reason: str = "",
    confirm_non_working_day: bool = False,
    now: dt.datetime | None = None,
) -> Clarification:
    """Move a session that has not taken place to a new time (and place; the old place when none is
    given): a new session with the same "panggilan ke-n" and a new numbered summons that names the
    letter it replaces; the old session is marked "Dijadwalkan ulang" and points to the new one."""
    now = now_or(now)
    require_bawaslu(user)
    with transaction.atomic():
        case = lock_in_clarification(case_id=case_id, user=user)
        old = lock_pending_session(case=case, clarification_id=clarification_id)
        _refuse_presentation_session(old)
        place = session_checks(user=user, scheduled_at=scheduled_at, place=place or old.place, now=now)
        warning = working_day_check(case=case, scheduled_at=scheduled_at, confirmed=confirm_non_working_day)
        reason = (reason or "").strip()[:5000]
        session = Session(
            role=old.role,
            subject=old.subject,
            invitee_name=old.invitee_name,
            attempt=old.attempt,
            scheduled_at=scheduled_at,
            place=place,
        )
        document = summons_issue(case=case, user=user, session=session, now=now, replaces=old)
        new = session_save(case=case, user=user, session=session, warning=warning, summons=document)
        old.attendance = Attendance.RESCHEDULED
        old.change_reason = reason
        old.replaced_by = new
        old.recorded_by = user
        old.save(update_fields=["attendance", "change_reason", "replaced_by", "recorded_by"])
        _rescheduled_log(case, old, new, user=user, place=place, reason=reason, warning=warning)
    return new
