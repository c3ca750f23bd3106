"""Terlapor records in a case (issue 15 item 1): the PPK resolved from what officers type, the stage
owner corrects a terlapor, and an ASN case does not leave Bawaslu while a terlapor's PPK or
classification is unknown."""

import datetime as dt

import pytest

from netra.agencies.selectors import employer_for_unit
from netra.audit.models import AuditLogEntry
from netra.cases.models import CaseState
from netra.cases.services.subjects import subject_add, subject_update
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW, classify_subjects
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError

pytestmark = pytest.mark.django_db
SUMMARY = "Terlapor terbukti membagikan konten kampanye pasangan calon di media sosial."


def move(case, user, name, **payload):
    return case_transition(
        case_id=case.pk, user=user, name=name, payload=payload, now=NOW + dt.timedelta(hours=5)
    )


def decided(world):
    u, case = world["users"], world["case"]
    case = move(case, u["bpp_officer"], "register")
    case = move(case, u["bpp_officer"], "start_study")
    return move(case, u["bpp_head"], "decide", outcome="terbukti", decided_on="2024-10-11")


def test_employer_of_a_unit_of_a_regional_government(case_world):
    pemkot = case_world["agencies"]["pemkot"]  # "Pemerintah Kota Balikpapan", region 64.71
    assert employer_for_unit(name="Pemerintah Kota Balikpapan") == pemkot
    assert employer_for_unit(name="Pemkot Balikpapan") == pemkot
    # A unit names its government: Kota Balikpapan is region 64.71, whose one instansi is Pemkot.
    assert employer_for_unit(name="Dinas Pendidikan Kota Balikpapan") == pemkot
    assert employer_for_unit(name="SMP Negeri 2 Kota Balikpapan, Dinas Pendidikan") == pemkot
    # Nothing is guessed: no region named, or a region without a known instansi.
    assert employer_for_unit(name="Kelurahan Manggar") is None
    assert employer_for_unit(name="Dinas Pendidikan Kabupaten Purbalingga") is None
    assert employer_for_unit(name="") is None


def test_a_unit_typed_by_the_officer_reaches_its_ppk_through_the_whole_chain(case_world):
    u, a = case_world["users"], case_world["agencies"]
    case = case_world["case"]
    subject = subject_add(
        case_id=case.pk,
        user=u["bpp_officer"],
        data={"name": "Kepala Bidang SD", "agency_name": "Dinas Pendidikan Kota Balikpapan"},
    )
    assert subject.agency == a["pemkot"]
    assert subject.agency_name == "Dinas Pendidikan Kota Balikpapan"  # what the officer typed stays
    case = decided(case_world)
    with pytest.raises(ConflictError) as refused:
        move(
            case,
            u["bpp_head"],
            "forward",
            destination="oversight_body",
            recipient_id=a["bkn"].pk,
            forwarding_summary=SUMMARY,
        )
    assert refused.value.code == "subjects_incomplete"
    assert "Kepala Bidang SD: perbuatan belum diklasifikasikan" in refused.value.message
    case = classify_subjects(case, u["bpp_officer"])
    case = move(
        case,
        u["bpp_head"],
        "forward",
        destination="oversight_body",
        recipient_id=a["bkn"].pk,
        forwarding_summary=SUMMARY,
    )
    case = move(case, u["bkn_officer"], "examine")
    recs = [
        {"subject_id": s.pk, "level": "moral", "legal_basis": "PP 42/2004 Pasal 15"}
        for s in case.subjects.all()
    ]
    case = move(case, u["bkn_officer"], "recommend", recommendations=recs)
    assert case.state == CaseState.RECOMMENDED
    assert {r.addressed_to for s in case.subjects.all() for r in s.recommendations.all()} == {a["pemkot"]}


def test_forwarding_waits_for_the_ppk_and_the_stage_owner_fills_it_in(case_world):
    u, a = case_world["users"], case_world["agencies"]
    case = case_world["case"]
    subject = subject_add(
        case_id=case.pk,
        user=u["bpp_officer"],
        data={"name": "Staf Kelurahan", "agency_name": "Kelurahan Manggar"},
    )
    assert subject.agency is None
    case = classify_subjects(decided(case_world), u["bpp_officer"])
    with pytest.raises(ConflictError) as refused:
        move(
            case,
            u["bpp_head"],
            "forward",
            destination="oversight_body",
            recipient_id=a["bkn"].pk,
            forwarding_summary=SUMMARY,
        )
    assert "Staf Kelurahan: instansi (PPK) belum dipilih" in refused.value.message
    # Another office does not even find the case; the oversight body may not edit Bawaslu's stage.
    with pytest.raises(NotFoundError):
        subject_update(case_id=case.pk, subject_id=subject.pk, user=u["pbg_head"], data={"position": "x"})
    updated = subject_update(
        case_id=case.pk,
        subject_id=subject.pk,
        user=u["bpp_officer"],
        data={"agency_name": "Kelurahan Manggar, Pemerintah Kota Balikpapan", "position": "Staf pelayanan"},
    )
    assert updated.agency == a["pemkot"]
    assert updated.position == "Staf pelayanan"
    entry = AuditLogEntry.objects.filter(action="case.subject_update").latest("seq")
    assert entry.before["agency_id"] is None
    assert entry.after["agency_id"] == a["pemkot"].pk
    case = move(
        case,
        u["bpp_head"],
        "forward",
        destination="oversight_body",
        recipient_id=a["bkn"].pk,
        forwarding_summary=SUMMARY,
    )
    assert case.state == CaseState.FORWARDED
    with pytest.raises(PermissionDeniedError):  # now the oversight body's stage, not Bawaslu's
        subject_update(case_id=case.pk, subject_id=subject.pk, user=u["bpp_officer"], data={"position": "y"})


