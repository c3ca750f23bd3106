"""One case through the whole chain at the service layer: Bawaslu Balikpapan → BKN → PPK."""

import datetime as dt

import pytest

from netra.audit.models import AuditLogEntry
from netra.cases.models import CaseState, DeadlineState, StopReason
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW, classify_subjects, days
from netra.clocks.models import DeadlineKind
from netra.core.exceptions import ConflictError, PermissionDeniedError
from netra.intake.models import ReportStatus


def move(case, user, name, now, **payload):
    return case_transition(case_id=case.pk, user=user, name=name, payload=payload, now=now)


@pytest.mark.django_db
def test_report_opens_a_case_in_initial_review_with_its_clocks(case_world):
    case = case_world["case"]
    report = case_world["report"]
    assert case.state == CaseState.INITIAL_REVIEW
    assert case.office == case_world["agencies"]["bpp"]  # kab/kota handles, not the kecamatan
    assert case.reference.startswith("KSS-2024-")
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_REVIEW
    subject = case.subjects.get()
    assert subject.person.name == "Lurah Manggar"
    assert subject.person.agency == case_world["agencies"]["pemkot"]
    clocks = {d.kind: d for d in case.deadlines.all()}
    assert clocks[DeadlineKind.FILING_WINDOW].state == DeadlineState.MET
    review = clocks[DeadlineKind.INITIAL_REVIEW]
    assert review.state == DeadlineState.OPEN
    # Pilkada: 3 calendar days from receipt on Thu 10 Oct 2024 10.00 WITA → Sun 13 Oct 23.59.59 WITA.
    local = review.due_at.astimezone(NOW.tzinfo)
    assert (local.date(), local.hour, local.minute) == (dt.date(2024, 10, 13), 23, 59)
    assert AuditLogEntry.objects.filter(action="case.open", object_id=str(case.pk)).exists()


@pytest.mark.django_db
def test_whole_chain_bawaslu_bkn_ppk(case_world):
    u = case_world["users"]
    a = case_world["agencies"]
    case = case_world["case"]
    t = NOW + dt.timedelta(hours=5)
    case = move(case, u["bpp_officer"], "register", t)
    assert case.state == CaseState.REGISTERED
    follow_up = case.deadlines.get(kind=DeadlineKind.FOLLOW_UP)
    assert follow_up.agency == a["bpp"]
    case = move(case, u["bpp_officer"], "start_clarification", t)
    case = move(case, u["bpp_officer"], "start_study", t + days(1))
    with pytest.raises(PermissionDeniedError):  # the plenary decision is the leadership's
        move(case, u["bpp_officer"], "decide", t + days(1), outcome="terbukti", decided_on="2024-10-11")
    case = move(case, u["bpp_head"], "decide", t + days(1), outcome="terbukti", decided_on="2024-10-11")
    assert case.deadlines.get(kind=DeadlineKind.FOLLOW_UP).state == DeadlineState.MET
    case = classify_subjects(case, u["bpp_officer"])
    case = move(
        case,
        u["bpp_head"],
        "forward",
        t + days(1),
        destination="oversight_body",
        recipient_id=a["bkn"].pk,
        forwarding_summary="Ringkasan petugas",
    )
    assert case.state == CaseState.FORWARDED
    satgas = case.deadlines.get(kind=DeadlineKind.SATGAS_VERIFICATION)
    assert satgas.agency == a["bkn"]
    assert satgas.state == DeadlineState.OPEN
    # Bawaslu cannot act on BKN's stage; BKN can.
    with pytest.raises(PermissionDeniedError):
        move(case, u["bpp_head"], "examine", t + days(2))
    case = move(case, u["bkn_officer"], "examine", t + days(2))
    subject = case.subjects.get()
    case = move(
        case,
        u["bkn_officer"],
        "recommend",
        t + days(3),
        recommendations=[{"subject_id": subject.pk, "level": "moral", "legal_basis": "PP 42/2004 Pasal 15"}],
    )
    assert case.state == CaseState.RECOMMENDED
    ppk_clock = case.deadlines.get(kind=DeadlineKind.PPK_FOLLOW_UP)
    assert ppk_clock.agency == a["pemkot"]
    case = move(
        case,
        u["bkpsdm_officer"],
        "record_sanction",
        t + days(10),
        sanctions=[
            {
                "subject_id": subject.pk,
                "decision_number": "800/123/BKPSDM",
                "decision_date": "2024-10-20",
                "punishment": "Pernyataan secara terbuka",
                "sanction_code": "pns-moral-terbuka",
            }
        ],
    )
    assert case.state == CaseState.SANCTIONED
    assert case.deadlines.get(kind=DeadlineKind.PPK_FOLLOW_UP).state == DeadlineState.MET
    case = move(case, u["bkn_officer"], "close", t + days(11))
    assert case.state == CaseState.CLOSED
    assert case.closed_at is not None
    assert not case.deadlines.filter(state=DeadlineState.OPEN).exists()
    # Reopening needs a reason and the leadership's permission, and returns to the last stage.
    with pytest.raises(PermissionDeniedError):
        move(case, u["bkn_officer"], "reopen", t + days(12), reason="Keputusan dibatalkan PTUN")
    events = [e.data.get("transition") for e in case.events.filter(kind="tahap")]
    assert events == [
        "register",
        "start_clarification",
        "start_study",
        "decide",
        "forward",
        "examine",
        "recommend",
        "record_sanction",
        "close",
    ]


