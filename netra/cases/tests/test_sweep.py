"""The deadline sweep at the service level, with explicit `now`: breach, remind once, escalate to the
level above, PPK breach → automatic escalation, idempotence, Pemilu and Pilkada on their own clocks."""

import datetime as dt
import zoneinfo

import pytest

from netra.agencies.models import AgencyKind
from netra.agencies.tests.factories import AgencyFactory
from netra.audit.models import AuditLogEntry
from netra.cases.models import CaseEvent, CaseState, DeadlineState, ParticipantRole
from netra.cases.services.opening import case_open_for_report
from netra.cases.services.sweep import deadlines_sweep
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW, classify_subjects, days, make_submission
from netra.clocks.models import DeadlineKind
from netra.intake.submission import report_submit
from netra.notifications.models import Notification, NotificationKind

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def move(case, user, name, now, **payload):
    return case_transition(case_id=case.pk, user=user, name=name, payload=payload, now=now)


def snapshot():
    """Everything a sweep can add or change, to prove a second run changes nothing."""
    from netra.cases.models import Deadline, Participant

    return (
        CaseEvent.objects.count(),
        Notification.objects.count(),
        AuditLogEntry.objects.count(),
        Participant.objects.count(),
        sorted(Deadline.objects.values_list("pk", "state", "reminded_at", "escalated_at", "escalated_to_id")),
    )


def to_recommended(world):
    """The case world's Pilkada case driven to RECOMMENDED (BKN → Pemkot Balikpapan)."""
    u, a, case = world["users"], world["agencies"], world["case"]
    t = NOW + dt.timedelta(hours=5)
    case = move(case, u["bpp_officer"], "register", t)
    case = move(case, u["bpp_officer"], "start_study", t)
    case = move(case, u["bpp_head"], "decide", t + days(1), outcome="terbukti", decided_on="2024-10-11")
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
    case = move(case, u["bkn_officer"], "examine", t + days(2))
    subject = case.subjects.get()
    return move(
        case,
        u["bkn_officer"],
        "recommend",
        t + days(3),
        recommendations=[{"subject_id": subject.pk, "level": "moral", "legal_basis": "PP 42/2004 Pasal 15"}],
    )


@pytest.mark.django_db
def test_breach_is_marked_announced_and_escalated_to_the_parent_office(case_world):
    a, u = case_world["agencies"], case_world["users"]
    case = case_world["case"]
    review = case.deadlines.get(kind=DeadlineKind.INITIAL_REVIEW)  # Pilkada: Sun 13 Oct 23.59 WITA
    assert deadlines_sweep(now=review.due_at - dt.timedelta(minutes=1)).breached == []

    result = deadlines_sweep(now=review.due_at + dt.timedelta(hours=1))
    assert result.breached == [review.pk]
    assert result.escalated == [review.pk]
    review.refresh_from_db()
    assert review.state == DeadlineState.BREACHED
    assert review.breached_at == review.due_at
    # Bawaslu Kota Balikpapan → Bawaslu Provinsi Kalimantan Timur.
    assert review.escalated_to == a["kaltim"]
    assert case.participants.filter(agency=a["kaltim"], role=ParticipantRole.ESCALATION).exists()
    texts = list(case.events.filter(kind="tenggat").values_list("text", flat=True))
    assert any(
        t.startswith("Tenggat terlewat: Kajian awal. Batasnya 13 Oktober 2024 23:59 WITA") for t in texts
    )
    assert any("dieskalasikan kepada Bawaslu Provinsi Kalimantan Timur" in t for t in texts)
    # The office's case officers hear of the breach; the province's head of the escalation.
    breached_to = set(
        Notification.objects.filter(kind=NotificationKind.DEADLINE_BREACHED).values_list(
            "recipient", flat=True
        )
    )
    assert breached_to == {u["bpp_officer"].pk, u["bpp_head"].pk}
    escalated_to = set(
        Notification.objects.filter(kind=NotificationKind.ESCALATION).values_list("recipient", flat=True)
    )
    assert escalated_to == {u["kaltim_head"].pk}
    assert AuditLogEntry.objects.filter(action="deadline.breach", object_id=str(review.pk)).exists()

    before = snapshot()
    again = deadlines_sweep(now=review.due_at + dt.timedelta(hours=2))
    assert (again.breached, again.reminded, again.escalated) == ([], [], [])
    assert snapshot() == before


