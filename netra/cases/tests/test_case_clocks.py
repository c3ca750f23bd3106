"""Each stage's clock on a real case, Pemilu and Pilkada, in the responsible office's time zone
(hand-computed dates; REGULATIONS.md §3: Pemilu 7 + up to 14 working days, Pilkada 3 + 2 days,
Satgas 7 days, 24 hours to Gakkumdu)."""

import datetime as dt
import zoneinfo

import pytest

from netra.cases.models import CaseReport, DeadlineState
from netra.cases.services.edits import case_deadline_extend
from netra.cases.services.opening import case_open_for_report
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW, classify_subjects, make_submission
from netra.clocks.models import DeadlineKind
from netra.intake.submission import report_submit

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def local(deadline, tz=WITA) -> tuple:
    moment = deadline.due_at.astimezone(tz)
    return (moment.date(), moment.hour, moment.minute)


def pemilu_case(world):
    now = dt.datetime(2024, 1, 17, 10, 0, tzinfo=WITA)
    report = report_submit(
        submission=make_submission(incident_date=dt.date(2024, 1, 15), known_date=dt.date(2024, 1, 16)),
        now=now,
    ).report
    case = case_open_for_report(report=report, now=now)
    return case, now


@pytest.mark.django_db
def test_pemilu_follow_up_and_extension(case_world):
    officer = case_world["users"]["bpp_officer"]
    case, now = pemilu_case(case_world)
    assert case.election.code == "pemilu-2024"
    # Kajian awal (Pemilu): 2 working days from Wed 17 Jan → Fri 19 Jan.
    assert local(case.deadlines.get(kind=DeadlineKind.INITIAL_REVIEW)) == (dt.date(2024, 1, 19), 23, 59)
    registered = now + dt.timedelta(hours=5)  # Wed 17 Jan 15.00 WITA
    case_transition(case_id=case.pk, user=officer, name="register", now=registered)
    # UU 7/2017 Pasal 454 ayat (7): 7 days → Wed 24 Jan.
    assert local(case.deadlines.get(kind=DeadlineKind.FOLLOW_UP)) == (dt.date(2024, 1, 24), 23, 59)
    case_deadline_extend(case_id=case.pk, user=officer, reason="Menunggu keterangan BKPSDM", now=registered)
    assert case.deadlines.get(kind=DeadlineKind.FOLLOW_UP).state == DeadlineState.CANCELLED
    # Pasal 454 ayat (8): 14 working days from 17 Jan → Tue 6 Feb 2024 (weekends skipped).
    assert local(case.deadlines.get(kind=DeadlineKind.FOLLOW_UP_EXTENDED)) == (dt.date(2024, 2, 6), 23, 59)


@pytest.mark.django_db
def test_kajian_awal_of_a_late_evening_report_runs_from_the_counted_receipt(case_world):
    """Pilkada 2024 (campaign), submitted Thu 10 Oct 2024 20.00 WITA, after the desk closed at 16.00
    (Perbawaslu 9/2024): counted received Fri 11 Oct 08.00 WITA. Kajian awal, 3 days, day 1 = Sat 12 Oct
    → Mon 14 Oct 23.59 WITA (from the submission it would have been Sun 13 Oct)."""
    now = dt.datetime(2024, 10, 10, 20, 0, tzinfo=WITA)
    report = report_submit(submission=make_submission(), now=now).report
    case = case_open_for_report(report=report, now=now)
    clock = case.deadlines.get(kind=DeadlineKind.INITIAL_REVIEW)
    assert clock.starts_at == dt.datetime(2024, 10, 11, 8, 0, tzinfo=WITA)
    assert local(clock) == (dt.date(2024, 10, 14), 23, 59)


@pytest.mark.django_db
def test_pilkada_follow_up_and_extension(case_world):
    officer = case_world["users"]["bpp_officer"]
    case = case_world["case"]
    assert case.election.kind == "pilkada"
    registered = NOW + dt.timedelta(hours=5)  # Thu 10 Oct 2024 15.00 WITA
    case_transition(case_id=case.pk, user=officer, name="register", now=registered)
    # UU 1/2015 Pasal 134: 3 days → Sun 13 Oct; with additional information 5 days → Tue 15 Oct.
    assert local(case.deadlines.get(kind=DeadlineKind.FOLLOW_UP)) == (dt.date(2024, 10, 13), 23, 59)
    case_deadline_extend(case_id=case.pk, user=officer, reason="Keterangan tambahan pelapor", now=registered)
    assert local(case.deadlines.get(kind=DeadlineKind.FOLLOW_UP_EXTENDED)) == (dt.date(2024, 10, 15), 23, 59)


@pytest.mark.django_db
def test_satgas_clock_runs_in_the_oversight_body_zone(case_world):
    u = case_world["users"]
    case = case_world["case"]
    t = NOW + dt.timedelta(hours=1)
    for name, user in [("register", "bpp_officer"), ("start_study", "bpp_officer")]:
        case_transition(case_id=case.pk, user=u[user], name=name, now=t)
    case_transition(
        case_id=case.pk,
        user=u["bpp_head"],
        name="decide",
        payload={"outcome": "terbukti", "decided_on": "2024-10-10"},
        now=t,
    )
    classify_subjects(case, u["bpp_officer"])
    case_transition(
        case_id=case.pk,
        user=u["bpp_head"],
        name="forward",
        payload={
            "destination": "oversight_body",
            "recipient_id": case_world["agencies"]["bkn"].pk,
            "forwarding_summary": "Ringkasan petugas",
        },
        now=t,  # Thu 10 Oct 11.00 WITA = 10.00 WIB
    )
    satgas = case.deadlines.get(kind=DeadlineKind.SATGAS_VERIFICATION)
    # BKN is national (WIB): 7 days → Thu 17 Oct 23.59.59 WIB.
    assert local(satgas, WIB) == (dt.date(2024, 10, 17), 23, 59)


@pytest.mark.django_db
def test_criminal_decision_starts_the_24_hour_clock(case_world):
    u = case_world["users"]
    case = case_world["case"]
    t = dt.datetime(2024, 10, 11, 10, 0, tzinfo=WITA)
    case_transition(case_id=case.pk, user=u["bpp_officer"], name="register", now=t)
    case_transition(case_id=case.pk, user=u["bpp_officer"], name="start_study", now=t)
    case_transition(
        case_id=case.pk,
        user=u["bpp_head"],
        name="decide",
        payload={"outcome": "terbukti", "decided_on": "2024-10-11", "violation_class": "criminal"},
        now=t,
    )
    clock = case.deadlines.get(kind=DeadlineKind.CRIMINAL_FORWARD)
    assert clock.due_at == t + dt.timedelta(hours=24)


@pytest.mark.django_db
def test_a_temuan_has_seven_days_from_discovery(case_world):
    from netra.cases.services.opening import finding_record

    case = finding_record(
        user=case_world["users"]["bpp_officer"],
        description="Patroli siber menemukan unggahan ASN mendukung paslon.",
        incident_region_code="64.71.01",
        found_date=dt.date(2024, 10, 8),
        persons=[{"name": "Rahmat", "agency_name": "Pemerintah Kota Balikpapan"}],
        now=NOW,
    )
    assert case.origin == "temuan"
    clock = case.deadlines.get(kind=DeadlineKind.FINDING_WINDOW)
    assert local(clock) == (dt.date(2024, 10, 15), 23, 59)
    report = CaseReport.objects.get(case=case).report
    assert report.kind == "temuan"
    assert report.receipt_hash is None
