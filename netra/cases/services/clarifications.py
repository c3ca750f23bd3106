"""Clarification sessions (klarifikasi, Perbawaslu 7/2022): summons, attendance, minutes (BAP),
re-summons and — Bawaslu cannot compel anyone — after repeated non-attendance of a terlapor, a request
to the subject's superior/PPK to present them.

- `clarification_schedule` issues a summons letter; the attempt number is the number of earlier
  summons of the same invitee + 1, so a second summons of the same person is a re-summons.
- `clarification_record` records attendance (or absence and why) and optionally the BAP as a PDF.
- `clarification_request_presentation` is allowed only after `NETRA_CLARIFICATION_ABSENCES_BEFORE_REQUEST`
  (default 2) absences of that terlapor. ASN are bound to support the handling of neutrality cases
  (UU 20/2023 on ASN; PP 94/2021 on discipline), which is what the superior is asked to enforce.
- A reporter is only ever written as "Pelapor" (their identity stays sealed in intake); a summons to
  the reporter also reaches them through the report's message channel, the only way to reach them.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.agencies.models import AgencyFamily
from netra.audit.services import audit_record
from netra.cases import letters
from netra.cases.models import (
    Attendance,
    Case,
    CaseState,
    CaseSubject,
    Clarification,
    ClarificationRole,
    DocumentKind,
    EventKind,
)
from netra.cases.services.cases import _bump, _event, _require_stage_owner, case_lock_for, normalize_key
from netra.cases.services.documents import (
    AUDIENCE,
    _case_kind,
    _checked_pdf,
    _registration,
    _report_references,
    _upload_store,
    agency_entry,
    letter_issue,
    subject_for_case,
)
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from netra.core.scoping import scope_for
from netra.core.services import in_record_language

REPORTER_LABEL = "Pelapor"


def absences_before_request() -> int:
    return int(getattr(settings, "NETRA_CLARIFICATION_ABSENCES_BEFORE_REQUEST", 2))


def _require_bawaslu(user) -> None:
    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang mengelola klarifikasi."))
    if not scope_for(user).acts_as(AgencyFamily.BAWASLU):
        raise PermissionDeniedError(_("Klarifikasi dilakukan oleh pengawas pemilu."), code="not_your_stage")


def _aware(value: dt.datetime, field: str) -> dt.datetime:
    if timezone.is_naive(value):
        raise ApplicationError(_("Waktu harus disertai zona waktu."), extra={"field": field})
    return value


def _session_checks(*, user, scheduled_at: dt.datetime, place: str) -> str:
    """What every session needs before anything is locked: a Bawaslu officer, an aware time, a place."""
    _require_bawaslu(user)
    _aware(scheduled_at, "scheduled_at")
    place = (place or "").strip()
    if not place:
        raise ApplicationError(_("Tempat klarifikasi wajib diisi."), extra={"field": "place"})
    return place


def _lock_in_clarification(*, case_id: int, user) -> Case:
    """The case, locked, owned by the user's family and in the clarification stage."""
    case = case_lock_for(case_id=case_id, user=user)
    _require_stage_owner(case, user)
    if case.state != CaseState.CLARIFICATION:
        raise ConflictError(
            _("Klarifikasi hanya dapat dijadwalkan pada tahap klarifikasi."), code="not_in_clarification"
        )
    return case