@pytest.mark.django_db
def test_a_province_clock_goes_to_bawaslu_ri(case_world):
    a = case_world["agencies"]
    review = case_world["case"].deadlines.get(kind=DeadlineKind.INITIAL_REVIEW)
    review.agency = a["kaltim"]
    review.save(update_fields=["agency"])
    deadlines_sweep(now=review.due_at + dt.timedelta(hours=1))
    review.refresh_from_db()
    assert review.escalated_to == a["ri"]


@pytest.mark.django_db
def test_reminder_is_sent_once_before_the_due_time(case_world, settings):
    settings.NETRA_DEADLINE_REMIND_BEFORE_HOURS = 24
    u, case = case_world["users"], case_world["case"]
    case = move(case, u["bpp_officer"], "register", NOW + dt.timedelta(hours=5))
    follow_up = case.deadlines.get(kind=DeadlineKind.FOLLOW_UP)  # Sun 13 Oct 23.59 WITA
    # Two days before: too early.
    assert deadlines_sweep(now=follow_up.due_at - dt.timedelta(hours=48)).reminded == []
    first = follow_up.due_at - dt.timedelta(hours=20)
    assert deadlines_sweep(now=first).reminded == [follow_up.pk]
    assert deadlines_sweep(now=follow_up.due_at - dt.timedelta(hours=2)).reminded == []
    follow_up.refresh_from_db()
    assert follow_up.reminded_at == first
    assert follow_up.state == DeadlineState.OPEN
    reminders = Notification.objects.filter(kind=NotificationKind.DEADLINE_REMINDER)
    assert sorted(reminders.values_list("recipient", flat=True)) == sorted(
        [u["bpp_officer"].pk, u["bpp_head"].pk]
    )
    assert "13 Oktober 2024 23:59 WITA" in reminders.first().body


@pytest.mark.django_db
def test_ppk_breach_escalates_the_case_automatically(
    case_world, django_capture_on_commit_callbacks, mailoutbox
):
    a, u = case_world["agencies"], case_world["users"]
    u["bkpsdm_officer"].email = "bkpsdm@balikpapan.go.id"
    u["bkpsdm_officer"].save(update_fields=["email"])
    case = to_recommended(case_world)
    ppk = case.deadlines.get(kind=DeadlineKind.PPK_FOLLOW_UP)
    assert ppk.agency == a["pemkot"]
    with django_capture_on_commit_callbacks(execute=True):
        result = deadlines_sweep(now=ppk.due_at + dt.timedelta(minutes=5))
    assert result.breached == [ppk.pk]
    assert result.cases_escalated == [case.pk]
    ppk.refresh_from_db()
    case.refresh_from_db()
    assert ppk.state == DeadlineState.BREACHED
    assert ppk.escalated_to == a["bkn"]  # the oversight body that recommended
    assert case.state == CaseState.ESCALATED
    move_event = case.events.get(kind="tahap", to_state=CaseState.ESCALATED)
    assert move_event.actor is None
    assert move_event.data["transition"] == "escalate"
    assert "PPK Pemerintah Kota Balikpapan belum menindaklanjuti" in move_event.text
    # The PPK's officers (through its BKPSDM) and BKN are told; the PPK's one by e-mail too.
    notified = Notification.objects.filter(case=case)
    assert notified.filter(recipient=u["bkpsdm_officer"], kind=NotificationKind.STAGE).exists()
    assert notified.filter(recipient=u["bkn_officer"], kind=NotificationKind.ESCALATION).exists()
    assert notified.filter(recipient=u["bkn_officer"], kind=NotificationKind.STAGE).exists()
    mails = [m for m in mailoutbox if m.to == ["bkpsdm@balikpapan.go.id"]]
    assert any("Eskalasi" in m.subject for m in mails)

    before = snapshot()
    deadlines_sweep(now=ppk.due_at + dt.timedelta(days=1))
    assert snapshot() == before
    # The PPK can still act late: the clock is met late and the case moves on.
    subject = case.subjects.get()
    case = move(
        case,
        u["bkpsdm_officer"],
        "record_sanction",
        ppk.due_at + dt.timedelta(days=2),
        sanctions=[
            {
                "subject_id": subject.pk,
                "decision_number": "800/9/BKPSDM",
                "decision_date": "2024-11-05",
                "punishment": "Pernyataan secara terbuka",
                "sanction_code": "pns-moral-terbuka",
            }
        ],
    )
    ppk.refresh_from_db()
    assert (case.state, ppk.state) == (CaseState.SANCTIONED, DeadlineState.MET_LATE)


