"""evidence_check refuses hostile files by their content and accepts ordinary evidence."""

import hashlib
import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image

from netra.evidence.inspection import images, office
from netra.evidence.models import EvidenceKind
from netra.evidence.services import EvidenceRejected, evidence_check
from netra.evidence.tests import fixtures as F


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    # The browser's content type is deliberately a lie in most tests: it must not matter.
    return SimpleUploadedFile(name, data, content_type=content_type)


def temporary_upload(name: str, data: bytes) -> TemporaryUploadedFile:
    f = TemporaryUploadedFile(name, "application/octet-stream", len(data), None)
    f.write(data)
    f.seek(0)
    return f


def rejected(name: str, data: bytes) -> EvidenceRejected:
    with pytest.raises(EvidenceRejected) as info:
        evidence_check(uploaded_file=upload(name, data))
    error = info.value
    assert error.status == 422
    assert error.code == "evidence-rejected"
    assert error.message.startswith(f'Berkas "{name}" ditolak: ')
    return error


# --- refused by type -------------------------------------------------------------------------------------


def test_windows_program_renamed_jpg_is_refused():
    error = rejected("foto.jpg", F.pe_exe_bytes())
    assert error.reason == "type"
    assert "bukan gambar, PDF, video atau dokumen kantor" in error.message


def test_linux_program_renamed_pdf_is_refused():
    assert rejected("laporan.pdf", F.elf_bytes()).reason == "type"


@pytest.mark.parametrize(
    ("name", "data"), [("gambar.svg", F.SVG), ("gambar.png", F.SVG), ("bukti.html", F.HTML)]
)
def test_svg_and_html_are_refused(name, data):
    error = rejected(name, data)
    assert error.reason == "type"
    assert "svg" in error.message or "html" in error.message


def test_plain_zip_and_other_ole_files_are_refused():
    assert rejected("arsip.docx", F.zip_bytes({"a.txt": b"isi"})).reason == "type"
    assert rejected("lain.doc", F.ole_bytes({"Foo": b"isi"})).reason == "type"


def test_empty_file_is_refused():
    error = rejected("kosong.jpg", b"")
    assert error.reason == "empty"
    assert "kosong" in error.message


# --- size ------------------------------------------------------------------------------------------------


def test_oversized_file_is_refused_with_the_limit_in_mb(settings):
    settings.NETRA_UPLOAD_MAX_BYTES = F.MiB
    data = F.jpeg_bytes() + bytes(F.MiB)  # a JPEG that is one MiB too long
    error = rejected("besar.jpg", data)
    assert error.reason == "too-large"
    assert "1 MB" in error.message


def test_size_is_counted_not_taken_from_the_declared_size(settings):
    settings.NETRA_UPLOAD_MAX_BYTES = 2048
    f = upload("kecil.jpg", F.jpeg_bytes() + bytes(4096))
    f.size = 10  # a lying upload handler
    with pytest.raises(EvidenceRejected) as info:
        evidence_check(uploaded_file=f)
    assert info.value.reason == "too-large"


def test_file_at_the_limit_is_accepted(settings):
    data = F.jpeg_bytes()
    settings.NETRA_UPLOAD_MAX_BYTES = len(data)
    assert evidence_check(uploaded_file=upload("pas.jpg", data)).size == len(data)


# --- polyglots and hidden content ------------------------------------------------------------------------


def test_jpeg_with_appended_zip_is_refused():
    error = rejected("foto.jpg", F.jpeg_zip_polyglot())
    assert error.reason == "hidden-content"
    assert "konten tersembunyi" in error.message


def test_jpeg_with_appended_data_is_refused_but_padding_is_accepted():
    assert rejected("foto.jpg", F.jpeg_bytes() + b"rahasia " * 10).reason == "hidden-content"
    assert (
        evidence_check(uploaded_file=upload("foto.jpg", F.jpeg_bytes() + bytes(4096))).kind
        == EvidenceKind.IMAGE
    )


def test_jpeg_end_is_found_by_walking_segments_not_by_the_last_ffd9():
    # Data appended after the real end that itself ends in FFD9 does not fool the check.
    assert rejected("foto.jpg", F.jpeg_bytes() + b"tersembunyi" * 5 + b"\xff\xd9").reason == "hidden-content"


def test_png_with_data_after_iend_is_refused():
    assert rejected("gambar.png", F.png_bytes() + b"data tersembunyi setelah IEND").reason == "hidden-content"


def test_gif_with_data_after_trailer_is_refused():
    assert (
        rejected("animasi.gif", F.gif_bytes() + b"data tersembunyi setelah trailer").reason
        == "hidden-content"
    )


def test_program_hidden_inside_a_png_chunk_is_refused():
    error = rejected("gambar.png", F.png_with_chunk_before_iend(b"tEXt", b"x\x00" + F.pe_exe_bytes()))
    assert error.reason == "hidden-content"
    assert "program Windows" in error.message


