"""Letters as real PDFs (text extracted with pypdf), their numbering, audiences and the status notice."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone
from pypdf import PdfReader

from netra.audit.models import AuditLogEntry
from netra.cases.models import CaseEvent, CaseState, Document, DocumentKind
from netra.cases.selectors.documents import document_list_visible
from netra.cases.services.documents import (
    document_generate,
    document_open,
    document_upload,
    status_notice_send,
)
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW, classify_subjects, days
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError
from netra.intake.models import Message

REPORTER = "Budi Santoso"


def committed():
    """Run what a service leaves for after its commit (a letter's PDF is rendered then), as the commit
    would: a test's own transaction never commits. Wrap the call that issues a letter in it."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def move(case, user, name, now=NOW, **payload):
    with committed():
        return case_transition(case_id=case.pk, user=user, name=name, payload=payload, now=now)


def pdf_text(document: Document) -> str:
    document.refresh_from_db()  # the PDF was stored after the commit, on the row
    with document.file.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def add_evidence(world):
    from weasyprint import HTML

    from netra.evidence.services import evidence_check, evidence_store

    pdf = HTML(string="<p>Tangkapan layar unggahan grup WhatsApp</p>").write_pdf()
    upload = SimpleUploadedFile("bukti.pdf", pdf, content_type="application/pdf")
    return evidence_store(
        report=world["report"], checked=evidence_check(uploaded_file=upload), uploaded_by="pelapor"
    )


def forwarded(world):
    u, a, case = world["users"], world["agencies"], world["case"]
    case = move(case, u["bpp_officer"], "register")
    case = move(case, u["bpp_officer"], "start_clarification")
    case = move(case, u["bpp_officer"], "start_study")
    case = move(case, u["bpp_head"], "decide", outcome="terbukti", decided_on="2024-10-11")
    case = classify_subjects(case, u["bpp_officer"])
    return move(
        case,
        u["bpp_head"],
        "forward",
        destination="oversight_body",
        recipient_id=a["bkn"].pk,
        forwarding_summary="Ringkasan petugas",
    )


def recommended(world):
    case = forwarded(world)
    u = world["users"]
    case = move(case, u["bkn_officer"], "examine", NOW + days(1))
    subject = case.subjects.get()
    return move(
        case,
        u["bkn_officer"],
        "recommend",
        NOW + days(2),
        recommendations=[
            {"subject_id": subject.pk, "level": "moral", "legal_basis": "PP 42/2004 Pasal 15 ayat (1)"}
        ],
    )


@pytest.mark.django_db
def test_forwarding_letter_is_issued_with_the_move_and_lists_evidence_hashes(case_world):
    evidence = add_evidence(case_world)
    case = forwarded(case_world)
    assert case.state == CaseState.FORWARDED
    letter = case.documents.get(kind=DocumentKind.FORWARDING)
    text = pdf_text(letter)
    joined = flat(text).replace(" ", "")
    assert letter.number.startswith("001/PM.00.02/64.71/")
    assert letter.number in flat(text)
    assert "BAWASLU KOTA BALIKPAPAN" in text.upper()
    assert "Ketua Bawaslu" in flat(text)
    assert "Lurah Manggar" in flat(text)
    assert evidence.sha256 in joined  # the hash may wrap across lines in the table
    assert "facebook.com/groups/warga/posts/123" in joined
    assert "Pasal 135" in flat(text)  # a Pilkada case: UU 1/2015 Pasal 135 (Pemilu: UU 7/2017 Pasal 455)
    assert REPORTER not in text
    assert "Budi" not in text
    assert "Pelapor" in text
    assert AuditLogEntry.objects.filter(action="case.document_generate", object_id=str(case.pk)).exists()
    assert case.events.filter(kind="dokumen", data__document_id=letter.pk).exists()
    # Dated in the issuing office's zone, in Indonesian.
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September"]
    months += ["Oktober", "November", "Desember"]
    assert f"{letter.dated.day} {months[letter.dated.month - 1]} {letter.dated.year}" in flat(text)
    # A second forwarding letter is refused (one number per letter).
    with pytest.raises(ConflictError):
        document_generate(case_id=case.pk, user=case_world["users"]["bpp_officer"], kind="penerusan")


@pytest.mark.django_db
def test_recommendation_letter_per_ppk_with_legal_basis_and_linked(case_world):
    case = recommended(case_world)
    rec = case.subjects.get().recommendations.get()
    assert rec.document is not None
    text = flat(pdf_text(rec.document))
    assert "PP 42/2004 Pasal 15 ayat (1)" in text
    assert "Pemerintah Kota Balikpapan" in text
    assert "Lurah Manggar" in text
    assert "Badan Kepegawaian Negara" in text
    assert REPORTER not in text
    assert rec.document.issued_by == case_world["agencies"]["bkn"]
    assert rec.document.number.startswith("001/KP.10.00/RI/")


@pytest.mark.django_db
def test_numbers_run_per_office_kind_and_year(case_world):
    from netra.cases.letters import letter_number

    a = case_world["agencies"]
    number = letter_number(agency=a["bpp"], kind="penerusan", seq=7, on=dt.date(2024, 10, 12))
    assert number == "007/PM.00.02/64.71/X/2024"


@pytest.mark.django_db
def test_audiences_employer_oversight_bawaslu(case_world):
    u = case_world["users"]
    case = recommended(case_world)
    with committed():
        status = status_notice_send(case_id=case.pk, user=u["bpp_officer"])
    forwarding = case.documents.get(kind=DocumentKind.FORWARDING)
    recommendation = case.documents.get(kind=DocumentKind.RECOMMENDATION)
    kinds = lambda user: {d.kind for d in document_list_visible(case=case, user=user)}  # noqa: E731
    assert kinds(u["bpp_viewer"]) == {"penerusan", "rekomendasi", "pemberitahuan_status"}
    assert kinds(u["bkn_viewer"]) == {"penerusan", "rekomendasi"}
    assert kinds(u["bkpsdm_officer"]) == {"rekomendasi"}
    # The employer cannot download the forwarding letter or the status notice; it can its recommendation.
    for doc in (forwarding, status):
        with pytest.raises(NotFoundError):
            document_open(case_id=case.pk, document_id=doc.pk, user=u["bkpsdm_officer"])
    with pytest.raises(NotFoundError):
        document_open(case_id=case.pk, document_id=status.pk, user=u["bkn_officer"])
    content, doc = document_open(case_id=case.pk, document_id=recommendation.pk, user=u["bkpsdm_officer"])
    assert content.startswith(b"%PDF")
    assert doc == recommendation
    assert CaseEvent.objects.filter(case=case, data__document_id=recommendation.pk, data__downloaded=True)


@pytest.mark.django_db
def test_status_notice_reaches_the_reporter_without_naming_them(case_world):
    u = case_world["users"]
    case = case_world["case"]
    with pytest.raises(ConflictError):  # no plenary decision yet
        status_notice_send(case_id=case.pk, user=u["bpp_officer"])
    case = move(case, u["bpp_officer"], "register")
    case = move(case, u["bpp_officer"], "start_study")
    case = move(case, u["bpp_head"], "decide", outcome="tidak_terbukti", decided_on="2024-10-11")
    case = move(case, u["bpp_head"], "stop")
    with committed():
        notice = status_notice_send(case_id=case.pk, user=u["bpp_officer"])
    text = flat(pdf_text(notice))
    assert notice.audience == ["bawaslu"]
    assert case_world["report"].reference in text
    assert "Dihentikan" in text
    assert REPORTER not in text
    message = Message.objects.get(report=case_world["report"], sender="petugas")
    assert notice.number in message.body
    case.refresh_from_db()
    assert case.reporter_notified_at is not None
    assert AuditLogEntry.objects.filter(action="case.status_notice").exists()


@pytest.mark.django_db
def test_upload_accepts_real_pdfs_only_and_keeps_them_private(case_world, settings):
    u = case_world["users"]
    case = recommended(case_world)
    letter = case.documents.get(kind=DocumentKind.RECOMMENDATION)
    with letter.file.open("rb") as handle:
        pdf = handle.read()
    with pytest.raises(ApplicationError):
        document_upload(
            case_id=case.pk,
            user=u["bkpsdm_officer"],
            kind="keputusan_sanksi",
            uploaded_file=SimpleUploadedFile("sk.pdf", b"\x89PNG\r\n\x1a\nnot a pdf at all"),
        )
    decree = document_upload(
        case_id=case.pk,
        user=u["bkpsdm_officer"],
        kind="keputusan_sanksi",
        uploaded_file=SimpleUploadedFile("sk.pdf", pdf),
        title="SK Wali Kota 800/123",
    )
    assert decree.generated is False
    assert len(decree.sha256) == 64
    assert not decree.file.path.startswith(str(settings.MEDIA_ROOT) + "/cases")
    assert "case-documents" in decree.file.path
    with pytest.raises(NotImplementedError):
        decree.file.url  # noqa: B018 (no public URL exists)
    assert "keputusan_sanksi" in {d.kind for d in document_list_visible(case=case, user=u["bkn_viewer"])}
    assert AuditLogEntry.objects.filter(action="case.document_upload").exists()


# --- issue 15: letters an office would sign ------------------------------------------------------------

FIRST_PERSON = "Saya melihatnya sendiri"
OFFICER_SUMMARY = "Terlapor membagikan ajakan memilih pasangan calon di grup warga (ringkasan petugas)."


def office_settings(agency, **fields):
    from netra.agencies.models import OfficeLetterSettings

    return OfficeLetterSettings.objects.create(agency=agency, **fields)


def decided(world):
    u, case = world["users"], world["case"]
    case = move(case, u["bpp_officer"], "register")
    case = move(case, u["bpp_officer"], "start_study")
    case = move(case, u["bpp_head"], "decide", outcome="terbukti", decided_on="2024-10-11")
    return classify_subjects(case, u["bpp_officer"])


@pytest.mark.django_db
def test_forwarding_letter_carries_the_officers_summary_never_the_reporters_words(case_world):
    from netra.cases.models import Case

    u, a = case_world["users"], case_world["agencies"]
    Case.objects.filter(pk=case_world["case"].pk).update(
        summary=f"{FIRST_PERSON} di grup WhatsApp warga kami, lurah mengirim ajakan memilih."
    )
    case = decided(case_world)
    forward = {"destination": "oversight_body", "recipient_id": a["bkn"].pk}
    with pytest.raises(ApplicationError) as missing:
        move(case, u["bpp_head"], "forward", **forward)
    assert missing.value.extra == {"field": "forwarding_summary"}
    case = move(case, u["bpp_head"], "forward", forwarding_summary=OFFICER_SUMMARY, **forward)
    assert case.forwarding_summary == OFFICER_SUMMARY
    text = flat(pdf_text(case.documents.get(kind=DocumentKind.FORWARDING)))
    assert OFFICER_SUMMARY in text
    assert FIRST_PERSON not in text


@pytest.mark.django_db
def test_forwarding_letter_is_signed_cites_the_pilkada_rules_and_copies_the_satgas(case_world):
    a = case_world["agencies"]
    office_settings(
        a["bpp"],
        telephone="(0542) 8515000",
        website="balikpapankota.bawaslu.go.id",
        signer_name="Ahmad Wirawan, S.H.",
        signer_position="Ketua Bawaslu Kota Balikpapan",
        signer_nip="",
    )
    case = forwarded(case_world)
    text = flat(pdf_text(case.documents.get(kind=DocumentKind.FORWARDING)))
    assert "Telepon (0542) 8515000" in text
    assert "balikpapankota.bawaslu.go.id" in text
    assert "Ahmad Wirawan, S.H." in text
    # Pilkada 2024: UU 1/2015 Pasal 135 and Perbawaslu 8/2020 as amended by 9/2024, not the Pemilu rules.
    assert "Pasal 135 Undang-Undang Nomor 1 Tahun 2015" in text
    assert "Pemilihan Umum Nomor 8 Tahun 2020" in text
    assert "Pemilihan Umum Nomor 9 Tahun 2024" in text
    assert "Nomor 7 Tahun 2022" not in text
    assert "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara" in text
    assert "Nomor 5 Tahun 2014" not in text
    assert "pelanggaran pelanggaran" not in text.lower()
    assert text.count(case.reference) == 1  # not "Nomor kasus" and "Nomor registrasi" the same twice
    copies = text.split("Tembusan:")[1]
    assert "Ketua Bawaslu Provinsi" in copies
    assert "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi" in copies
    assert "Menteri Dalam Negeri" in copies


@pytest.mark.django_db
def test_summons_cites_the_handling_rules_of_the_cases_election(case_world):
    from netra.cases.tests.test_clarifications import in_clarification, summon_subject

    case = in_clarification(case_world)
    summons = summon_subject(case_world, case).summons
    text = flat(pdf_text(summons))
    assert "Pemilihan Umum Nomor 8 Tahun 2020" in text  # a Pilkada 2024 case
    assert "Nomor 7 Tahun 2022" not in text
    assert "Tembusan:" in text


@pytest.mark.django_db
def test_recommendation_names_the_item_the_sanctions_the_ppk_deadline_and_bkns_signer(case_world):
    from netra.cases.letters import datetime_id
    from netra.clocks.models import DeadlineKind

    a = case_world["agencies"]
    office_settings(
        a["bkn"],
        telephone="(021) 8093008",
        website="www.bkn.go.id",
        signer_name="Dra. Ratna Kusumawati, M.Si.",
        signer_position="Deputi Bidang Pengawasan dan Pengendalian",
        signer_on_behalf="a.n. Kepala Badan Kepegawaian Negara",
        signer_nip="197001011995032001",
    )
    case = recommended(case_world)
    subject = case.subjects.select_related("violation").get()
    text = flat(pdf_text(subject.recommendations.get().document))
    assert subject.violation.code in text
    # Only a level (moral) was recommended: the letter names the concrete punishments of that level.
    assert "pernyataan secara tertutup" in text.lower()
    assert "pernyataan secara terbuka" in text.lower()
    deadline = case.deadlines.get(kind=DeadlineKind.PPK_FOLLOW_UP)
    due = datetime_id(deadline.due_at, a["pemkot"])
    assert due.endswith("WITA")  # in the PPK's zone
    assert due in text
    assert "a.n. Kepala Badan Kepegawaian Negara Deputi Bidang Pengawasan dan Pengendalian" in text
    assert "Dra. Ratna Kusumawati, M.Si. NIP 197001011995032001" in text
    assert "Undang-Undang Nomor 20 Tahun 2023" in text
    assert "Nomor 5 Tahun 2014" not in text
    copies = text.split("Tembusan:")[1]
    for copy in ("Ketua Bawaslu Kota Balikpapan", "Menteri Dalam Negeri", "Kepala BKPSDM Kota Balikpapan"):
        assert copy in copies
    assert "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi" in copies


@pytest.mark.django_db
def test_kinds_sharing_a_classification_code_share_one_run_of_numbers(case_world):
    from netra.cases.tests.test_clarifications import in_clarification, summon_ahead

    u, a = case_world["users"], case_world["agencies"]
    case = in_clarification(case_world)
    summons = summon_ahead(case_world, case).summons  # dated by the real clock
    case = move(case, u["bpp_officer"], "start_study")
    case = move(case, u["bpp_head"], "decide", outcome="terbukti", decided_on="2024-10-11")
    case = classify_subjects(case, u["bpp_officer"])
    case = move(
        case,
        u["bpp_head"],
        "forward",
        now=timezone.now(),  # the forwarding letter is dated with its move: the same year as the summons
        destination="oversight_body",
        recipient_id=a["bkn"].pk,
        forwarding_summary=OFFICER_SUMMARY,
    )
    forwarding = case.documents.get(kind=DocumentKind.FORWARDING)
    assert summons.number.startswith("001/PM.00.02/64.71/")
    assert forwarding.number.startswith("002/PM.00.02/64.71/")


@pytest.mark.django_db
def test_the_database_refuses_a_repeated_number_of_one_office(case_world):
    from django.db import IntegrityError, transaction

    case = forwarded(case_world)
    letter = case.documents.get(kind=DocumentKind.FORWARDING)
    same = {
        "case": case,
        "number": letter.number,
        "dated": letter.dated,
        "title": "Undangan",
        "sha256": "0" * 64,
        "file": "cases/x.pdf",
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(kind=DocumentKind.SUMMONS, issued_by=letter.issued_by, **same)
    # Another office may, and an uploaded document carries someone else's number (a PPK's decree).
    Document.objects.create(kind=DocumentKind.SUMMONS, issued_by=case_world["agencies"]["kaltim"], **same)
    Document.objects.create(kind=DocumentKind.OTHER, issued_by=letter.issued_by, generated=False, **same)


@pytest.mark.django_db(transaction=True)
def test_concurrent_letters_of_one_office_never_share_a_number():
    """Eight transactions of one office take numbers at once, in kinds that share a classification code
    (PostgreSQL, one connection per thread): the counter row's lock hands out 001…008 exactly once."""
    import threading
    import time

    from django.db import connection, transaction

    from netra.agencies.models import Agency, AgencyKind
    from netra.cases import letters
    from netra.cases.services.documents import letter_number_next

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    office = Agency.objects.create(
        code="bawaslu-ri-test", name="Bawaslu RI", kind=AgencyKind.BAWASLU_RI, timezone="Asia/Jakarta"
    )
    kinds = [DocumentKind.SUMMONS, DocumentKind.FORWARDING, DocumentKind.STATUS_NOTICE] * 3
    kinds = kinds[:8]
    on = dt.date(2026, 12, 1)
    barrier = threading.Barrier(len(kinds))
    numbers, errors = [], []

    def issue(kind):
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                seq = letter_number_next(agency=office, kind=kind, year=on.year)
                time.sleep(0.02)  # hold the lock a moment: the others must wait, not read the old value
                numbers.append(letters.letter_number(agency=office, kind=kind, seq=seq, on=on))
        except Exception as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(k,)) for k in kinds]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert sorted(numbers) == [f"{n:03d}/PM.00.02/RI/XII/2026" for n in range(1, 9)]