@pytest.mark.django_db
def test_satgas_verification_goes_to_the_satgas_members(case_world):
    u, a, case = case_world["users"], case_world["agencies"], case_world["case"]
    panrb = AgencyFactory(code="kemenpanrb", name="Kementerian PANRB", kind=AgencyKind.KEMENPANRB)
    t = NOW + dt.timedelta(hours=5)
    case = move(case, u["bpp_officer"], "register", t)
    case = move(case, u["bpp_officer"], "start_study", t)
    case = move(case, u["bpp_head"], "decide", t, outcome="terbukti", decided_on="2024-10-10")
    case = classify_subjects(case, u["bpp_officer"])
    case = move(
        case,
        u["bpp_head"],
        "forward",
        t,
        destination="oversight_body",
        recipient_id=a["bkn"].pk,
        forwarding_summary="Ringkasan petugas",
    )
    satgas = case.deadlines.get(kind=DeadlineKind.SATGAS_VERIFICATION)
    deadlines_sweep(now=satgas.due_at + dt.timedelta(hours=1))
    satgas.refresh_from_db()
    assert satgas.state == DeadlineState.BREACHED
    assert satgas.escalated_to == panrb
    assert case.state == CaseState.FORWARDED  # only the PPK's lapse moves the case itself


@pytest.mark.django_db
def test_pemilu_and_pilkada_cases_breach_on_their_own_clocks(case_world):
    officer = case_world["users"]["bpp_officer"]
    # Pilkada (UU 1/2015 Pasal 134): registered Thu 10 Oct 2024 15.00 WITA → 3 days → Sun 13 Oct.
    pilkada = move(case_world["case"], officer, "register", NOW + dt.timedelta(hours=5))
    # Pemilu (UU 7/2017 Pasal 454 ayat 7): registered Wed 17 Jan 2024 15.00 WITA → 7 days → Wed 24 Jan.
    registered = dt.datetime(2024, 1, 17, 15, 0, tzinfo=WITA)
    report = report_submit(
        submission=make_submission(incident_date=dt.date(2024, 1, 15), known_date=dt.date(2024, 1, 16)),
        now=registered - dt.timedelta(hours=5),
    ).report
    pemilu = case_open_for_report(report=report, now=registered - dt.timedelta(hours=5))
    assert pemilu.election.code == "pemilu-2024"
    pemilu = move(pemilu, officer, "register", registered)
    pemilu_clock = pemilu.deadlines.get(kind=DeadlineKind.FOLLOW_UP)
    pilkada_clock = pilkada.deadlines.get(kind=DeadlineKind.FOLLOW_UP)

    # Four days after registration the Pemilu clock still runs; the Pilkada one (3 days) has lapsed.
    deadlines_sweep(now=registered + dt.timedelta(days=4))
    pemilu_clock.refresh_from_db()
    assert pemilu_clock.state == DeadlineState.OPEN
    assert (pemilu_clock.due_at.astimezone(WITA).date()) == dt.date(2024, 1, 24)
    deadlines_sweep(now=dt.datetime(2024, 1, 25, 0, 30, tzinfo=WITA))
    pemilu_clock.refresh_from_db()
    assert pemilu_clock.state == DeadlineState.BREACHED

    pilkada_registered = NOW + dt.timedelta(hours=5)
    deadlines_sweep(now=pilkada_registered + dt.timedelta(days=2))
    pilkada_clock.refresh_from_db()
    assert pilkada_clock.state == DeadlineState.OPEN
    deadlines_sweep(now=pilkada_registered + dt.timedelta(days=4))
    pilkada_clock.refresh_from_db()
    assert pilkada_clock.state == DeadlineState.BREACHED
    assert pilkada_clock.breached_at.astimezone(WITA).date() == dt.date(2024, 10, 13)
