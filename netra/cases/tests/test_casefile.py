"""The case file (issue 15 items 17 and 22): what was forwarded can be opened by whom it was forwarded
to — the account, place, dates and the evidence display copies, audited — never the reporter's
identity, words or messages; the PPK uploads its sanction decree and cites it; the report inbox shows
the terlapor and the description to triage from."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from netra.audit.models import AuditLogEntry
from netra.cases.models import CaseEvent, DocumentKind, SanctionRecord
from netra.cases.tests.test_sanctions import move, recommended_sedang, sanction
from netra.core.exceptions import ApplicationError
from netra.evidence.models import CustodyAction, CustodyEvent, Evidence, EvidenceLink, UploadedBy
from netra.evidence.services import evidence_check, evidence_store
from netra.evidence.tests import fixtures as F

pytestmark = pytest.mark.django_db

DESCRIPTION = "Lurah membagikan unggahan kampanye"  # the reporter's own words (make_submission)
SUMMARY = "Terlapor membagikan konten kampanye pasangan calon."  # the officer's (recommended_sedang)


@pytest.fixture(autouse=True)
def _evidence_dir(settings, tmp_path):
    settings.NETRA_EVIDENCE_ROOT = tmp_path / "bukti"


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def add_photo(report, name="IMG_budi_santoso.jpg") -> Evidence:
    """A reporter's photo with GPS and the reporter's name in its EXIF."""
    checked = evidence_check(uploaded_file=SimpleUploadedFile(name, F.jpeg_bytes(exif=F.gps_exif())))
    return evidence_store(report=report, checked=checked, uploaded_by=UploadedBy.REPORTER)


@pytest.fixture
def forwarded(case_world):
    """The lurah's case recommended to the PPK (Pemkot Balikpapan), with a photo and a link."""
    case, subject = recommended_sedang(case_world)
    report = case_world["report"]
    photo = add_photo(report)
    EvidenceLink.objects.filter(report=report).update(note="dikirim oleh Budi dari grup RT")
    return {**case_world, "case": case, "subject": subject, "photo": photo}


def body(response) -> bytes:
    return b"".join(response.streaming_content)


# --- item 17: forwarding grants the case file ------------------------------------------------------------


def test_bkn_opens_the_display_copy_through_the_case_audited_and_in_custody(forwarded):
    u, case, photo = forwarded["users"], forwarded["case"], forwarded["photo"]
    before = AuditLogEntry.objects.filter(action="evidence.view_shared").count()
    response = client_for(u["bkn_officer"]).get(f"/kasus/{case.pk}/bukti/{photo.pk}/")
    assert response.status_code == 200
    data = body(response)
    assert data[:2] == b"\xff\xd8"  # the JPEG display copy
    assert F.REPORTER_NAME.encode() not in data  # EXIF (Artist, GPS) stripped
    assert "budi" not in response["Content-Disposition"].lower()  # never the reporter's file name
    assert "no-store" in response["Cache-Control"]
    row = AuditLogEntry.objects.filter(action="evidence.view_shared").latest("seq")
    assert AuditLogEntry.objects.filter(action="evidence.view_shared").count() == before + 1
    assert row.actor_id == u["bkn_officer"].pk
    assert row.after["case_id"] == case.pk
    viewed = CustodyEvent.objects.filter(evidence=photo, action=CustodyAction.VIEWED).get()
    assert viewed.actor_id == u["bkn_officer"].pk
    assert case.reference in viewed.note
    line = CaseEvent.objects.filter(case=case, data__evidence_id=photo.pk).get()
    assert line.visible_to == "bawaslu"


def test_the_ppk_opens_it_once_recommended_to_it(forwarded):
    u, case, photo = forwarded["users"], forwarded["case"], forwarded["photo"]
    response = client_for(u["bkpsdm_officer"]).get(f"/kasus/{case.pk}/bukti/{photo.pk}/")
    assert response.status_code == 200
    assert AuditLogEntry.objects.filter(action="evidence.view_shared", actor=u["bkpsdm_officer"]).exists()