@pytest.mark.django_db
def test_stale_version_is_refused(case_world):
    case = case_world["case"]
    with pytest.raises(ConflictError) as err:
        case_transition(
            case_id=case.pk,
            user=case_world["users"]["bpp_officer"],
            name="register",
            expected_version=case.version + 1,
        )
    assert err.value.code == "version_conflict"


@pytest.mark.django_db
def test_withdraw_before_registration_only(case_world):
    u = case_world["users"]
    case = case_world["case"]
    case = move(case, u["bpp_officer"], "withdraw", NOW, reason="Pelapor mencabut laporan")
    assert case.state == CaseState.STOPPED
    assert case.stop_reason == StopReason.WITHDRAWN
    assert not case.deadlines.filter(state=DeadlineState.OPEN).exists()
    case = move(case, u["bpp_head"], "reopen", NOW, reason="Pencabutan ternyata dipalsukan")
    assert case.state == CaseState.INITIAL_REVIEW
    case = move(case, u["bpp_officer"], "register", NOW)
    with pytest.raises(ConflictError):
        move(case, u["bpp_officer"], "withdraw", NOW, reason="terlambat")


@pytest.mark.django_db
def test_timeline_is_append_only(case_world):
    from django.db import connection, transaction

    from netra.core.models import AppendOnlyError

    event = case_world["case"].events.first()
    with pytest.raises(AppendOnlyError):
        event.delete()
    if connection.vendor == "postgresql":  # the trigger refuses raw SQL too
        with (
            pytest.raises(Exception, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("UPDATE cases_caseevent SET text = 'diubah' WHERE id = %s", [event.pk])


@pytest.mark.django_db
def test_records_are_written_in_indonesian_whatever_the_reader_language(case_world):
    from django.utils import translation

    case = case_world["case"]
    with translation.override("en"):
        case_transition(case_id=case.pk, user=case_world["users"]["bpp_officer"], name="register")
    line = case.events.filter(kind="tahap").last().text
    assert line.startswith("Registrasi: Kajian awal → Diregistrasi.")


@pytest.mark.django_db
def test_reporter_follows_the_case_and_is_asked_to_complete(case_world):
    from netra.intake.models import ReportStatus
    from netra.intake.selectors import reporter_view

    u = case_world["users"]
    case = case_world["case"]
    report = case_world["report"]
    case_transition(
        case_id=case.pk,
        user=u["bpp_officer"],
        name="request_completion",
        payload={"reason": "bukti tangkapan layar"},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.INCOMPLETE
    message = reporter_view(report=report).messages[-1]
    assert "bukti tangkapan layar" in message.body
    assert message.agency == case.office  # from the office, never an officer's name
    case_transition(case_id=case.pk, user=u["bpp_officer"], name="completion_received")
    case_transition(case_id=case.pk, user=u["bpp_officer"], name="register")
    report.refresh_from_db()
    assert report.status == ReportStatus.REGISTERED
    case_transition(case_id=case.pk, user=u["bpp_officer"], name="start_study")
    case_transition(
        case_id=case.pk,
        user=u["bpp_head"],
        name="decide",
        payload={"outcome": "tidak_terbukti", "decided_on": "2024-10-12"},
    )
    case_transition(case_id=case.pk, user=u["bpp_head"], name="stop")
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED
    assert report.closed_at is not None  # the retention period counts from here
    case_transition(case_id=case.pk, user=u["bpp_head"], name="reopen", payload={"reason": "Bukti baru"})
    report.refresh_from_db()
    assert report.status == ReportStatus.REGISTERED
    assert report.closed_at is None
