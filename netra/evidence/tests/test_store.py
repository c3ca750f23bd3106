"""evidence_store keeps the original byte for byte and makes display copies without metadata."""

import hashlib
import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import transaction
from PIL import Image
from pypdf import PdfReader

from netra.audit.models import AuditLogEntry
from netra.core.exceptions import ApplicationError
from netra.evidence.models import CustodyEvent, Evidence, UploadedBy
from netra.evidence.services import evidence_check, evidence_orphans_sweep, evidence_store
from netra.evidence.services import files as file_services
from netra.evidence.tests import fixtures as F

pytestmark = pytest.mark.django_db


def store(report, name: str, data: bytes, *, temporary: bool = False, **kwargs) -> Evidence:
    if temporary:
        f = TemporaryUploadedFile(name, "image/jpeg", len(data), None)
        f.write(data)
        f.seek(0)
    else:
        f = SimpleUploadedFile(name, data)
    checked = evidence_check(uploaded_file=f)
    kwargs.setdefault("uploaded_by", UploadedBy.REPORTER)
    return evidence_store(report=report, checked=checked, **kwargs)


def read(field) -> bytes:
    with field.storage.open(field.name, "rb") as f:
        return f.read()


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- the original ----------------------------------------------------------------------------------------


def test_jpeg_with_gps_original_is_kept_byte_for_byte_and_display_copy_has_no_exif(report, evidence_dir):
    data = F.jpeg_bytes(size=(64, 48), exif=F.gps_exif())
    evidence = store(report, "IMG_budi_rumah.jpg", data, temporary=True)

    original = read(evidence.original)
    assert original == data
    assert hashlib.sha256(original).hexdigest() == evidence.sha256 == hashlib.sha256(data).hexdigest()
    with Image.open(io.BytesIO(original)) as im:
        assert im.getexif().get_ifd(0x8825)[2] == (1.0, 14.0, 0.0)  # GPS still in the original

    display = read(evidence.display)
    assert hashlib.sha256(display).hexdigest() == evidence.display_sha256
    with Image.open(io.BytesIO(display)) as im:
        assert im.format == "JPEG"
        assert not im.getexif()
        assert "exif" not in im.info
        assert im.size == (48, 64)  # orientation 6 applied to the pixels before EXIF was dropped
    assert F.REPORTER_NAME.encode() not in display
    assert evidence.stripped is True
    assert "EXIF (termasuk lokasi GPS)" in evidence.strip_note


def test_files_live_in_the_private_folder_under_random_names(report, evidence_dir):
    evidence = store(report, "IMG_budi_rumah.jpg", F.jpeg_bytes())
    for field in (evidence.original, evidence.display):
        assert "budi" not in field.name.lower()
        assert not field.name.endswith(".jpg")
        assert (evidence_dir / field.name).is_file()
    assert evidence.original.name.startswith("original/")
    assert evidence.display.name.startswith("display/")
    assert evidence.original_name == "IMG_budi_rumah.jpg"
    with pytest.raises(NotImplementedError):
        evidence.original.url  # noqa: B018 - no URL serves evidence


def test_record_describes_the_file(report, officer):
    data = F.png_bytes()
    evidence = store(report, "layar.png", data, uploaded_by=UploadedBy.OFFICER, user=officer)
    evidence.refresh_from_db()
    assert (evidence.kind, evidence.mime_type, evidence.size) == ("image", "image/png", len(data))
    assert evidence.uploaded_by_user == officer
    assert evidence.report == report


# --- display copies per type -----------------------------------------------------------------------------


def test_png_display_copy_loses_text_chunks(report):
    evidence = store(report, "layar.png", F.png_bytes(text={"Author": F.REPORTER_NAME}))
    assert F.REPORTER_NAME.encode() in read(evidence.original)
    display = read(evidence.display)
    assert F.REPORTER_NAME.encode() not in display
    with Image.open(io.BytesIO(display)) as im:
        assert im.format == "PNG"
        assert not im.text
    assert "teks PNG" in evidence.strip_note