def test_before_forwarding_out_of_scope_and_wrong_case_are_not_found(case_world):
    u, case = case_world["users"], case_world["case"]
    photo = add_photo(case_world["report"])
    url = f"/kasus/{case.pk}/bukti/{photo.pk}/"
    assert client_for(u["bkn_officer"]).get(url).status_code == 404  # not forwarded yet
    assert client_for(u["bkpsdm_officer"]).get(url).status_code == 404  # nothing recommended
    assert client_for(u["pbg_head"]).get(url).status_code == 404  # another jurisdiction
    assert client_for(u["bpp_officer"]).get(f"/kasus/{case.pk}/bukti/{photo.pk + 999}/").status_code == 404
    assert not CustodyEvent.objects.filter(evidence=photo, action=CustodyAction.VIEWED).exists()


def test_the_report_and_its_original_stay_bawaslus(forwarded):
    u, photo, report = forwarded["users"], forwarded["photo"], forwarded["report"]
    bkn = client_for(u["bkn_officer"])
    assert bkn.get(f"/lapor/petugas/{report.pk}/").status_code == 404
    assert bkn.get(f"/lapor/petugas/{report.pk}/bukti/{photo.pk}/asli/").status_code == 404
    assert bkn.get(f"/kasus/{forwarded['case'].pk}/bukti/{photo.pk}/asli/").status_code == 404


def test_bawaslu_opening_is_in_custody_not_the_audit_log(forwarded):
    u, case, photo = forwarded["users"], forwarded["case"], forwarded["photo"]
    before = AuditLogEntry.objects.count()
    assert client_for(u["bpp_officer"]).get(f"/kasus/{case.pk}/bukti/{photo.pk}/").status_code == 200
    assert AuditLogEntry.objects.count() == before
    assert CustodyEvent.objects.filter(evidence=photo, action=CustodyAction.VIEWED).count() == 1


def test_observers_see_the_list_but_cannot_open_files(forwarded):
    u, case, photo = forwarded["users"], forwarded["case"], forwarded["photo"]
    viewer = client_for(u["bkn_viewer"])
    assert viewer.get(f"/kasus/{case.pk}/bukti/{photo.pk}/").status_code == 403
    html = viewer.get(f"/kasus/{case.pk}/").content.decode()
    assert photo.sha256 in html
    assert f'data-testid="evidence-{photo.pk}"' not in html


def test_a_file_without_a_metadata_free_copy_is_listed_but_not_opened(forwarded):
    u, case, report = forwarded["users"], forwarded["case"], forwarded["report"]
    checked = evidence_check(uploaded_file=SimpleUploadedFile("rekaman.mp4", F.mp4_bytes()))
    video = evidence_store(report=report, checked=checked, uploaded_by=UploadedBy.REPORTER)
    bkn = client_for(u["bkn_officer"])
    assert bkn.get(f"/kasus/{case.pk}/bukti/{video.pk}/").status_code == 404
    html = bkn.get(f"/kasus/{case.pk}/").content.decode()
    assert video.sha256 in html
    assert f'data-testid="evidence-{video.pk}"' not in html


# --- item 22: the case page shows the account and the evidence ---------------------------------------------


def test_other_agencies_read_the_officers_summary_never_the_reporters_words_or_identity(forwarded):
    u, case, photo = forwarded["users"], forwarded["case"], forwarded["photo"]
    for key in ("bkn_officer", "bkpsdm_officer"):
        html = client_for(u[key]).get(f"/kasus/{case.pk}/").content.decode()
        assert 'data-testid="case-file"' in html, key
        assert SUMMARY in html, key
        assert "Kantor Kelurahan Manggar" in html, key  # the place
        assert "7 Oktober 2024" in html, key  # the incident date
        assert photo.sha256 in html, key
        assert photo.display_sha256 in html, key
        assert f"/kasus/{case.pk}/bukti/{photo.pk}/" in html, key
        assert "https://www.facebook.com/groups/warga/posts/123" in html, key
        for secret in (DESCRIPTION, "Budi Santoso", "6471012345670001", "Rina Wati", "IMG_budi", "grup RT"):
            assert secret not in html, (key, secret)


