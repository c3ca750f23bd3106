"""Keep what reporters see in step with their case: the status in plain words, the closing date that
starts the retention clock, and the request to complete a report sent through the message channel."""

from django.db import transaction

from netra.cases.models import TERMINAL_STATES, Case, CaseState
from netra.core.services import in_record_language
from netra.intake.models import Report, ReportKind, ReportStatus
from netra.intake.services import message_from_officer, reports_status_set

S = CaseState

# The reporter's status for each stage of the case (never an officer's name, never internal detail).
REPORT_STATUS: dict[str, str] = {
    S.RECEIVED: ReportStatus.RECEIVED,
    S.INITIAL_REVIEW: ReportStatus.IN_REVIEW,
    S.AWAITING_COMPLETION: ReportStatus.INCOMPLETE,
    S.REGISTERED: ReportStatus.REGISTERED,
    S.CLARIFICATION: ReportStatus.REGISTERED,
    S.STUDY: ReportStatus.REGISTERED,
    S.DECIDED: ReportStatus.REGISTERED,
    S.FORWARDED: ReportStatus.FORWARDED,
    S.EXAMINATION: ReportStatus.FORWARDED,
    S.RECOMMENDED: ReportStatus.FORWARDED,
    S.ESCALATED: ReportStatus.FORWARDED,
    S.SANCTIONED: ReportStatus.FORWARDED,
    S.STOPPED: ReportStatus.CLOSED,
    S.CLOSED: ReportStatus.CLOSED,
}


def reports_sync(*, case: Case, user=None) -> int:
    """Give every report of the case the status its stage means to a reporter (written, and audited, by
    intake's service). A case that ended sets `closed_at` (the retention period counts from it, UU PDP);
    a reopened one clears it. A merged case's reports now belong to the target, which syncs them."""
    if case.state == S.MERGED:
        return 0
    return reports_status_set(
        report_ids=list(case.case_reports.values_list("report_id", flat=True)),
        status=reporter_status(case.state),
        closed=case.state in TERMINAL_STATES,
        closed_at=case.closed_at,
        actor=user,
    )


def reporter_status(state: str) -> str:
    """What a reporter is told for a stage; a stage without its own words says "in process" rather than
    failing the move (a new stage should still get its words in REPORT_STATUS)."""
    return REPORT_STATUS.get(
        state, ReportStatus.CLOSED if state in TERMINAL_STATES else ReportStatus.REGISTERED
    )


@in_record_language
def reporters_ask_to_complete(*, case: Case, officer, what: str) -> int:
    """Tell each reporter of the case what is missing (Perbawaslu 7/2022: the reporter is notified and
    may complete within the window; not completed in time, the report is not registered)."""
    from django.utils.translation import gettext as _

    sent = 0
    for report in Report.objects.filter(
        case_link__case=case, kind=ReportKind.LAPORAN, purged_at__isnull=True
    ):
        with transaction.atomic():
            message_from_officer(
                report=report,
                officer=officer,
                body=_(
                    "Laporan Anda perlu dilengkapi sebelum dapat diregistrasi: %(what)s. Silakan lengkapi "
                    "melalui halaman ini (balas pesan ini atau tambahkan bukti) sebelum batas waktu."
                )
                % {"what": what},
            )
        sent += 1
    return sent
