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
from netra.cases.selectors.clarifications import NOT_HELD, clarification_day_warning
from netra.cases.services.common import case_bump, case_lock_for, event_add, require_stage_owner
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
from netra.cases.services.persons import normalize_key
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


def _session_checks(*, user, scheduled_at: dt.datetime, place: str, now: dt.datetime) -> str:
    """What every session needs before anything is locked: a Bawaslu officer, an aware time that has
    not passed yet (a summons for a past hour cannot be obeyed), a place."""
    _require_bawaslu(user)
    _aware(scheduled_at, "scheduled_at")
    if scheduled_at <= now:
        raise ApplicationError(
            _("Jadwal klarifikasi sudah lewat: pilih waktu yang akan datang."),
            extra={"field": "scheduled_at"},
        )
    place = (place or "").strip()
    if not place:
        raise ApplicationError(_("Tempat klarifikasi wajib diisi."), extra={"field": "place"})
    return place


def _working_day_check(*, case: Case, scheduled_at: dt.datetime, confirmed: bool) -> str:
    """A day the handling office is closed is allowed only when the officer confirms it (a hearing
    may have to be on a Saturday during the campaign); the warning is kept on the session."""
    warning = clarification_day_warning(office=case.office, when=scheduled_at)
    if warning and not confirmed:
        raise ConflictError(
            _("%(warning)s Pastikan jadwal ini disengaja, lalu konfirmasikan untuk tetap menjadwalkan.")
            % {"warning": warning},
            code="non_working_day",
            extra={"field": "scheduled_at", "warning": warning},
        )
    return warning


def _lock_in_clarification(*, case_id: int, user) -> Case:
    """The case, locked, owned by the user's family and in the clarification stage."""
    case = case_lock_for(case_id=case_id, user=user)
    require_stage_owner(case, user)
    if case.state != CaseState.CLARIFICATION:
        raise ConflictError(
            _("Klarifikasi hanya dapat dijadwalkan pada tahap klarifikasi."), code="not_in_clarification"
        )
    return case


def _same_invitee(case: Case, role: str, subject: CaseSubject | None, name: str):
    """The summonses of this person in this case that were not called off or moved."""
    qs = case.clarifications.filter(role=role).exclude(attendance__in=NOT_HELD)
    if role == ClarificationRole.SUBJECT:
        return qs.filter(subject=subject)
    if role == ClarificationRole.REPORTER:
        return qs
    key = normalize_key(name)
    return qs.filter(pk__in=[c.pk for c in qs if normalize_key(c.invitee_name) == key])


def _unheeded(earlier) -> list[Clarification]:
    """The absences since the person last came: what "panggilan ke-n" and the request to the PPK count.
    A session still pending or one that was attended is not an unheeded summons."""
    streak: list[Clarification] = []
    for c in sorted(earlier, key=lambda c: (c.scheduled_at, c.pk)):
        if c.attendance == Attendance.ATTENDED:
            streak = []
        elif c.attendance == Attendance.ABSENT:
            streak.append(c)
    return streak


def _refuse_pending(case: Case, earlier) -> None:
    pending = [c for c in earlier if c.attendance == Attendance.SCHEDULED]
    if pending:
        raise ConflictError(
            _(
                "Panggilan sebelumnya untuk %(name)s (%(when)s) belum dicatat hasilnya: catat kehadirannya "
                "atau batalkan/jadwalkan ulang panggilan itu dahulu."
            )
            % {
                "name": pending[0].invitee_name,
                "when": letters.datetime_id(pending[0].scheduled_at, case.office),
            },
            code="pending_session",
            extra={"clarification_id": pending[0].pk},
        )


