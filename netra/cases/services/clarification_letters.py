"""The letters of a clarification (see services.clarifications): the numbered summons (undangan
klarifikasi, also for a moved session, naming the letter it replaces) and the request to a terlapor's
superior/PPK to present them. Both are issued through `letter_issue` (services.documents)."""

import datetime as dt

from django.utils.translation import gettext as _

from netra.agencies.models import Agency
from netra.cases import letters
from netra.cases.models import Case, CaseSubject, Clarification, ClarificationRole, Document, DocumentKind
from netra.cases.services.clarification_common import Session, reporter_notify
from netra.cases.services.documents import (
    AUDIENCE,
    _case_kind,
    _registration,
    _report_references,
    agency_entry,
    letter_issue,
)
from netra.core.exceptions import ApplicationError


def _summons_addressee(case: Case, role: str, name: str) -> str:
    """A reporter is only ever written as the reporter of the case's reports (identity sealed)."""
    if role == ClarificationRole.REPORTER:
        return _("Pelapor laporan nomor %(refs)s") % {"refs": _report_references(case)}
    return name


def _position(subject: CaseSubject | None) -> str:
    return ", ".join(p for p in (subject.position, subject.agency_label) if p) if subject else ""


def _summons_subject_line(attempt: int, *, moved: bool) -> str:
    subject_line = (
        _("Undangan klarifikasi")
        if attempt == 1
        else _("Undangan klarifikasi (panggilan ke-%(n)s)") % {"n": attempt}
    )
    if moved:
        subject_line = _("%(subject)s, perubahan jadwal") % {"subject": subject_line}
    return subject_line


def summons_issue(
    *, case: Case, user, session: Session, now: dt.datetime | None, replaces: Clarification | None = None
) -> Document:
    """Number, render and store the undangan klarifikasi; a reporter also hears of it through the
    report's message channel. A moved session's summons says which letter it replaces."""
    addressee = _summons_addressee(case, session.role, session.invitee_name)
    replaced_number = replaces.summons.number if replaces is not None and replaces.summons else ""
    when = letters.datetime_id(session.scheduled_at, case.office)
    document = letter_issue(
        case=case,
        kind=DocumentKind.SUMMONS,
        template="summons.html",
        issued_by=case.office,
        addressee=addressee,
        subject_line=_summons_subject_line(session.attempt, moved=replaces is not None),
        context={
            "case_kind": _case_kind(case),
            "registration": _registration(case),
            "invitee": addressee,
            "role_label": ClarificationRole(session.role).label,
            "position": _position(session.subject),
            "when": when,
            "place": session.place,
            "attempt": session.attempt,
            "replaces": replaced_number,
        },
        actor=user,
        audience=AUDIENCE[DocumentKind.SUMMONS],
        now=now,
    )
    if session.role == ClarificationRole.REPORTER:
        body = _(
            "Undangan klarifikasi (panggilan ke-%(n)s): %(when)s, tempat %(place)s. Surat nomor %(number)s."
        ) % {"n": session.attempt, "when": when, "place": session.place, "number": document.number}
        if replaced_number:
            body = f"{body} " + _("Menggantikan undangan nomor %(old)s.") % {"old": replaced_number}
        reporter_notify(case=case, user=user, body=body)
    return document


def presentation_request_issue(
    *, case: Case, user, session: Session, ppk: Agency, absences: list[Clarification], now: dt.datetime | None
) -> Document:
    """The letter asking the terlapor's PPK to present them at the session, listing the unheeded
    summonses; the PPK's agency may read it."""
    subject = session.subject
    if subject is None:  # the request names a terlapor (checked by clarification_request_presentation)
        raise ApplicationError(_("Terlapor tidak ditemukan dalam kasus ini."), extra={"field": "subject_id"})
    return letter_issue(
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
                    "number": c.summons.number if c.summons else "-",
                    "reason": c.absence_reason,
                }
                for c in absences
            ],
            "when": letters.datetime_id(session.scheduled_at, case.office),
            "place": session.place,
        },
        actor=user,
        audience={*AUDIENCE[DocumentKind.PRESENTATION_REQUEST], agency_entry(ppk.pk)},
        now=now,
    )