def test_zip_inside_a_pdf_is_refused():
    pdf = F.pdf_bytes()
    data = pdf.replace(b"%%EOF", F.zip_bytes({"run.js": b"x"}) + b"\n%%EOF")
    assert rejected("dok.pdf", data).reason == "hidden-content"


def test_damaged_image_is_refused():
    data = F.jpeg_bytes()
    assert rejected("rusak.jpg", data[: len(data) // 2]).reason == "damaged"


def test_image_over_the_pixel_limit_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_IMAGE_PIXELS", 1000)
    error = rejected("besar.png", F.png_bytes(size=(40, 30)))  # 1,200 pixels
    assert error.reason == "image-too-large"


# --- PDF -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (F.pdf_bytes(javascript=True), "JavaScript"),
        (F.pdf_bytes(launch=True), "/Launch"),
        (F.pdf_bytes(attachment=True), "/EmbeddedFile"),
    ],
)
def test_pdf_with_active_content_is_refused(data, says):
    error = rejected("surat.pdf", data)
    assert error.reason == "pdf-active-content"
    assert says in error.message


def test_pdf_javascript_hidden_with_name_escapes_is_refused():
    data = F.pdf_bytes(javascript=True).replace(b"/JavaScript", b"/J#61vaScript")
    assert b"/JavaScript" not in data
    assert rejected("surat.pdf", data).reason == "pdf-active-content"


def test_pdf_javascript_inside_a_compressed_object_stream_is_refused():
    data = F.pdf_with_javascript_in_object_stream()
    assert b"JavaScript" not in data  # no byte search could see it
    assert rejected("surat.pdf", data).reason == "pdf-active-content"


def test_plain_pdf_is_accepted():
    checked = evidence_check(uploaded_file=upload("surat.pdf", F.pdf_bytes(xmp=True)))
    assert (checked.kind, checked.mime_type, checked.extension) == (
        EvidenceKind.PDF,
        "application/pdf",
        ".pdf",
    )


# --- zip-based documents ---------------------------------------------------------------------------------


def test_zip_bomb_renamed_docx_is_refused():
    data = F.zip_bomb_docx()
    assert len(data) < 2 * F.MiB  # small on the wire ...
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sum(i.file_size for i in zf.infolist()) > 100 * F.MiB  # ... 200 MiB once opened
    error = rejected("laporan.docx", data)
    assert error.reason == "zip-bomb"
    assert "berkas terkompresi tidak wajar" in error.message


def test_docx_over_the_total_uncompressed_limit_is_refused(monkeypatch):
    monkeypatch.setattr(office, "ZIP_MAX_TOTAL_UNCOMPRESSED", 1024)
    assert rejected("laporan.docx", F.docx_bytes()).reason == "zip-bomb"


def test_docx_with_too_many_members_is_refused(monkeypatch):
    monkeypatch.setattr(office, "ZIP_MAX_MEMBERS", 5)
    extra = {f"word/part{i}.xml": b"<x/>" for i in range(5)}
    assert rejected("laporan.docx", F.docx_bytes(extra=extra)).reason == "zip-bomb"


@pytest.mark.parametrize(
    "extra",
    [
        {"word/embeddings/lain.zip": F.zip_bytes({"a.txt": b"a"})},
        {"word/embeddings/oleObject1.bin": F.zip_bytes({"a.txt": b"a"})},
        {"../../etc/cron.d/x": b"x"},
    ],
    ids=["nested-zip-by-name", "nested-zip-by-content", "path-traversal"],
)
def test_docx_with_nested_archive_or_odd_path_is_refused(extra):
    assert rejected("laporan.docx", F.docx_bytes(extra=extra)).reason == "zip-bomb"


def test_docx_with_program_or_macro_is_refused():
    embedded = {"word/embeddings/oleObject1.bin": b"\x00" * 100 + F.pe_exe_bytes()}
    assert rejected("laporan.docx", F.docx_bytes(extra=embedded)).reason == "hidden-content"
    assert rejected("laporan.docx", F.docx_bytes(extra={"word/vbaProject.bin": b"vba"})).reason == "macro"


def test_valid_docx_is_accepted_even_if_named_otherwise():
    checked = evidence_check(uploaded_file=upload("tanpa-ekstensi", F.docx_bytes()))
    assert checked.kind == EvidenceKind.DOCUMENT
    assert checked.container == "ooxml"
    assert checked.extension == ".docx"
    assert checked.mime_type.endswith("wordprocessingml.document")


def test_opendocument_text_is_accepted():
    data = F.zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<office:document-content/>",
        },
        compression=zipfile.ZIP_STORED,
    )
    checked = evidence_check(uploaded_file=upload("surat.odt", data))
    assert (checked.container, checked.extension) == ("odf", ".odt")


# --- legacy Office and video -----------------------------------------------------------------------------