def _summons_issue(
    *,
    case: Case,
    user,
    role: str,
    subject: CaseSubject | None,
    name: str,
    attempt: int,
    scheduled_at: dt.datetime,
    place: str,
    now: dt.datetime | None,
    replaces: Clarification | None = None,
):
    """Number, render and store the undangan klarifikasi; a reporter also hears of it through the
    report's message channel. A moved session's summons says which letter it replaces."""
    from netra.intake.models import ReportKind
    from netra.intake.services import message_from_officer

    position = ", ".join(p for p in (subject.position, subject.agency_label) if p) if subject else ""
    addressee = name
    if role == ClarificationRole.REPORTER:
        addressee = _("Pelapor laporan nomor %(refs)s") % {"refs": _report_references(case)}
    subject_line = (
        _("Undangan klarifikasi")
        if attempt == 1
        else _("Undangan klarifikasi (panggilan ke-%(n)s)") % {"n": attempt}
    )
    replaced_number = replaces.summons.number if replaces is not None and replaces.summons_id else ""
    if replaces is not None:
        subject_line = _("%(subject)s, perubahan jadwal") % {"subject": subject_line}
    document = letter_issue(
        case=case,
        kind=DocumentKind.SUMMONS,
        template="summons.html",
        issued_by=case.office,
        addressee=addressee,
        subject_line=subject_line,
        context={
            "case_kind": _case_kind(case),
            "registration": _registration(case),
            "invitee": addressee,
            "role_label": ClarificationRole(role).label,
            "position": position,
            "when": letters.datetime_id(scheduled_at, case.office),
            "place": place,
            "attempt": attempt,
            "replaces": replaced_number,
        },
        actor=user,
        audience=AUDIENCE[DocumentKind.SUMMONS],
        now=now,
    )
    if role == ClarificationRole.REPORTER:
        body = _(
            "Undangan klarifikasi (panggilan ke-%(n)s): %(when)s, tempat %(place)s. Surat nomor %(number)s."
        ) % {
            "n": attempt,
            "when": letters.datetime_id(scheduled_at, case.office),
            "place": place,
            "number": document.number,
        }
        if replaced_number:
            body = f"{body} " + _("Menggantikan undangan nomor %(old)s.") % {"old": replaced_number}
        for cr in case.case_reports.select_related("report").exclude(report__kind=ReportKind.FINDING):
            message_from_officer(report=cr.report, officer=user, body=body)
    return document


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
    now = now or timezone.now()
    place = _session_checks(user=user, scheduled_at=scheduled_at, place=place, now=now)
    with transaction.atomic():
        case = _lock_in_clarification(case_id=case_id, user=user)
        subject = None
        if role == ClarificationRole.SUBJECT:
            subject = subject_for_case(case, subject_id)
            name = subject.name
        elif role == ClarificationRole.REPORTER:
            name = REPORTER_LABEL  # never the reporter's name (identity sealed in intake)
        else:
            name = (invitee_name or "").strip()[:200]
            if not name:
                raise ApplicationError(_("Nama yang diundang wajib diisi."), extra={"field": "invitee_name"})
        warning = _working_day_check(case=case, scheduled_at=scheduled_at, confirmed=confirm_non_working_day)
        earlier = list(_same_invitee(case, role, subject, name))
        _refuse_pending(case, earlier)
        attempt = len(_unheeded(earlier)) + 1
        document = _summons_issue(
            case=case,
            user=user,
            role=role,
            subject=subject,
            name=name,
            attempt=attempt,
            scheduled_at=scheduled_at,
            place=place,
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
            schedule_warning=warning[:300],
            recorded_by=user,
        )
        clarification.full_clean()
        clarification.save()
        case_bump(case)
        text = _("Klarifikasi %(role)s %(name)s dijadwalkan %(when)s (panggilan ke-%(n)s).") % {
            "role": ClarificationRole(role).label,
            "name": name,
            "when": letters.datetime_id(scheduled_at, case.office),
            "n": attempt,
        }
        if warning:
            text = f"{text} " + _("Dikonfirmasi walaupun: %(warning)s") % {"warning": warning}
        event_add(
            case,
            EventKind.CLARIFICATION,
            text,
            actor=user,
            data={"clarification_id": clarification.pk, "document_id": document.pk, "attempt": attempt},
            visible_to=AgencyFamily.BAWASLU,
        )
        audit_record(
            actor=user,
            action="case.clarification_schedule",
            instance=case,
            after={
                "clarification_id": clarification.pk,
                "role": role,
                "attempt": attempt,
                "schedule_warning": warning,
            },
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
    now: dt.datetime | None = None,
) -> Clarification:
    """Record what happened: attended (BAP optional, may be added later) or absent and why — not
    before the session's time. A recorded outcome is not rewritten; only missing minutes may be added.
    Calling a session off is `clarification_cancel` (it needs a reason)."""
    _require_bawaslu(user)
    if attendance == Attendance.CANCELLED:
        raise ApplicationError(
            _("Pembatalan jadwal klarifikasi dicatat dengan alasannya melalui Batalkan jadwal."),
            extra={"field": "attendance"},
        )
    if attendance not in (Attendance.ATTENDED, Attendance.ABSENT):
        raise ApplicationError(_("Kehadiran tidak dikenal."), extra={"field": "attendance"})
    now = now or timezone.now()
    content = _checked_pdf(minutes_file) if minutes_file is not None else None
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        require_stage_owner(case, user)
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
        if not adding_minutes and now < clarification.scheduled_at:
            raise ConflictError(
                _("Kehadiran baru dapat dicatat setelah waktu klarifikasi (%(when)s).")
                % {"when": letters.datetime_id(clarification.scheduled_at, case.office)},
                code="before_session",
                extra={"field": "attendance"},
            )
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


