"""What a reporter sees as the case moves: every stage has its plain words, and the reporter's status is
written by intake's service with an audit row (the cases app writes no intake table)."""

import pytest

from netra.audit.models import AuditLogEntry
from netra.cases.models import TERMINAL_STATES, CaseState
from netra.cases.services.reporters import REPORT_STATUS, reporter_status
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW, days
from netra.intake.models import ReportStatus


def test_every_stage_but_merged_has_its_words_for_the_reporter():
    assert set(REPORT_STATUS) == set(CaseState.values) - {CaseState.MERGED}


def test_a_stage_without_words_falls_back_instead_of_failing_the_move():
    assert reporter_status("tahap_baru") == ReportStatus.REGISTERED
    for state in TERMINAL_STATES:
        assert reporter_status(state) in (ReportStatus.CLOSED, REPORT_STATUS.get(state))


@pytest.mark.django_db
def test_the_reporters_status_change_is_audited_with_the_officer(case_world):
    u, case, report = case_world["users"], case_world["case"], case_world["report"]
    case_transition(case_id=case.pk, user=u["bpp_officer"], name="register", now=NOW + days(1))
    report.refresh_from_db()
    assert report.status == ReportStatus.REGISTERED
    row = AuditLogEntry.objects.filter(action="report.status", object_id=str(report.pk)).latest("seq")
    assert row.actor_id == u["bpp_officer"].pk
    assert row.after["status"] == ReportStatus.REGISTERED
    assert row.before["status"] == ReportStatus.IN_REVIEW
    # A move that leaves the reporter's words unchanged writes no status row.
    count = AuditLogEntry.objects.filter(action="report.status").count()
    case_transition(case_id=case.pk, user=u["bpp_officer"], name="start_study", now=NOW + days(1))
    assert AuditLogEntry.objects.filter(action="report.status").count() == count
