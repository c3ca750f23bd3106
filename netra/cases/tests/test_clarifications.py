"""Clarification sessions: summons PDFs, re-summons, absences, the request to present a subject, stats."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from netra.audit.models import AuditLogEntry
from netra.cases.models import Case, Clarification, Document, DocumentKind
from netra.cases.selectors.clarifications import clarification_stats
from netra.cases.services.clarifications import (
    clarification_cancel,
    clarification_record,
    clarification_request_presentation,
    clarification_reschedule,
    clarification_schedule,
)
from netra.cases.services.transitions import case_transition
from netra.cases.tests.factories import ClarificationFactory
from netra.cases.tests.fixtures import NOW, WITA, days
from netra.cases.tests.test_documents import REPORTER, committed, flat, pdf_text
from netra.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from netra.intake.models import Message

SESSION = dt.datetime(2024, 10, 14, 9, 0, tzinfo=WITA)
PLACE = "Kantor Bawaslu Kota Balikpapan, Jl. Jenderal Sudirman"


def in_clarification(world) -> Case:
    u = world["users"]
    case = world["case"]
    for name in ("register", "start_clarification"):
        case = case_transition(case_id=case.pk, user=u["bpp_officer"], name=name, now=NOW)
    return case


def summon_subject(world, case, n=0, **kwargs):
    """Summon the terlapor n days after Monday 14 Oct 2024 09.00 WITA, as seen on Thu 10 Oct (NOW)."""
    with committed():
        return clarification_schedule(
            case_id=case.pk,
            user=world["users"]["bpp_officer"],
            role="terlapor",
            subject_id=case.subjects.get().pk,
            scheduled_at=SESSION + days(n),
            place=PLACE,
            now=kwargs.pop("now", NOW),
            **kwargs,
        )


def summon_ahead(world, case):
    """A witness summoned a week ahead of the real clock (confirmed whatever day that is): for tests whose
    other letters are dated by the real clock."""
    from django.utils import timezone

    with committed():
        return clarification_schedule(
            case_id=case.pk,
            user=world["users"]["bpp_officer"],
            role="saksi",
            invitee_name="Rina Wati",
            scheduled_at=timezone.now() + days(7),
            place=PLACE,
            confirm_non_working_day=True,
        )


def after(c) -> dt.datetime:
    """Two hours after the session began: when its outcome can be recorded."""
    return c.scheduled_at + dt.timedelta(hours=2)


def absent(world, case, c, reason="Sedang dinas luar"):
    return clarification_record(
        case_id=case.pk,
        clarification_id=c.pk,
        user=world["users"]["bpp_officer"],
        attendance="tidak_hadir",
        absence_reason=reason,
        now=after(c),
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
            now=NOW,
        )


@pytest.mark.django_db
def test_reporter_is_summoned_as_pelapor_only(case_world):
    case = in_clarification(case_world)
    with committed():
        c = clarification_schedule(
            case_id=case.pk,
            user=case_world["users"]["bpp_officer"],
            role="pelapor",
            invitee_name=REPORTER,  # ignored: the name is never written
            scheduled_at=SESSION,
            place=PLACE,
            now=NOW,
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
        now=NOW,
    )
    assert witness.attempt == 1  # another invitee starts at 1
    with pytest.raises(ConflictError):  # a recorded outcome is not rewritten
        clarification_record(
            case_id=case.pk,
            clarification_id=first.pk,
            user=case_world["users"]["bpp_officer"],
            attendance="hadir",
            now=after(first),
        )


@pytest.mark.django_db
def test_presentation_request_refused_before_two_absences_and_made_after(case_world):
    case = in_clarification(case_world)
    u = case_world["users"]
    subject = case.subjects.get()
    request = dict(case_id=case.pk, user=u["bpp_officer"], subject_id=subject.pk, place=PLACE, now=NOW)
    first = summon_subject(case_world, case)
    absent(case_world, case, first, "Tanpa keterangan")
    with pytest.raises(ConflictError) as err:
        clarification_request_presentation(scheduled_at=SESSION + days(3), **request)
    assert err.value.code == "not_enough_absences"
    second = summon_subject(case_world, case, 2)
    absent(case_world, case, second, "Mengaku sakit tanpa surat dokter")
    with committed():
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
    c.summons.refresh_from_db()  # its PDF was stored after the commit
    with c.summons.file.open("rb") as handle:  # any real PDF stands in for the signed BAP scan
        pdf = handle.read()
    c = clarification_record(
        case_id=case.pk,
        clarification_id=c.pk,
        user=case_world["users"]["bpp_officer"],
        attendance="hadir",
        minutes_file=SimpleUploadedFile("bap.pdf", pdf),
        now=after(c),
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
        case_id=case.pk,
        clarification_id=second.pk,
        user=u["bpp_officer"],
        attendance="hadir",
        now=after(second),
    )
    witness = clarification_schedule(
        case_id=case.pk,
        user=u["bpp_officer"],
        role="saksi",
        invitee_name="Rina Wati",
        scheduled_at=SESSION,
        place=PLACE,
        now=NOW,
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

    case = case_world["case"]
    absent = {"attendance": "tidak_hadir", "absence_reason": "Tanpa keterangan"}
    ClarificationFactory(case=case, subject=None, invitee_name="Lurah Manggar", **absent)
    ClarificationFactory(case=case, subject=None, role="saksi", invitee_name="Rina", attendance="hadir")
    client = Client()
    client.force_login(case_world["users"]["bpp_viewer"])
    html = client.get("/kasus/").content.decode()
    assert "2 panggilan: 1 hadir, 1 tidak hadir." in html
    assert "Tingkat ketidakhadiran 50%." in html


# --- Issue 15 item 4: what a clarification must refuse or warn about ---------------------------------


@pytest.mark.django_db
def test_a_summons_for_a_past_hour_is_refused_without_a_letter(case_world):
    case = in_clarification(case_world)
    letters_before = Document.objects.filter(case=case).count()
    with pytest.raises(ApplicationError) as err:
        summon_subject(case_world, case, now=SESSION + dt.timedelta(minutes=1))
    assert err.value.extra["field"] == "scheduled_at"
    assert "sudah lewat" in err.value.message
    assert Document.objects.filter(case=case).count() == letters_before
    assert not Clarification.objects.filter(case=case).exists()
    # The same for the request to the PPK and for a moved session.
    first = summon_subject(case_world, case)
    with pytest.raises(ApplicationError) as err:
        clarification_reschedule(
            case_id=case.pk,
            clarification_id=first.pk,
            user=case_world["users"]["bpp_officer"],
            scheduled_at=NOW - dt.timedelta(hours=1),
            now=NOW,
        )
    assert err.value.extra["field"] == "scheduled_at"


@pytest.mark.django_db
def test_a_sunday_needs_the_officers_confirmation_which_is_kept(case_world):
    case = in_clarification(case_world)
    sunday = dt.datetime(2024, 10, 13, 9, 0, tzinfo=WITA)
    with pytest.raises(ConflictError) as err:
        clarification_schedule(
            case_id=case.pk,
            user=case_world["users"]["bpp_officer"],
            role="saksi",
            invitee_name="Rina Wati",
            scheduled_at=sunday,
            place=PLACE,
            now=NOW,
        )
    assert err.value.code == "non_working_day"
    assert err.value.extra["field"] == "scheduled_at"
    assert "Minggu, 13 Oktober 2024 bukan hari kerja Bawaslu" in err.value.message
    assert "akhir pekan" in err.value.message
    assert not Clarification.objects.filter(case=case).exists()
    c = clarification_schedule(
        case_id=case.pk,
        user=case_world["users"]["bpp_officer"],
        role="saksi",
        invitee_name="Rina Wati",
        scheduled_at=sunday,
        place=PLACE,
        confirm_non_working_day=True,
        now=NOW,
    )
    assert "Minggu, 13 Oktober 2024" in c.schedule_warning
    event = case.events.filter(kind="klarifikasi").latest("id")
    assert "Dikonfirmasi walaupun: Minggu, 13 Oktober 2024" in event.text


@pytest.mark.django_db
def test_a_holiday_of_the_offices_own_calendar_is_warned_about(case_world):
    from netra.clocks.models import Holiday
    from netra.core.cache import clear_all
    from netra.regions.models import Region

    Holiday.objects.create(
        date=dt.date(2024, 10, 15),
        name="Hari Jadi Kota Balikpapan (uji)",
        kind=Holiday.Kind.REGIONAL,
        region=Region.objects.get(code="64.71"),
    )
    clear_all()
    case = in_clarification(case_world)
    with pytest.raises(ConflictError) as err:
        summon_subject(case_world, case, 1)  # Tuesday 15 October 2024
    assert "Hari Jadi Kota Balikpapan (uji)" in err.value.message
    c = summon_subject(case_world, case, 1, confirm_non_working_day=True)
    assert "Selasa, 15 Oktober 2024" in c.schedule_warning
    assert c.attempt == 1


@pytest.mark.django_db
def test_a_new_summons_waits_for_the_earlier_one_and_counts_only_unheeded_ones(case_world):
    case = in_clarification(case_world)
    u = case_world["users"]
    first = summon_subject(case_world, case)
    with pytest.raises(ConflictError) as err:
        summon_subject(case_world, case, 2)
    assert err.value.code == "pending_session"
    assert "belum dicatat" in err.value.message
    clarification_cancel(
        case_id=case.pk, clarification_id=first.pk, user=u["bpp_officer"], reason="Salah tanggal", now=NOW
    )
    again = summon_subject(case_world, case, 2)
    assert again.attempt == 1  # the cancelled summons never happened
    absent(case_world, case, again)
    third = summon_subject(case_world, case, 3)
    assert third.attempt == 2
    clarification_record(
        case_id=case.pk,
        clarification_id=third.pk,
        user=u["bpp_officer"],
        attendance="hadir",
        now=after(third),
    )
    follow_up = summon_subject(case_world, case, 4)
    assert follow_up.attempt == 1  # they came: a further session is not a re-summons
    witness = dict(case_id=case.pk, user=u["bpp_officer"], role="saksi", place=PLACE, now=NOW)
    clarification_schedule(invitee_name="Rina Wati", scheduled_at=SESSION, **witness)
    with pytest.raises(ConflictError):  # the same witness, however the name is typed
        clarification_schedule(invitee_name="  rina  WATI ", scheduled_at=SESSION + days(1), **witness)


@pytest.mark.django_db
def test_attendance_is_not_recorded_before_the_session(case_world):
    case = in_clarification(case_world)
    c = summon_subject(case_world, case)
    for attendance in ("hadir", "tidak_hadir"):
        with pytest.raises(ConflictError) as err:
            clarification_record(
                case_id=case.pk,
                clarification_id=c.pk,
                user=case_world["users"]["bpp_officer"],
                attendance=attendance,
                now=SESSION - dt.timedelta(minutes=1),
            )
        assert err.value.code == "before_session"
        assert "Senin, 14 Oktober 2024 pukul 09.00 WITA" in err.value.message
    c.refresh_from_db()
    assert c.attendance == "dijadwalkan"
    with pytest.raises(ApplicationError):  # calling off goes through clarification_cancel, with a reason
        clarification_record(
            case_id=case.pk,
            clarification_id=c.pk,
            user=case_world["users"]["bpp_officer"],
            attendance="dibatalkan",
            now=after(c),
        )
    assert absent(case_world, case, c).attendance == "tidak_hadir"


@pytest.mark.django_db
def test_cancel_needs_a_reason_is_audited_and_tells_a_summoned_reporter(case_world):
    case = in_clarification(case_world)
    u = case_world["users"]
    c = clarification_schedule(
        case_id=case.pk, user=u["bpp_officer"], role="pelapor", scheduled_at=SESSION, place=PLACE, now=NOW
    )
    with pytest.raises(ApplicationError) as err:
        clarification_cancel(case_id=case.pk, clarification_id=c.pk, user=u["bpp_officer"], reason=" ")
    assert err.value.extra["field"] == "reason"
    with pytest.raises(PermissionDeniedError):
        clarification_cancel(case_id=case.pk, clarification_id=c.pk, user=u["bpp_viewer"], reason="x")
    c = clarification_cancel(
        case_id=case.pk, clarification_id=c.pk, user=u["bpp_officer"], reason="Pelapor meminta hari lain"
    )
    assert (c.attendance, c.change_reason) == ("dibatalkan", "Pelapor meminta hari lain")
    entry = AuditLogEntry.objects.get(action="case.clarification_cancel")
    assert entry.after["reason"] == "Pelapor meminta hari lain"
    event = case.events.filter(kind="klarifikasi").latest("id")
    assert "dibatalkan. Alasan: Pelapor meminta hari lain" in event.text
    assert Message.objects.filter(report=case_world["report"], body__contains="dibatalkan").exists()
    assert clarification_stats(Case.objects.filter(pk=case.pk))["scheduled"] == 0
    with pytest.raises(ConflictError):  # only a pending session can be called off
        clarification_cancel(case_id=case.pk, clarification_id=c.pk, user=u["bpp_officer"], reason="lagi")


@pytest.mark.django_db
def test_reschedule_issues_a_new_numbered_summons_replacing_the_old(case_world):
    case = in_clarification(case_world)
    u = case_world["users"]
    first = summon_subject(case_world, case)
    absent(case_world, case, first)
    old = summon_subject(case_world, case, 1)
    with committed():
        new = clarification_reschedule(
            case_id=case.pk,
            clarification_id=old.pk,
            user=u["bpp_officer"],
            scheduled_at=SESSION + days(2),
            reason="Terlapor dinas luar, mohon hari lain",
            now=NOW,
        )
    old.refresh_from_db()
    assert old.attendance == "dijadwalkan_ulang"
    assert old.replaced_by == new
    assert old.change_reason == "Terlapor dinas luar, mohon hari lain"
    assert (new.attempt, new.place, new.attendance) == (2, PLACE, "dijadwalkan")
    assert new.summons.kind == DocumentKind.SUMMONS
    assert new.summons.number != old.summons.number
    assert new.summons.number.split("/")[1:] == old.summons.number.split("/")[1:]  # numbered like the first
    text = flat(pdf_text(new.summons))
    assert "Rabu, 16 Oktober 2024 pukul 09.00 WITA" in text
    assert f"menggantikanundangannomor{old.summons.number}" in text.replace(" ", "")  # numbers may wrap
    assert "perubahan jadwal" in text
    event = case.events.filter(kind="klarifikasi").latest("id")
    assert "dipindah dari Selasa, 15 Oktober 2024 pukul 09.00 WITA ke Rabu, 16 Oktober 2024" in event.text
    assert AuditLogEntry.objects.filter(action="case.clarification_reschedule").exists()
    with pytest.raises(ConflictError):  # a moved session is no longer pending
        clarification_cancel(case_id=case.pk, clarification_id=old.pk, user=u["bpp_officer"], reason="x")
    # The moved session did not happen: stats count the absence and the new pending session only.
    stats = clarification_stats(Case.objects.filter(pk=case.pk))
    assert (stats["scheduled"], stats["absent"], stats["pending"]) == (2, 1, 1)


@pytest.mark.django_db
def test_case_page_forms_refuse_warn_cancel_and_reschedule(case_world):
    from django.test import Client
    from django.utils import timezone

    case = in_clarification(case_world)
    client = Client()
    client.force_login(case_world["users"]["bpp_officer"])
    url = f"/kasus/{case.pk}/klarifikasi/"
    form = {"role": "saksi", "invitee_name": "Rina Wati", "place": PLACE}
    # A past hour: the form comes back as typed, with the reason on the time field.
    response = client.post(url, {**form, "scheduled_at": "2024-10-14T09:00"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Jadwal klarifikasi sudah lewat" in html
    assert 'value="2024-10-14T09:00" aria-invalid="true"' in html
    assert 'value="Rina Wati"' in html
    # A Sunday ahead of the real clock: warned, then scheduled once confirmed, and the warning is shown.
    today = timezone.localdate()
    sunday = today + dt.timedelta(days=7 + (6 - today.weekday()))
    when = f"{sunday.isoformat()}T09:00"
    response = client.post(url, {**form, "scheduled_at": when})
    assert response.status_code == 409
    assert "bukan hari kerja Bawaslu Kota Balikpapan" in response.content.decode()  # a weekend, or a holiday
    response = client.post(url, {**form, "scheduled_at": when, "confirm_non_working_day": "on"})
    assert response.status_code == 302
    c = Clarification.objects.get(case=case)
    page = client.get(f"/kasus/{case.pk}/").content.decode()
    assert f'data-testid="schedule-warning-{c.pk}"' in page
    assert f'data-testid="form-clar-cancel-{c.pk}"' in page
    # Moved to the Monday after (confirmed, should it be a holiday), then called off with a reason.
    monday = f"{(sunday + dt.timedelta(days=1)).isoformat()}T10:00"
    response = client.post(
        f"/kasus/{case.pk}/klarifikasi/{c.pk}/jadwal-ulang/",
        {"scheduled_at": monday, "place": PLACE, "confirm_non_working_day": "on"},
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.attendance == "dijadwalkan_ulang"
    response = client.post(f"/kasus/{case.pk}/klarifikasi/{c.replaced_by_id}/batal/", {"reason": ""})
    assert response.status_code == 400
    assert "Alasan pembatalan wajib diisi." in response.content.decode()
    response = client.post(
        f"/kasus/{case.pk}/klarifikasi/{c.replaced_by_id}/batal/", {"reason": "Saksi berhalangan"}
    )
    assert response.status_code == 302
    assert Clarification.objects.get(pk=c.replaced_by_id).attendance == "dibatalkan"