def _same_invitee(case: Case, role: str, subject: CaseSubject | None, name: str):
    qs = case.clarifications.filter(role=role).exclude(attendance=Attendance.CANCELLED)
    if role == ClarificationRole.SUBJECT:
        return qs.filter(subject=subject)
    if role == ClarificationRole.REPORTER:
        return qs
    key = normalize_key(name)
    return qs.filter(pk__in=[c.pk for c in qs if normalize_key(c.invitee_name) == key])


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
    now: dt.datetime | None = None,
) -> Clarification:
    """Schedule one session and issue its summons (undangan klarifikasi) as a numbered PDF."""
    from netra.intake.models import ReportKind
    from netra.intake.services import message_from_officer

    if role not in ClarificationRole.values:
        raise ApplicationError(_("Kedudukan yang diundang tidak dikenal."), extra={"field": "role"})
    place = _session_checks(user=user, scheduled_at=scheduled_at, place=place)
    with transaction.atomic():
        case = _lock_in_clarification(case_id=case_id, user=user)
        subject = None
        position = ""
        if role == ClarificationRole.SUBJECT:
            subject = subject_for_case(case, subject_id)
            name = subject.name
            position = ", ".join(p for p in (subject.position, subject.agency_label) if p)
        elif role == ClarificationRole.REPORTER:
            name = REPORTER_LABEL  # never the reporter's name (identity sealed in intake)
        else:
            name = (invitee_name or "").strip()[:200]
            if not name:
                raise ApplicationError(_("Nama yang diundang wajib diisi."), extra={"field": "invitee_name"})
        attempt = _same_invitee(case, role, subject, name).count() + 1
        addressee = name
        if role == ClarificationRole.REPORTER:
            addressee = _("Pelapor laporan nomor %(refs)s") % {"refs": _report_references(case)}
        document = letter_issue(
            case=case,
            kind=DocumentKind.SUMMONS,
            template="summons.html",
            issued_by=case.office,
            addressee=addressee,
            subject_line=_("Undangan klarifikasi")
            if attempt == 1
            else _("Undangan klarifikasi (panggilan ke-%(n)s)") % {"n": attempt},
            context={
                "case_kind": _case_kind(case),
                "registration": _registration(case),
                "invitee": addressee,
                "role_label": ClarificationRole(role).label,
                "position": position,
                "when": letters.datetime_id(scheduled_at, case.office),
                "place": place,
                "attempt": attempt,
            },
            actor=user,
            audience=AUDIENCE[DocumentKind.SUMMONS],
            now=now,
        )
        clarification = Clarification(
            case=case,
            role=role,
            subject=subject,
            invitee_name=name,
            attempt=attempt,
            scheduled_at=scheduled_at,
            place=place[:300],
            summons=document,
            recorded_by=user,
        )
        clarification.full_clean()
        clarification.save()
        if role == ClarificationRole.REPORTER:
            body = _(
                "Undangan klarifikasi (panggilan ke-%(n)s): %(when)s, tempat %(place)s. Surat nomor %(number)s."
            ) % {
                "n": attempt,
                "when": letters.datetime_id(scheduled_at, case.office),
                "place": place,
                "number": document.number,
            }
            for cr in case.case_reports.select_related("report").exclude(report__kind=ReportKind.FINDING):
                message_from_officer(report=cr.report, officer=user, body=body)
        _bump(case)
        _event(
            case,
            EventKind.CLARIFICATION,
            _("Klarifikasi %(role)s %(name)s dijadwalkan %(when)s (panggilan ke-%(n)s).")
            % {
                "role": ClarificationRole(role).label,
                "name": name,
                "when": letters.datetime_id(scheduled_at, case.office),
                "n": attempt,
            },
            actor=user,
            data={"clarification_id": clarification.pk, "document_id": document.pk, "attempt": attempt},
            visible_to=AgencyFamily.BAWASLU,
        )
        audit_record(
            actor=user,
            action="case.clarification_schedule",
            instance=case,
            after={"clarification_id": clarification.pk, "role": role, "attempt": attempt},
        )
    return clarification


@in_record_language
def clarification_record(
    *,
    case_id: int,
    clarification_id: int,
    user,
    attendance: str,
    absence_reason: str = "",
    minutes_file=None,
) -> Clarification:
    """Record what happened: attended (BAP optional, may be added later) or absent and why, or that
    the session was cancelled. A recorded outcome is not rewritten; only missing minutes may be added."""
    _require_bawaslu(user)
    if attendance not in (Attendance.ATTENDED, Attendance.ABSENT, Attendance.CANCELLED):
        raise ApplicationError(_("Kehadiran tidak dikenal."), extra={"field": "attendance"})
    content = _checked_pdf(minutes_file) if minutes_file is not None else None
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        _require_stage_owner(case, user)
        clarification = (
            Clarification.objects.select_for_update().filter(pk=clarification_id, case=case).first()
        )
        if clarification is None:
            raise NotFoundError(_("Jadwal klarifikasi tidak ditemukan."))
        adding_minutes = (
            clarification.attendance == attendance == Attendance.ATTENDED
            and clarification.minutes_id is None
            and content is not None
        )
        if clarification.attendance != Attendance.SCHEDULED and not adding_minutes:
            raise ConflictError(_("Hasil klarifikasi ini sudah dicatat."), code="already_recorded")
        if content is not None and attendance != Attendance.ATTENDED:
            raise ApplicationError(
                _("Berita acara hanya untuk klarifikasi yang dihadiri."), extra={"field": "minutes"}
            )
        clarification.attendance = attendance
        clarification.absence_reason = (
            (absence_reason.strip() or _("Tanpa keterangan")) if attendance == Attendance.ABSENT else ""
        )[:5000]
        clarification.recorded_by = user
        if content is not None:
            clarification.minutes = _upload_store(
                case=case,
                user=user,
                kind=DocumentKind.MINUTES,
                content=content,
                title=_("Berita acara klarifikasi %(name)s (panggilan ke-%(n)s)")
                % {"name": clarification.invitee_name, "n": clarification.attempt},
            )
        clarification.save(update_fields=["attendance", "absence_reason", "recorded_by", "minutes"])
        _bump(case)
        text = _("Klarifikasi %(name)s (panggilan ke-%(n)s): %(what)s.") % {
            "name": clarification.invitee_name,
            "n": clarification.attempt,
            "what": clarification.get_attendance_display(),
        }
        if clarification.absence_reason:
            text = f"{text} {_('Alasan')}: {clarification.absence_reason}"
        _event(
            case,
            EventKind.CLARIFICATION,
            text,
            actor=user,
            data={"clarification_id": clarification.pk, "attendance": attendance},
            visible_to=AgencyFamily.BAWASLU,
        )
        audit_record(
            actor=user,
            action="case.clarification_record",
            instance=case,
            after={
                "clarification_id": clarification.pk,
                "attendance": attendance,
                "minutes_id": clarification.minutes_id,
            },
        )
    return clarification