@pytest.mark.parametrize(
    ("builder", "label"), [(F.webp_bytes, "EXIF"), (lambda: F.gif_bytes(frames=3), "komentar")]
)
def test_webp_and_gif_become_png_without_metadata(report, builder, label):
    evidence = store(report, "gambar", builder())
    display = read(evidence.display)
    with Image.open(io.BytesIO(display)) as im:
        assert im.format == "PNG"
        assert not im.getexif()
    assert F.REPORTER_NAME.encode() not in display
    assert label in evidence.strip_note


def test_pdf_display_copy_has_no_author_creator_producer_or_xmp(report):
    evidence = store(report, "surat.pdf", F.pdf_bytes(xmp=True))
    assert F.REPORTER_NAME.encode() in read(evidence.original)
    display = read(evidence.display)
    assert F.REPORTER_NAME.encode() not in display
    reader = PdfReader(io.BytesIO(display))
    assert reader.metadata is None
    assert "/Metadata" not in reader.trailer["/Root"]
    assert len(reader.pages) == 1
    assert "Author" in evidence.strip_note
    assert "XMP" in evidence.strip_note


def test_docx_display_copy_loses_properties_authors_and_photo_exif(report):
    evidence = store(report, "notulen.docx", F.docx_bytes())
    with zipfile.ZipFile(io.BytesIO(read(evidence.original))) as zf:
        assert F.REPORTER_NAME.encode() in zf.read("docProps/core.xml")  # the original keeps it
    with zipfile.ZipFile(io.BytesIO(read(evidence.display))) as zf:
        names = zf.namelist()
        assert names[0] == "[Content_Types].xml"
        assert set(names) == set(F.docx_members())
        for name in names:
            assert F.REPORTER_NAME.encode() not in zf.read(name), name
        assert b"Kepala dinas mengajak pegawai" in zf.read("word/document.xml")  # content untouched
        with Image.open(io.BytesIO(zf.read("word/media/image1.jpeg"))) as im:
            im.load()
            assert not im.getexif()
    assert "properti dokumen" in evidence.strip_note
    assert "EXIF (termasuk lokasi GPS)" in evidence.strip_note


@pytest.mark.parametrize(
    ("name", "data"),
    [("rekaman.mp4", F.mp4_bytes()), ("surat.doc", F.ole_bytes({"WordDocument": b"teks Budi"}))],
)
def test_video_and_legacy_office_have_no_display_copy_and_say_so(report, name, data):
    evidence = store(report, name, data)
    assert not evidence.display
    assert evidence.stripped is False
    assert evidence.strip_note == "Metadata tidak dihapus; hanya petugas yang dapat mengunduh berkas asli."
    assert read(evidence.original) == data
    actions = list(evidence.custody_events.values_list("action", flat=True))
    assert actions == ["received", "stored"]


def test_failed_display_copy_still_stores_the_original(report, monkeypatch):
    def broken(source, *, fmt):
        raise OSError("disk full")

    monkeypatch.setattr("netra.evidence.stripping._image_copy", broken)
    evidence = store(report, "foto.jpg", F.jpeg_bytes())
    assert not evidence.display
    assert evidence.stripped is False
    assert "gagal" in evidence.strip_note
    assert "hanya petugas" in evidence.strip_note


# --- audit -----------------------------------------------------------------------------------------------


def test_one_audit_row_per_store_without_the_file_name(report):
    before = AuditLogEntry.objects.count()
    data = F.jpeg_bytes(exif=F.gps_exif())
    evidence = store(report, "Budi_Santoso_bukti_rahasia.jpg", data)
    rows = list(AuditLogEntry.objects.filter(action="evidence.store"))
    assert AuditLogEntry.objects.count() == before + 1
    assert len(rows) == 1
    row = rows[0]
    assert row.object_id == str(evidence.pk)
    assert row.actor is None
    assert row.after["sha256"] == hashlib.sha256(data).hexdigest()
    assert row.after["size"] == len(data)
    assert row.after["mime"] == "image/jpeg"
    assert row.after["kind"] == "image"
    assert "Budi_Santoso" not in json.dumps([row.after, row.before, row.object_repr])


# --- integrity and clean-up ------------------------------------------------------------------------------