def test_bawaslu_reads_the_reports_own_description(forwarded):
    u, case, photo = forwarded["users"], forwarded["case"], forwarded["photo"]
    html = client_for(u["bpp_officer"]).get(f"/kasus/{case.pk}/").content.decode()
    assert DESCRIPTION in html
    assert forwarded["report"].reference in html
    assert "dikirim oleh Budi dari grup RT" in html  # the link's note: Bawaslu's
    assert f"/kasus/{case.pk}/bukti/{photo.pk}/" in html
    assert "Budi Santoso" not in html  # the identity stays behind reveal_identity


def test_the_case_page_query_count_does_not_grow_with_the_evidence(forwarded):
    u, case, report = forwarded["users"], forwarded["case"], forwarded["report"]
    bkn = client_for(u["bkn_officer"])
    bkn.get(f"/kasus/{case.pk}/")  # warm caches
    with CaptureQueriesContext(connection) as one:
        bkn.get(f"/kasus/{case.pk}/")
    for i in range(3):
        add_photo(report, name=f"foto-{i}.jpg")
        EvidenceLink.objects.create(report=report, url=f"https://x.com/p/{i}", platform="x")
    with CaptureQueriesContext(connection) as four:
        bkn.get(f"/kasus/{case.pk}/")
    assert len(four) == len(one)


def test_api_lists_the_case_evidence_and_opens_the_display_copy(forwarded):
    u, case, photo = forwarded["users"], forwarded["case"], forwarded["photo"]
    bkn = client_for(u["bkn_officer"])
    listed = bkn.get(f"/api/v1/cases/{case.pk}/evidence").json()
    (item,) = listed["files"]
    assert item["sha256"] == photo.sha256
    assert item["display_available"] is True
    assert "budi" not in item["display_name"].lower()
    assert listed["links"][0]["note"] == ""  # the reporter's note stays with Bawaslu
    response = bkn.get(item["display_url"])
    assert response.status_code == 200
    assert F.REPORTER_NAME.encode() not in body(response)
    assert AuditLogEntry.objects.filter(action="evidence.view_shared", actor=u["bkn_officer"]).count() == 1
    assert client_for(u["pbg_head"]).get(item["display_url"]).status_code == 404
    bawaslu = client_for(u["bpp_officer"]).get(f"/api/v1/cases/{case.pk}/evidence").json()
    assert bawaslu["links"][0]["note"] == "dikirim oleh Budi dari grup RT"


# --- item 17: the PPK uploads its sanction decree and cites it ----------------------------------------------


def decree_pdf(name="sk.pdf") -> SimpleUploadedFile:
    from weasyprint import HTML

    return SimpleUploadedFile(name, HTML(string="<p>Keputusan Wali Kota</p>").write_pdf(), "application/pdf")


def test_the_ppk_uploads_the_decree_on_the_case_page_and_picks_it_when_recording(forwarded):
    u, case, subject = forwarded["users"], forwarded["case"], forwarded["subject"]
    ppk = client_for(u["bkpsdm_officer"])
    page = ppk.get(f"/kasus/{case.pk}/").content.decode()
    assert 'data-testid="form-document-upload"' in page
    response = ppk.post(
        f"/kasus/{case.pk}/dokumen/unggah/",
        {"kind": "keputusan_sanksi", "number": "800/77/BKPSDM/2024", "file": decree_pdf()},
    )
    assert response.status_code == 302
    decree = case.documents.get(kind=DocumentKind.SANCTION_DECISION)
    assert decree.number == "800/77/BKPSDM/2024"
    case.refresh_from_db()
    page = ppk.get(f"/kasus/{case.pk}/").content.decode()
    assert f'data-testid="san-document-{subject.pk}"' in page
    assert f'<option value="{decree.pk}"' in page
    response = ppk.post(
        f"/kasus/{case.pk}/langkah/record_sanction/",
        {
            "version": case.version,
            f"san-{subject.pk}-number": "800/77/BKPSDM/2024",
            f"san-{subject.pk}-date": "2024-10-25",
            f"san-{subject.pk}-punishment": "Pemotongan tunjangan kinerja 25% selama 6 bulan",
            f"san-{subject.pk}-sanction": "pp94-pns-sedang-tukin-6",
            f"san-{subject.pk}-document": str(decree.pk),
        },
    )
    assert response.status_code == 302, response.content[:500]
    assert SanctionRecord.objects.get(subject=subject).document_id == decree.pk