@in_record_language
def clarification_request_presentation(
    *,
    case_id: int,
    user,
    subject_id: int,
    scheduled_at: dt.datetime,
    place: str,
    now: dt.datetime | None = None,
) -> Clarification:
    """After N absences of a terlapor, ask their superior/PPK to present them at a new session (the
    next attempt); the letter is addressed to the subject's agency and recorded on that session."""
    place = _session_checks(user=user, scheduled_at=scheduled_at, place=place)
    with transaction.atomic():
        case = _lock_in_clarification(case_id=case_id, user=user)
        subject = subject_for_case(case, subject_id)
        earlier = list(_same_invitee(case, ClarificationRole.SUBJECT, subject, "").order_by("attempt", "id"))
        absences = [c for c in earlier if c.attendance == Attendance.ABSENT]
        needed = absences_before_request()
        if len(absences) < needed:
            raise ConflictError(
                _(
                    "Permintaan menghadirkan terlapor baru dapat diajukan setelah %(n)s kali tidak hadir "
                    "(saat ini %(k)s)."
                )
                % {"n": needed, "k": len(absences)},
                code="not_enough_absences",
                extra={"required": needed, "absences": len(absences)},
            )
        if any(c.attendance == Attendance.SCHEDULED for c in earlier):
            raise ConflictError(
                _("Masih ada jadwal klarifikasi terlapor ini yang belum dicatat hasilnya."),
                code="pending_session",
            )
        ppk = subject.agency
        if ppk is None:
            raise ApplicationError(
                _("Instansi (PPK) terlapor belum diketahui: lengkapi data terlapor dahulu."),
                extra={"field": "subject_id"},
            )
        attempt = len(earlier) + 1
        document = letter_issue(
            case=case,
            kind=DocumentKind.PRESENTATION_REQUEST,
            template="presentation_request.html",
            issued_by=case.office,
            addressee=_("Pejabat Pembina Kepegawaian %(ppk)s") % {"ppk": ppk.name},
            subject_line=_("Permintaan menghadirkan pegawai untuk klarifikasi"),
            context={
                "case_kind": _case_kind(case),
                "registration": _registration(case),
                "subject_name": subject.name,
                "subject_nip": subject.nip,
                "subject_position": subject.position,
                "absences": [
                    {
                        "attempt": c.attempt,
                        "when": letters.datetime_id(c.scheduled_at, case.office),
                        "number": c.summons.number if c.summons_id else "-",
                        "reason": c.absence_reason,
                    }
                    for c in absences
                ],
                "when": letters.datetime_id(scheduled_at, case.office),
                "place": place,
            },
            actor=user,
            audience={*AUDIENCE[DocumentKind.PRESENTATION_REQUEST], agency_entry(ppk.pk)},
            now=now,
        )
        clarification = Clarification(
            case=case,
            role=ClarificationRole.SUBJECT,
            subject=subject,
            invitee_name=subject.name,
            attempt=attempt,
            scheduled_at=scheduled_at,
            place=place[:300],
            presentation_request=document,
            recorded_by=user,
        )
        clarification.full_clean()
        clarification.save()
        _bump(case)
        _event(
            case,
            EventKind.CLARIFICATION,
            _("%(name)s tidak hadir %(k)s kali; %(ppk)s diminta menghadirkannya pada %(when)s.")
            % {
                "name": subject.name,
                "k": len(absences),
                "ppk": ppk.name,
                "when": letters.datetime_id(scheduled_at, case.office),
            },
            actor=user,
            data={"clarification_id": clarification.pk, "document_id": document.pk},
        )
        audit_record(
            actor=user,
            action="case.clarification_request_presentation",
            instance=case,
            after={"clarification_id": clarification.pk, "document_id": document.pk, "ppk_id": ppk.pk},
        )
    return clarification