def test_subject_update_refuses_null_and_unknown_fields(case_world):
    u, case = case_world["users"], case_world["case"]
    subject = case.subjects.get()
    from netra.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError) as null:
        subject_update(case_id=case.pk, subject_id=subject.pk, user=u["bpp_officer"], data={"name": None})
    assert null.value.extra == {"field": "name"}
    with pytest.raises(ApplicationError):
        subject_update(case_id=case.pk, subject_id=subject.pk, user=u["bpp_officer"], data={"case": 1})


def test_a_late_or_incomplete_report_is_registered_only_with_a_recorded_reason(case_world):
    """Issue 15 item 5: "terlambat, kurang 4" was registered in one click, without a word."""
    from django.test import Client

    from netra.cases.models import CaseReport
    from netra.cases.tests.fixtures import make_submission
    from netra.intake.submission import report_submit

    u = case_world["users"]
    # Known 1 Oct, filed 10 Oct: past the 7-day Pilkada window; no statement of truth, no evidence.
    late = report_submit(
        submission=make_submission(
            known_date=dt.date(2024, 10, 1),
            incident_date=dt.date(2024, 10, 1),
            statement_of_truth=False,
            links=[],
        ),
        now=NOW,
    ).report
    from netra.cases.services.opening import case_open_for_report

    case_open_for_report(report=late, now=NOW)
    case = CaseReport.objects.get(report=late).case
    assert late.is_timely is False
    assert late.missing
    page = Client()
    page.force_login(u["bpp_officer"])
    html = page.get(f"/kasus/{case.pk}/").content.decode()
    assert 'data-testid="concerns-register"' in html
    assert "melewati batas waktu" in html
    with pytest.raises(ApplicationError) as refused:
        move(case, u["bpp_officer"], "register")
    assert refused.value.extra == {"field": "reason"}
    assert "melewati batas waktu" in refused.value.message
    reason = "Diregistrasi sebagai temuan pengawas: bukti kuat dan kejadian masih berlangsung."
    case = move(case, u["bpp_officer"], "register", reason=reason)
    assert case.state == CaseState.REGISTERED
    event = case.events.filter(kind="tahap").last()
    assert reason in event.text
    assert event.data["despite"]
    assert (
        AuditLogEntry.objects.filter(action="case.register", object_id=str(case.pk))
        .latest("seq")
        .after["despite"]
    )
    # Forwarding a case with no evidence at all needs its reason too.
    case = move(case, u["bpp_officer"], "start_study")
    case = move(case, u["bpp_head"], "decide", outcome="terbukti", decided_on="2024-10-11")
    case = classify_subjects(case, u["bpp_officer"])
    forward = {
        "destination": "oversight_body",
        "recipient_id": case_world["agencies"]["bkn"].pk,
        "forwarding_summary": SUMMARY,
    }
    with pytest.raises(ApplicationError) as no_evidence:
        move(case, u["bpp_head"], "forward", **forward)
    assert "belum ada bukti" in no_evidence.value.message
    case = move(
        case,
        u["bpp_head"],
        "forward",
        reason="Bukti video diserahkan langsung dan disimpan di kantor.",
        **forward,
    )
    assert case.state == CaseState.FORWARDED