def test_bytes_changed_after_the_check_are_refused_and_nothing_is_left(report, evidence_dir):
    f = SimpleUploadedFile("foto.jpg", F.jpeg_bytes())
    checked = evidence_check(uploaded_file=f)
    f.file = io.BytesIO(F.jpeg_zip_polyglot())  # swapped between check and store
    with pytest.raises(ApplicationError) as info:
        evidence_store(report=report, checked=checked, uploaded_by=UploadedBy.REPORTER)
    assert info.value.code == "evidence-changed"
    assert not Evidence.objects.exists()
    assert files_under(evidence_dir) == []


def test_failure_after_writing_removes_the_files(report, evidence_dir, monkeypatch):
    def failing_audit(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(file_services, "audit_record", failing_audit)
    with pytest.raises(RuntimeError):
        store(report, "foto.jpg", F.jpeg_bytes())
    assert not Evidence.objects.exists()
    assert not CustodyEvent.objects.exists()
    assert files_under(evidence_dir) == []


def test_orphans_of_a_rolled_back_transaction_are_swept(report, evidence_dir):
    kept = store(report, "tetap.jpg", F.jpeg_bytes(color="blue"))

    def intake_that_fails_after_storing():
        with transaction.atomic():
            store(report, "batal.jpg", F.jpeg_bytes(color="green"))
            raise ZeroDivisionError  # the caller's transaction fails after evidence_store returned

    with pytest.raises(ZeroDivisionError):
        intake_that_fails_after_storing()
    assert len(files_under(evidence_dir)) == 4  # two originals, two display copies
    assert evidence_orphans_sweep(older_than=timedelta(0)) == 2
    remaining = {p.relative_to(evidence_dir).as_posix() for p in files_under(evidence_dir)}
    assert remaining == {kept.original.name, kept.display.name}


def test_officer_upload_requires_the_officer(report):
    checked = evidence_check(uploaded_file=SimpleUploadedFile("a.jpg", F.jpeg_bytes()))
    with pytest.raises(ApplicationError):
        evidence_store(report=report, checked=checked, uploaded_by=UploadedBy.OFFICER, user=None)
    with pytest.raises(ApplicationError):
        evidence_store(report=report, checked=checked, uploaded_by="tetangga")
    assert not Evidence.objects.exists()


def test_original_is_sealed_at_rest_and_opens_byte_for_byte(report, officer):
    from netra.evidence.services import evidence_open
    from netra.evidence.storage import evidence_root

    data = F.jpeg_bytes(exif=F.gps_exif())
    evidence = store(report, "rumah.jpg", data)
    on_disk = (evidence_root() / evidence.original.name).read_bytes()
    assert on_disk.startswith(b"NETRA-SEALED-1\n")
    assert b"\xff\xd8\xff" not in on_disk[:64]  # not a JPEG on disk
    assert data not in on_disk
    handle, _name = evidence_open(evidence=evidence, user=officer, variant="original")
    with handle:
        assert handle.read() == data


def test_public_tier_stores_but_cannot_open_originals(report, officer, settings):
    from netra.core.exceptions import ApplicationError
    from netra.evidence.services import evidence_open

    settings.NETRA_IDENTITY_PRIVATE_KEYS = {}  # the internet-facing intake tier
    evidence = store(report, "foto.png", F.png_bytes())
    assert evidence.display  # the display copy is made from the upload
    with pytest.raises(ApplicationError, match="tidak memegang kunci"):
        evidence_open(evidence=evidence, user=officer, variant="original")
    handle, _name = evidence_open(evidence=evidence, user=officer, variant="display")
    handle.close()


def _embedded(package: bytes, part: str) -> zipfile.ZipFile:
    with zipfile.ZipFile(io.BytesIO(package)) as outer:
        return zipfile.ZipFile(io.BytesIO(outer.read(part)))


def test_chart_workbook_inside_a_docx_loses_its_properties_too(report):
    evidence = store(report, "grafik.docx", F.docx_with_chart_bytes())
    part = "word/embeddings/Microsoft_Excel_Worksheet.xlsx"
    with _embedded(read(evidence.display), part) as workbook:
        assert b"workbook" in workbook.read("xl/workbook.xml")  # the chart's data is kept
        for name in workbook.namelist():
            assert F.REPORTER_NAME.encode() not in workbook.read(name), name
    with _embedded(read(evidence.original), part) as workbook:
        assert F.REPORTER_NAME.encode() in workbook.read("docProps/core.xml")  # the original keeps it
    assert "data bagan" in evidence.strip_note
