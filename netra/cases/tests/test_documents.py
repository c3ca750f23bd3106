"""Letters as real PDFs (text extracted with pypdf), their numbering, audiences and the status notice."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from netra.audit.models import AuditLogEntry
from netra.cases.models import CaseEvent, CaseState, Document, DocumentKind
from netra.cases.selectors.documents import document_list_visible
from netra.cases.services.cases import case_transition
from netra.cases.services.documents import (
    document_generate,
    document_open,
    document_upload,
    status_notice_send,
)
from netra.cases.tests.fixtures import NOW, classify_subjects, days
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError
from netra.intake.models import Message

REPORTER = "Budi Santoso"


def move(case, user, name, now=NOW, **payload):
    return case_transition(case_id=case.pk, user=user, name=name, payload=payload, now=now)


def pdf_text(document: Document) -> str:
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
    assert "Lurah Manggar" in text
    assert evidence.sha256 in joined  # the hash may wrap across lines in the table
    assert "facebook.com/groups/warga/posts/123" in joined
    assert "Pasal 455" in flat(text)
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