@pytest.mark.django_db
def test_bap_template_for_a_session_is_a_pdf_for_bawaslus_officers(case_world, client):
    from netra.cases.services.documents import clarification_minutes_template
    from netra.cases.tests.test_clarifications import PLACE, in_clarification, summon_subject
    from netra.core.exceptions import PermissionDeniedError

    u = case_world["users"]
    case = in_clarification(case_world)
    session = summon_subject(case_world, case)
    content, name = clarification_minutes_template(
        case_id=case.pk, clarification_id=session.pk, user=u["bpp_officer"]
    )
    assert content.startswith(b"%PDF")
    text = flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages))
    assert "BERITA ACARA KLARIFIKASI" in text
    assert "Lurah Manggar" in text
    assert "Terlapor" in text
    assert session.summons.number in text.replace(" ", "")  # the number may wrap in its cell
    assert flat(PLACE) in text
    assert "hari ini Senin, tanggal 14 Oktober 2024, pukul 09.00 WITA" in text
    assert "Yang memberikan keterangan" in text
    with pytest.raises(PermissionDeniedError):
        clarification_minutes_template(case_id=case.pk, clarification_id=session.pk, user=u["bpp_viewer"])
    with pytest.raises(NotFoundError):
        clarification_minutes_template(case_id=case.pk, clarification_id=session.pk, user=u["pbg_head"])
    # Over the API, and linked from the case page next to the session.
    client.force_login(u["bpp_officer"])
    url = f"/api/v1/cases/{case.pk}/clarifications/{session.pk}/bap-template"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    page = client.get(f"/kasus/{case.pk}/").content.decode()
    assert f'href="{url}"' in page
