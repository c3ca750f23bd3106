"""The status notice to the reporter (Perbawaslu 7/2022 / 8/2020: pemberitahuan status laporan).

An explicit action (`status_notice_send`): its wording depends on the final status and an officer checks
the outcome before anything reaches the reporter; the UI shows the button while
`Case.reporter_notified_at` is empty and the status is settled (`status_notice_refusal`, one rule for the
page and the service). The letter is issued through `letter_issue` (numbered in the transaction, its PDF
rendered after the commit) and kept by Bawaslu only; every reporter of the case is told through the
report's message channel. The reporter's identity is never written into the letter.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.cases.models import Case, CaseState, DecisionOutcome, Document, DocumentKind, EventKind, StopReason
from netra.cases.services.common import case_bump, case_lock_for, event_add, refuse_unless
from netra.cases.services.document_common import B, case_kind, report_references
from netra.cases.services.letters_issue import letter_issue
from netra.core.exceptions import ApplicationError
from netra.core.scoping import action_refusal
from netra.core.services import in_record_language
from netra.regions.timezones import date_id


def _status_for_reporter(case: Case) -> tuple[str, str]:
    if case.state == CaseState.STOPPED:
        reason = StopReason(case.stop_reason).label if case.stop_reason else CaseState.STOPPED.label
        return (
            _("Dihentikan: %(reason)s") % {"reason": reason},
            _("Penanganan laporan dihentikan. Terima kasih atas partisipasi Saudara dalam pengawasan."),
        )
    if case.decision_outcome == DecisionOutcome.VIOLATION:
        recipient = case.recipient.name if case.recipient is not None else _("instansi yang berwenang")
        return (
            _("Terbukti; diteruskan kepada %(recipient)s") % {"recipient": recipient},
            _(
                "Dugaan pelanggaran dinyatakan terbukti dalam rapat pleno dan diteruskan kepada instansi "
                "yang berwenang untuk ditindaklanjuti (UU 7/2017 Pasal 455 ayat (1) huruf c)."
            ),
        )
    return (
        str(DecisionOutcome(case.decision_outcome).label),
        _("Laporan tidak dapat ditindaklanjuti sebagai pelanggaran."),
    )


def status_notice_refusal(*, case: Case, user) -> ApplicationError | None:
    """Why this user may not send the status notice on `case` now, or None (the named action
    `notify_reporter`; the case page shows the button exactly when this is None)."""
    return action_refusal(user, Case, "notify_reporter", case)


@in_record_language
def status_notice_send(*, case_id: int, user, now: dt.datetime | None = None) -> Document:
    """Issue the status notice (kept by Bawaslu only) and tell every reporter of the case through the
    report's message channel; the reporter's identity is never written into the letter."""
    now = now or timezone.now()
    refuse_unless(user, "notify_reporter")
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        refuse_unless(user, "notify_reporter", case)
        status, explanation = _status_for_reporter(case)
        refs = report_references(case)
        document = letter_issue(
            case=case,
            kind=DocumentKind.STATUS_NOTICE,
            template="status_notice.html",
            issued_by=case.office,
            addressee=_("Pelapor laporan nomor %(refs)s") % {"refs": refs},
            subject_line=_("Pemberitahuan status laporan"),
            context={
                "report_label": case_kind(case),
                "report_references": refs,
                "registration": case.registration_number,
                "status": status,
                "decided_on": date_id(case.decided_on) if case.decided_on else "",
                "explanation": explanation,
            },
            actor=user,
            audience=[B],
            now=now,
        )
        _reporters_tell(case, document, user=user, refs=refs, told=(status, explanation), now=now)
    return document


def _reporters_tell(
    case: Case, document: Document, *, user, refs: str, told: tuple[str, str], now: dt.datetime
) -> None:
    """Inside the notice's transaction: the message to every reporter, the case's "notified" time, its
    timeline line (Bawaslu's) and the audit row."""
    from netra.intake.models import ReportKind
    from netra.intake.services import message_from_officer

    reports = [
        cr.report for cr in case.case_reports.select_related("report") if cr.report.kind != ReportKind.FINDING
    ]
    body = _(
        "Pemberitahuan status laporan %(refs)s: %(status)s. %(explanation)s "
        "(Surat nomor %(number)s tanggal %(date)s.)"
    ) % {
        "refs": refs,
        "status": told[0],
        "explanation": told[1],
        "number": document.number,
        "date": date_id(document.dated),
    }
    for report in reports:
        message_from_officer(report=report, officer=user, body=body)
    case.reporter_notified_at = now
    case_bump(case, "reporter_notified_at")
    event_add(
        case,
        EventKind.MESSAGE,
        _("Status laporan diberitahukan kepada pelapor (%(number)s).") % {"number": document.number},
        actor=user,
        data={"document_id": document.pk},
        visible_to=B,
    )
    audit_record(
        actor=user,
        action="case.status_notice",
        instance=case,
        after={"document_id": document.pk, "reports": [r.pk for r in reports]},
    )
