"""The steps every clarification service shares (see services.clarifications): who may act, the checks
on a session's time and place, the locks, who counts as "the same invitee" and how many of their summonses
went unheeded, saving a session, and telling a summoned reporter through the report's message channel."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.cases import letters
from netra.cases.models import (
    Attendance,
    Case,
    CaseState,
    CaseSubject,
    Clarification,
    ClarificationRole,
    Document,
)
from netra.cases.selectors.clarifications import NOT_HELD, clarification_day_warning
from netra.cases.services.common import case_lock_for, refuse_unless, require_stage_owner
from netra.cases.services.persons import normalize_key
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError
from netra.intake.models import ReportKind
from netra.intake.services import message_from_officer

REPORTER_LABEL = "Pelapor"


def require_bawaslu(user) -> None:
    """Clarification is the election supervisors' step, and needs the right to change a case."""
    refuse_unless(user, "clarify")


def _aware(value: dt.datetime, field: str) -> dt.datetime:
    if timezone.is_naive(value):
        raise ApplicationError(_("Waktu harus disertai zona waktu."), extra={"field": field})
    return value


def session_checks(*, user, scheduled_at: dt.datetime, place: str, now: dt.datetime) -> str:
    """What every session needs before anything is locked: a Bawaslu officer, an aware time that has
    not passed yet (a summons for a past hour cannot be obeyed), a place. Returns the place, stripped."""
    require_bawaslu(user)
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


def working_day_check(*, case: Case, scheduled_at: dt.datetime, confirmed: bool) -> str:
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


def confirmed_note(text: str, warning: str) -> str:
    """The timeline line of a session on a closed day says the officer confirmed it anyway."""
    if not warning:
        return text
    return f"{text} " + _("Dikonfirmasi walaupun: %(warning)s") % {"warning": warning}


def required_reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(message, extra={"field": "reason"})
    return reason[:5000]


def lock_in_clarification(*, case_id: int, user) -> Case:
    """The case, locked, owned by the user's family and in the clarification stage."""
    case = case_lock_for(case_id=case_id, user=user)
    require_stage_owner(case, user)
    if case.state != CaseState.CLARIFICATION:
        raise ConflictError(
            _("Klarifikasi hanya dapat dijadwalkan pada tahap klarifikasi."), code="not_in_clarification"
        )
    return case


def lock_pending_session(*, case: Case, clarification_id: int) -> Clarification:
    """The case's session, locked, if it has not taken place (nor been called off or moved)."""
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


def same_invitee(case: Case, role: str, subject: CaseSubject | None, name: str) -> QuerySet[Clarification]:
    """The summonses of this person in this case that were not called off or moved."""
    qs = case.clarifications.filter(role=role).exclude(attendance__in=NOT_HELD)
    if role == ClarificationRole.SUBJECT:
        return qs.filter(subject=subject)
    if role == ClarificationRole.REPORTER:
        return qs
    key = normalize_key(name)
    return qs.filter(pk__in=[c.pk for c in qs if normalize_key(c.invitee_name) == key])


def unheeded(earlier) -> list[Clarification]:
    """The absences since the person last came: what "panggilan ke-n" and the request to the PPK count.
    A session still pending or one that was attended is not an unheeded summons."""
    streak: list[Clarification] = []
    for c in sorted(earlier, key=lambda c: (c.scheduled_at, c.pk)):
        if c.attendance == Attendance.ATTENDED:
            streak = []
        elif c.attendance == Attendance.ABSENT:
            streak.append(c)
    return streak


def refuse_pending(case: Case, earlier) -> None:
    """The same person is summoned again only once the earlier summons is recorded or cancelled."""
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


@dataclass(frozen=True)
class Session:
    """Who is summoned to which sitting: what the summons letter says and the session row records."""

    role: str
    subject: CaseSubject | None
    invitee_name: str
    attempt: int
    scheduled_at: dt.datetime
    place: str


def session_save(
    *,
    case: Case,
    user,
    session: Session,
    warning: str,
    summons: Document | None = None,
    presentation_request: Document | None = None,
) -> Clarification:
    """A new session, validated and saved, with the letter that summons the invitee to it."""
    clarification = Clarification(
        case=case,
        role=session.role,
        subject=session.subject,
        invitee_name=session.invitee_name,
        attempt=session.attempt,
        scheduled_at=session.scheduled_at,
        place=session.place[:300],
        summons=summons,
        presentation_request=presentation_request,
        schedule_warning=warning[:300],
        recorded_by=user,
    )
    clarification.full_clean()
    clarification.save()
    return clarification


def reporter_notify(*, case: Case, user, body: str) -> None:
    """A reporter's identity stays sealed in intake: the report's message channel is the only way to
    reach them (every report of the case except a supervisor's own finding)."""
    for cr in case.case_reports.select_related("report").exclude(report__kind=ReportKind.FINDING):
        message_from_officer(report=cr.report, officer=user, body=body)
