"""Terlapor records in a case (issue 15 item 1): the PPK resolved from what officers type, the stage
owner corrects a terlapor, and an ASN case does not leave Bawaslu while a terlapor's PPK or
classification is unknown."""

import datetime as dt

import pytest

from netra.agencies.selectors import employer_for_unit
from netra.audit.models import AuditLogEntry
from netra.cases.models import CaseState
from netra.cases.services.cases import case_transition, subject_add, subject_update
from netra.cases.tests.fixtures import NOW, classify_subjects
from netra.core.exceptions import ConflictError, NotFoundError, PermissionDeniedError

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