def test_the_upload_form_is_the_employers_in_its_stage_only(forwarded):
    u, case = forwarded["users"], forwarded["case"]
    for key in ("bkn_officer", "bpp_officer", "bkn_viewer"):
        assert (
            'data-testid="form-document-upload"'
            not in client_for(u[key]).get(f"/kasus/{case.pk}/").content.decode()
        )
    assert client_for(u["pbg_head"]).post(f"/kasus/{case.pk}/dokumen/unggah/", {}).status_code == 404


def test_a_sanction_cannot_cite_another_document_than_this_cases_decree(
    forwarded, django_capture_on_commit_callbacks
):
    from netra.cases.models import CaseReport
    from netra.cases.services.documents import document_store
    from netra.intake.submission import report_submit
    from netra.intake.tests.conftest import NOW, make_submission

    u, case, subject = forwarded["users"], forwarded["case"], forwarded["subject"]
    with django_capture_on_commit_callbacks(execute=True):
        other_report = report_submit(submission=make_submission(), now=NOW).report
    other = CaseReport.objects.get(report=other_report).case
    elsewhere = document_store(
        case=other,
        kind=DocumentKind.SANCTION_DECISION,
        title="SK kasus lain",
        issued_by=forwarded["agencies"]["pemkot"],
        content=decree_pdf().read(),
        dated=NOW.date(),
        generated=False,
        audience=["employer", f"agency:{forwarded['agencies']['pemkot'].pk}"],
    )
    letter = case.documents.get(kind=DocumentKind.RECOMMENDATION)
    for wrong in (elsewhere.pk, letter.pk, "x"):
        with pytest.raises(ApplicationError) as refused:
            move(
                case,
                u["bkpsdm_officer"],
                "record_sanction",
                sanctions=[sanction(subject, "pp94-pns-sedang-tukin-6", document_id=wrong)],
            )
        assert refused.value.extra["field"] == "sanctions[0].document_id"
    assert not SanctionRecord.objects.filter(subject=subject).exists()


# --- item 22: the report inbox shows what to triage from ----------------------------------------------------


def test_the_inbox_shows_the_terlapor_and_the_start_of_the_description(case_world):
    from netra.intake.submission import PersonIn, report_submit
    from netra.intake.tests.conftest import NOW, make_submission

    long = "Camat mengumpulkan kepala desa untuk mendukung pasangan calon. " * 10
    report = report_submit(
        submission=make_submission(
            description=long,
            persons=[
                PersonIn(name="Camat Balikpapan Timur", agency_name="Pemerintah Kota Balikpapan"),
                PersonIn(name="Sekcam Timur", position="Sekretaris Camat"),
            ],
        ),
        now=NOW,
    ).report
    c = client_for(case_world["users"]["bpp_officer"])
    html = c.get("/lapor/petugas/").content.decode()
    assert "Camat Balikpapan Timur" in html
    assert "Pemerintah Kota Balikpapan" in html
    assert "Sekcam Timur" in html
    assert "Sekretaris Camat" in html
    assert long[:150] in html
    assert long[:260] not in html  # only the start (~200 characters)
    assert "Lurah Manggar" in html  # the world's own report
    assert "Budi Santoso" not in html
    with CaptureQueriesContext(connection) as two:
        c.get("/lapor/petugas/")
    for _ in range(4):
        report_submit(submission=make_submission(), now=NOW)
    with CaptureQueriesContext(connection) as six:
        c.get("/lapor/petugas/")
    assert len(six) == len(two)
    assert report.reference in html


def test_upload_refusal_is_shown_on_the_page(forwarded):
    u, case = forwarded["users"], forwarded["case"]
    bad = SimpleUploadedFile("sk.pdf", base64.b64decode("aGFsbw=="), "application/pdf")
    response = client_for(u["bkpsdm_officer"]).post(
        f"/kasus/{case.pk}/dokumen/unggah/", {"kind": "keputusan_sanksi", "number": "9/2024", "file": bad}
    )
    assert response.status_code >= 400
    html = response.content.decode()
    assert 'data-testid="form-error"' in html
    assert 'value="9/2024"' in html