def test_legacy_word_document_is_accepted_and_macros_are_refused():
    checked = evidence_check(uploaded_file=upload("surat.doc", F.ole_bytes({"WordDocument": b"teks"})))
    assert (checked.container, checked.mime_type, checked.extension) == ("ole", "application/msword", ".doc")
    macro = F.ole_bytes({"WordDocument": b"teks", "_VBA_PROJECT": b"vba"})
    assert rejected("surat.doc", macro).reason == "macro"


def test_video_is_accepted():
    checked = evidence_check(uploaded_file=upload("rekaman.mp4", F.mp4_bytes()))
    assert (checked.kind, checked.mime_type) == (EvidenceKind.VIDEO, "video/mp4")


# --- what a CheckedFile carries --------------------------------------------------------------------------


def test_checked_file_has_sniffed_type_exact_hash_and_clean_name():
    data = F.jpeg_bytes(exif=F.gps_exif())
    checked = evidence_check(uploaded_file=temporary_upload("C:\\Users\\budi\\Pictures\\IMG_0001.JPG", data))
    assert checked.name == "IMG_0001.JPG"  # the folder (with the user's name) is gone
    assert checked.sha256 == hashlib.sha256(data).hexdigest()
    assert checked.size == len(data)
    assert (checked.kind, checked.mime_type, checked.extension) == (EvidenceKind.IMAGE, "image/jpeg", ".jpg")


@pytest.mark.parametrize(
    ("data", "fmt"),
    [(F.png_bytes(), "PNG"), (F.gif_bytes(frames=3), "GIF"), (F.webp_bytes(), "WEBP")],
    ids=["png", "animated-gif", "webp"],
)
def test_other_image_types_are_accepted(data, fmt):
    assert (
        evidence_check(uploaded_file=upload("gambar.bin", data, "application/octet-stream")).image_format
        == fmt
    )


@pytest.mark.django_db
def test_check_touches_neither_database_nor_storage(django_assert_num_queries, evidence_dir):
    with django_assert_num_queries(0):
        evidence_check(uploaded_file=upload("foto.jpg", F.jpeg_bytes(exif=F.gps_exif())))
        with pytest.raises(EvidenceRejected):
            evidence_check(uploaded_file=upload("foto.jpg", F.jpeg_zip_polyglot()))
    assert not evidence_dir.exists()


def _jpeg_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (24, 24), "green").save(buf, format="JPEG")
    return buf.getvalue()


def test_phone_motion_photo_and_samsung_trailer_are_accepted():
    mp4 = (
        struct.pack(">I4s4sI", 24, b"ftyp", b"mp42", 0)
        + b"isommp42"
        + struct.pack(">I4s", 16, b"mdat")
        + b"\0" * 8
    )
    motion = evidence_check(uploaded_file=SimpleUploadedFile("PXL_2024.MP.jpg", _jpeg_bytes() + mp4))
    assert motion.kind == "image"
    samsung = _jpeg_bytes() + b"\0\0SEFH" + b"\x01" * 40 + struct.pack("<I", 44) + b"SEFT"
    assert evidence_check(uploaded_file=SimpleUploadedFile("20241012_101010.jpg", samsung)).kind == "image"


def test_unknown_trailer_and_zip_after_a_motion_photo_are_still_refused():
    with pytest.raises(EvidenceRejected):
        evidence_check(uploaded_file=SimpleUploadedFile("a.jpg", _jpeg_bytes() + b"hidden payload " * 20))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("run.sh", "echo pwned")
    mp4 = struct.pack(">I4s4sI", 24, b"ftyp", b"mp42", 0) + b"isommp42"
    with pytest.raises(EvidenceRejected):
        evidence_check(uploaded_file=SimpleUploadedFile("b.jpg", _jpeg_bytes() + mp4 + archive.getvalue()))


def test_docx_with_a_chart_workbook_is_accepted():
    checked = evidence_check(uploaded_file=upload("grafik.docx", F.docx_with_chart_bytes()))
    assert checked.kind == EvidenceKind.DOCUMENT
    assert checked.extension == ".docx"


@pytest.mark.parametrize(
    "extra",
    [
        {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": F.zip_bytes({"a.txt": b"bukan paket OOXML"})},
        {"word/embeddings/Dokumen.docm": F.chart_workbook_bytes()},
        {
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx": F.chart_workbook_bytes(
                extra={"xl/embeddings/lagi.xlsx": F.chart_workbook_bytes()}
            )
        },
    ],
    ids=["not-a-package", "macro-enabled", "two-levels-deep"],
)
def test_docx_with_other_embedded_packages_is_refused(extra):
    assert rejected("grafik.docx", F.docx_bytes(extra=extra)).reason == "zip-bomb"


def test_chart_workbook_is_checked_for_programs_too():
    workbook = F.chart_workbook_bytes(
        extra={"xl/embeddings/oleObject1.bin": b"\x00" * 100 + F.pe_exe_bytes()}
    )
    data = F.docx_bytes(extra={"word/embeddings/Microsoft_Excel_Worksheet.xlsx": workbook})
    assert rejected("grafik.docx", data).reason == "hidden-content"
