"""Clarification sessions: summons PDFs, re-summons, absences, the request to present a subject, stats."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from netra.audit.models import AuditLogEntry
from netra.cases.models import Case, DocumentKind
from netra.cases.selectors.clarifications import clarification_stats
from netra.cases.services.cases import case_transition
from netra.cases.services.clarifications import (
    clarification_record,
    clarification_request_presentation,
    clarification_schedule,
)
from netra.cases.tests.fixtures import NOW, WITA, days
from netra.cases.tests.test_documents import REPORTER, flat, pdf_text
from netra.core.exceptions import ConflictError, PermissionDeniedError
from netra.intake.models import Message

SESSION = dt.datetime(2024, 10, 14, 9, 0, tzinfo=WITA)
PLACE = "Kantor Bawaslu Kota Balikpapan, Jl. Jenderal Sudirman"


def in_clarification(world) -> Case:
    u = world["users"]
    case = world["case"]
    for name in ("register", "start_clarification"):
        case = case_transition(case_id=case.pk, user=u["bpp_officer"], name=name, now=NOW)
    return case


def summon_subject(world, case, n=0):
    return clarification_schedule(
        case_id=case.pk,
        user=world["users"]["bpp_officer"],
        role="terlapor",
        subject_id=case.subjects.get().pk,
        scheduled_at=SESSION + days(n),
        place=PLACE,
    )


def absent(world, case, c, reason="Sedang dinas luar"):
    return clarification_record(
        case_id=case.pk,
        clarification_id=c.pk,
        user=world["users"]["bpp_officer"],
        attendance="tidak_hadir",
        absence_reason=reason,
    )


@pytest.mark.django_db
def test_summons_is_a_pdf_with_the_subject_time_and_number(case_world):
    case = in_clarification(case_world)
    c = summon_subject(case_world, case)
    assert c.attempt == 1
    assert c.summons.kind == DocumentKind.SUMMONS
    text = flat(pdf_text(c.summons))
    assert c.summons.number in text
    assert "Lurah Manggar" in text
    assert "Senin, 14 Oktober 2024 pukul 09.00 WITA" in text
    assert "Ketua Bawaslu" in text
    assert AuditLogEntry.objects.filter(action="case.clarification_schedule").exists()


@pytest.mark.django_db
def test_summons_only_in_the_clarification_stage_and_only_by_bawaslu(case_world):
    case = case_world["case"]
    with pytest.raises(ConflictError):
        summon_subject(case_world, case)
    case = in_clarification(case_world)
    with pytest.raises(PermissionDeniedError):
        clarification_schedule(
            case_id=case.pk,
            user=case_world["users"]["bpp_viewer"],
            role="saksi",
            invitee_name="Rina Wati",
            scheduled_at=SESSION,
            place=PLACE,
        )


@pytest.mark.django_db
def test_reporter_is_summoned_as_pelapor_only(case_world):
    case = in_clarification(case_world)
    c = clarification_schedule(
        case_id=case.pk,
        user=case_world["users"]["bpp_officer"],
        role="pelapor",
        invitee_name=REPORTER,  # ignored: the name is never written
        scheduled_at=SESSION,
        place=PLACE,
    )
    assert c.invitee_name == "Pelapor"
    text = pdf_text(c.summons)
    assert REPORTER not in text
    assert "Budi" not in text
    assert case_world["report"].reference in flat(text)
    assert Message.objects.filter(report=case_world["report"], body__contains=c.summons.number).exists()


@pytest.mark.django_db
def test_re_summons_increments_the_attempt(case_world):
    case = in_clarification(case_world)
    first = summon_subject(case_world, case)
    absent(case_world, case, first)
    second = summon_subject(case_world, case, 2)
    assert second.attempt == 2
    assert "panggilan ke-2" in flat(pdf_text(second.summons)).lower()
    assert second.summons.number != first.summons.number
    witness = clarification_schedule(
        case_id=case.pk,
        user=case_world["users"]["bpp_officer"],
        role="saksi",
        invitee_name="Rina Wati",
        scheduled_at=SESSION,
        place=PLACE,
    )
    assert witness.attempt == 1  # another invitee starts at 1
    with pytest.raises(ConflictError):  # a recorded outcome is not rewritten
        clarification_record(
            case_id=case.pk,
            clarification_id=first.pk,
            user=case_world["users"]["bpp_officer"],
            attendance="hadir",
        )


@pytest.mark.django_db
def test_presentation_request_refused_before_two_absences_and_made_after(case_world):
    case = in_clarification(case_world)
    u = case_world["users"]
    subject = case.subjects.get()
    request = dict(case_id=case.pk, user=u["bpp_officer"], subject_id=subject.pk, place=PLACE)
    first = summon_subject(case_world, case)
    absent(case_world, case, first, "Tanpa keterangan")
    with pytest.raises(ConflictError) as err:
        clarification_request_presentation(scheduled_at=SESSION + days(3), **request)
    assert err.value.code == "not_enough_absences"
    second = summon_subject(case_world, case, 2)
    absent(case_world, case, second, "Mengaku sakit tanpa surat dokter")
    c = clarification_request_presentation(scheduled_at=SESSION + days(4), **request)
    assert c.attempt == 3
    assert c.presentation_request is not None
    letter = c.presentation_request
    assert letter.kind == DocumentKind.PRESENTATION_REQUEST
    assert f"agency:{case_world['agencies']['pemkot'].pk}" in letter.audience
    text = flat(pdf_text(letter))
    assert "Pemerintah Kota Balikpapan" in text
    assert "Lurah Manggar" in text
    assert "Mengaku sakit tanpa surat dokter" in text
    squeezed = text.replace(" ", "")  # numbers may wrap inside the table's cells
    assert first.summons.number in squeezed
    assert second.summons.number in squeezed
    assert AuditLogEntry.objects.filter(action="case.clarification_request_presentation").exists()


@pytest.mark.django_db
def test_minutes_upload_with_attendance(case_world):
    case = in_clarification(case_world)
    c = summon_subject(case_world, case)
    with c.summons.file.open("rb") as handle:  # any real PDF stands in for the signed BAP scan
        pdf = handle.read()
    c = clarification_record(
        case_id=case.pk,
        clarification_id=c.pk,
        user=case_world["users"]["bpp_officer"],
        attendance="hadir",
        minutes_file=SimpleUploadedFile("bap.pdf", pdf),
    )
    assert c.minutes.kind == DocumentKind.MINUTES
    assert c.minutes.generated is False
    assert c.minutes.sha256 != ""
    assert c.minutes.size == len(pdf)


@pytest.mark.django_db
def test_stats_count_non_attendance_by_role(case_world):
    case = in_clarification(case_world)
    u = case_world["users"]
    first = summon_subject(case_world, case)
    absent(case_world, case, first)
    second = summon_subject(case_world, case, 1)
    clarification_record(
        case_id=case.pk, clarification_id=second.pk, user=u["bpp_officer"], attendance="hadir"
    )
    witness = clarification_schedule(
        case_id=case.pk,
        user=u["bpp_officer"],
        role="saksi",
        invitee_name="Rina Wati",
        scheduled_at=SESSION,
        place=PLACE,
    )
    absent(case_world, case, witness, "Di luar kota")
    stats = clarification_stats(Case.objects.filter(pk=case.pk))
    assert (stats["scheduled"], stats["attended"], stats["absent"]) == (3, 1, 2)
    assert stats["by_role"]["terlapor"] == {
        "scheduled": 2,
        "attended": 1,
        "absent": 1,
        "pending": 0,
        "absence_rate": 0.5,
    }
    assert stats["by_role"]["saksi"]["absent"] == 1
    assert stats["absence_rate"] == round(2 / 3, 4)
    assert clarification_stats(Case.objects.none())["scheduled"] == 0


@pytest.mark.django_db
def test_non_attendance_shows_on_the_case_list(case_world):
    from django.test import Client

    from netra.cases.models import Clarification

    case = case_world["case"]
    Clarification.objects.create(
        case=case,
        role="terlapor",
        invitee_name="Lurah Manggar",
        scheduled_at=case.created_at,
        place="Kantor",
        attendance="tidak_hadir",
        absence_reason="Tanpa keterangan",
    )
    Clarification.objects.create(
        case=case,
        role="saksi",
        invitee_name="Rina",
        scheduled_at=case.created_at,
        place="Kantor",
        attendance="hadir",
    )
    client = Client()
    client.force_login(case_world["users"]["bpp_viewer"])
    html = client.get("/kasus/").content.decode()
    assert "2 panggilan: 1 hadir, 1 tidak hadir." in html
    assert "Tingkat ketidakhadiran 50%." in html