def _lock_pending_session(*, case: Case, clarification_id: int) -> Clarification:
    clarification = (
        Clarification.objects.select_for_update(of=("self",))
        .select_related("summons", "subject")
        .filter(pk=clarification_id, case=case)
        .first()
    )
    if clarification is None:
        raise NotFoundError(_("Jadwal klarifikasi tidak ditemukan."))
    if clarification.attendance != Attendance.SCHEDULED:
        raise ConflictError(
            _("Klarifikasi ini sudah %(state)s; hanya jadwal yang belum terlaksana dapat diubah.")
            % {"state": clarification.get_attendance_display().lower()},
            code="already_recorded",
        )
    return clarification


def _reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(message, extra={"field": "reason"})
    return reason[:5000]


@in_record_language
def clarification_cancel(
    *, case_id: int, clarification_id: int, user, reason: str, now: dt.datetime | None = None
) -> Clarification:
    """Call off a session that has not taken place (the invitee asked for another day, the case
    moved on, a wrong invitee), with the reason. It then counts nowhere: not as an absence, not in the
    statistics, not in "panggilan ke-n". A summoned reporter is told through the message channel."""
    from netra.intake.models import ReportKind
    from netra.intake.services import message_from_officer

    _require_bawaslu(user)
    reason = _reason(reason, _("Alasan pembatalan wajib diisi."))
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        require_stage_owner(case, user)
        clarification = _lock_pending_session(case=case, clarification_id=clarification_id)
        clarification.attendance = Attendance.CANCELLED
        clarification.change_reason = reason
        clarification.recorded_by = user
        clarification.save(update_fields=["attendance", "change_reason", "recorded_by"])
        when = letters.datetime_id(clarification.scheduled_at, case.office)
        if clarification.role == ClarificationRole.REPORTER:
            number = clarification.summons.number if clarification.summons_id else "-"
            body = _("Undangan klarifikasi %(when)s (surat nomor %(number)s) dibatalkan.") % {
                "when": when,
                "number": number,
            }
            for cr in case.case_reports.select_related("report").exclude(report__kind=ReportKind.FINDING):
                message_from_officer(report=cr.report, officer=user, body=body)
        case_bump(case)
        event_add(
            case,
            EventKind.CLARIFICATION,
            _("Klarifikasi %(name)s %(when)s (panggilan ke-%(n)s) dibatalkan. Alasan: %(reason)s")
            % {
                "name": clarification.invitee_name,
                "when": when,
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
            after={
                "clarification_id": clarification.pk,
                "attendance": Attendance.CANCELLED,
                "reason": reason,
            },
        )
    return clarification


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
    now = now or timezone.now()
    _require_bawaslu(user)
    with transaction.atomic():
        case = _lock_in_clarification(case_id=case_id, user=user)
        old = _lock_pending_session(case=case, clarification_id=clarification_id)
        if old.presentation_request_id:
            raise ConflictError(
                _(
                    "Jadwal yang diminta kepada atasan/PPK tidak dapat dipindah di sini: batalkan, lalu "
                    "kirim permintaan menghadirkan yang baru."
                ),
                code="presentation_session",
            )
        place = _session_checks(user=user, scheduled_at=scheduled_at, place=place or old.place, now=now)
        warning = _working_day_check(case=case, scheduled_at=scheduled_at, confirmed=confirm_non_working_day)
        reason = (reason or "").strip()[:5000]
        document = _summons_issue(
            case=case,
            user=user,
            role=old.role,
            subject=old.subject,
            name=old.invitee_name,
            attempt=old.attempt,
            scheduled_at=scheduled_at,
            place=place,
            now=now,
            replaces=old,
        )
        new = Clarification(
            case=case,
            role=old.role,
            subject=old.subject,
            invitee_name=old.invitee_name,
            attempt=old.attempt,
            scheduled_at=scheduled_at,
            place=place[:300],
            summons=document,
            schedule_warning=warning[:300],
            recorded_by=user,
        )
        new.full_clean()
        new.save()
        old.attendance = Attendance.RESCHEDULED
        old.change_reason = reason
        old.replaced_by = new
        old.recorded_by = user
        old.save(update_fields=["attendance", "change_reason", "replaced_by", "recorded_by"])
        case_bump(case)
        text = _(
            "Klarifikasi %(name)s (panggilan ke-%(n)s) dipindah dari %(old)s ke %(new)s, tempat %(place)s."
        ) % {
            "name": old.invitee_name,
            "n": old.attempt,
            "old": letters.datetime_id(old.scheduled_at, case.office),
            "new": letters.datetime_id(scheduled_at, case.office),
            "place": place,
        }
        if reason:
            text = f"{text} {_('Alasan')}: {reason}"
        if warning:
            text = f"{text} " + _("Dikonfirmasi walaupun: %(warning)s") % {"warning": warning}
        event_add(
            case,
            EventKind.CLARIFICATION,
            text,
            actor=user,
            data={"clarification_id": new.pk, "replaces_id": old.pk, "document_id": document.pk},
            visible_to=AgencyFamily.BAWASLU,
        )
        audit_record(
            actor=user,
            action="case.clarification_reschedule",
            instance=case,
            before={
                "clarification_id": old.pk,
                "scheduled_at": old.scheduled_at.isoformat(),
                "place": old.place,
            },
            after={
                "clarification_id": new.pk,
                "scheduled_at": scheduled_at.isoformat(),
                "place": new.place,
                "document_id": document.pk,
                "reason": reason,
                "schedule_warning": warning,
            },
        )
    return new


@in_record_language
def clarification_request_presentation(
    *,
    case_id: int,
    user,
    subject_id: int,
    scheduled_at: dt.datetime,
    place: str,
    confirm_non_working_day: bool = False,
    now: dt.datetime | None = None,
) -> Clarification:
    """After N unheeded summonses of a terlapor (absences since they last came), ask their
    superior/PPK to present them at a new session (the next attempt); the letter is addressed to the
    subject's agency and recorded on that session."""
    now = now or timezone.now()
    place = _session_checks(user=user, scheduled_at=scheduled_at, place=place, now=now)
    with transaction.atomic():
        case = _lock_in_clarification(case_id=case_id, user=user)
        subject = subject_for_case(case, subject_id)
        earlier = list(_same_invitee(case, ClarificationRole.SUBJECT, subject, ""))
        absences = _unheeded(earlier)
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
        _refuse_pending(case, earlier)
        warning = _working_day_check(case=case, scheduled_at=scheduled_at, confirmed=confirm_non_working_day)
        ppk = subject.agency
        if ppk is None:
            raise ApplicationError(
                _("Instansi (PPK) terlapor belum diketahui: lengkapi data terlapor dahulu."),
                extra={"field": "subject_id"},
            )
        attempt = len(absences) + 1
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
            schedule_warning=warning[:300],
            recorded_by=user,
        )
        clarification.full_clean()
        clarification.save()
        case_bump(case)
        event_add(
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