def test_a_refused_form_keeps_what_was_typed_and_stays_open(case_world):
    """Issue 15 item 12: an invalid NIP cleared the form and closed its section."""
    from django.test import Client

    u, case = case_world["users"], case_world["case"]
    page = Client()
    page.force_login(u["bpp_officer"])
    response = page.post(
        f"/kasus/{case.pk}/terlapor/",
        {
            "version": case.version,
            "name": "Kepala Seksi Pemerintahan",
            "nip": "12345",
            "position": "Kasi Pemerintahan",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Kepala Seksi Pemerintahan"' in html
    assert 'value="Kasi Pemerintahan"' in html
    assert "NIP harus 18 angka." in html
    assert "<details open><summary>Tambah terlapor" in html
    assert case.subjects.count() == 1  # nothing was added


def test_final_moves_need_a_confirmation_in_the_interface(case_world):
    """Issue 15 item 14: "Tidak diregistrasi" looked like any other step."""
    from django.test import Client

    u, case = case_world["users"], case_world["case"]
    page = Client()
    page.force_login(u["bpp_officer"])
    html = page.get(f"/kasus/{case.pk}/").content.decode()
    assert 'data-testid="confirm-not_register"' in html
    assert 'data-testid="confirm-register"' not in html
    response = page.post(
        f"/kasus/{case.pk}/langkah/not_register/", {"version": case.version, "reason": "Tidak lengkap"}
    )
    assert response.status_code == 400
    assert "Centang konfirmasi" in response.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.INITIAL_REVIEW
    page.post(
        f"/kasus/{case.pk}/langkah/not_register/",
        {"version": case.version, "reason": "Tidak lengkap", "confirm": "on"},
    )
    case.refresh_from_db()
    assert case.state == CaseState.STOPPED


def test_a_report_without_an_incident_date_still_gets_its_kajian_awal_clock(case_world):
    """Issue 15 item 20: no incident date meant no election, so no clock and never "due soon"."""
    from netra.cases.models import CaseReport
    from netra.cases.services.opening import case_open_for_report
    from netra.cases.tests.fixtures import make_submission
    from netra.clocks.models import DeadlineKind
    from netra.intake.submission import report_submit

    report = report_submit(submission=make_submission(incident_date=None), now=NOW).report
    assert report.election is not None  # the Pilkada running when it became known (8 Oct 2024)
    case_open_for_report(report=report, now=NOW)
    case = CaseReport.objects.get(report=report).case
    assert case.deadlines.filter(kind=DeadlineKind.INITIAL_REVIEW).exists()


@pytest.mark.parametrize(
    ("target", "level"),
    [
        # 5 Nov 2023: after the DCT (3 Nov) → discipline; before the pairs' determination (13 Nov) → ethics.
        ("party", "disiplin"),
        ("presiden", "etik"),
        # No race recorded → the election-wide date (13 Nov 2023) → ethics, and the note says so.
        (None, "etik"),
    ],
)
def test_classification_uses_the_determination_date_of_the_case_target_race(case_world, target, level):
    from netra.cases.models import Case
    from netra.cases.services.subjects import subject_classify
    from netra.elections.models import Contestant, Party
    from netra.elections.selectors import election_get

    pemilu = election_get(code="pemilu-2024")
    case = case_world["case"]
    pair = Contestant.objects.get(election=pemilu, ballot_number=1) if target == "presiden" else None
    party = Party.objects.get(code="pkb") if target == "party" else None
    # Test setup: the same case, about Pemilu 2024 (a party alone stands for its DPR/DPRD lists).
    Case.objects.filter(pk=case.pk).update(
        election=pemilu, incident_date=dt.date(2023, 11, 5), target_contestant=pair, target_party=party
    )
    subject = case.subjects.get()
    subject_classify(
        case_id=case.pk,
        subject_id=subject.pk,
        user=case_world["users"]["bpp_officer"],
        conduct_code="medsos-interaksi",
    )
    subject.refresh_from_db()
    assert subject.level == level
    assert ("belum dicatat" in subject.classification_note) == (target is None)


def test_classification_note_suggests_gakkumdu_with_the_article(case_world):
    # Pilkada 2024, a lurah (PNS) who made a decision favouring a pair: UU 10/2016 Pasal 71(1) jo. 188.
    # A suggestion only: the case stays with Bawaslu, nothing is routed.
    from netra.cases.services.subjects import subject_classify

    case = case_world["case"]
    subject = case.subjects.get()
    state = case.state
    subject_classify(
        case_id=case.pk,
        subject_id=subject.pk,
        user=case_world["users"]["bpp_officer"],
        conduct_code="keputusan-menguntungkan",
    )
    subject.refresh_from_db()
    case.refresh_from_db()
    assert "juga dapat diteruskan ke Sentra Gakkumdu (1×24 jam)" in subject.classification_note
    assert "Pasal 188" in subject.classification_note
    assert case.state == state


def test_a_lurah_recorded_as_kepala_desa_is_added_with_a_warning(case_world):
    """Issue 10 item 6: UU 10/2016 Pasal 71(1) names "kepala desa … /lurah" together, but a lurah is an
    ASN (routed to the oversight body, sanctioned by the PPK); the page warns without blocking."""
    from django.test import Client

    u, case = case_world["users"], case_world["case"]
    page = Client()
    page.force_login(u["bpp_officer"])
    response = page.post(
        f"/kasus/{case.pk}/terlapor/",
        {
            "version": case.version,
            "name": "Budi",
            "position": "Lurah Damai",
            "employment_type": "kepala_desa",
        },
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Terlapor ditambahkan." in html
    assert "adalah jabatan ASN" in html
    assert case.subjects.count() == 2  # added all the same: the officer decides
