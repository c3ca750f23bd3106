"""PDF: no JavaScript, launch actions, embedded files, RichMedia or XFA, in any object."""

from typing import BinaryIO

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from netra.evidence.inspection.common import Refusal

PDF_MAX_OBJECTS = 500_000

_PDF_ACTIVE = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/Launch": "launch",
    "/EmbeddedFile": "embedded",
    "/EmbeddedFiles": "embedded",
    "/RichMedia": "richmedia",
    "/XFA": "xfa",
}


def _pdf_refusal(what: str) -> Refusal:
    reasons = {
        "JavaScript": _("PDF berisi JavaScript yang dapat berjalan saat dokumen dibuka."),
        "launch": _("PDF berisi perintah untuk menjalankan program atau membuka berkas lain (/Launch)."),
        "embedded": _("PDF berisi berkas lain yang tersemat di dalamnya (/EmbeddedFile)."),
        "richmedia": _("PDF berisi media aktif (RichMedia/Flash)."),
        "xfa": _("PDF berisi formulir XFA yang dapat menjalankan skrip."),
    }
    return Refusal(
        reasons[what] + " " + _("Cetak ulang sebagai PDF biasa (Cetak > Simpan sebagai PDF)."),
        "pdf-active-content",
    )


def _pdf_active_content(reader: PdfReader) -> str | None:
    """Walk every object listed in the cross-reference data (also those in object streams)."""
    refs = [(idnum, gen) for gen, ids in reader.xref.items() for idnum in ids]
    refs += [(idnum, 0) for idnum in reader.xref_objStm]
    if len(refs) > PDF_MAX_OBJECTS:
        raise Refusal(_("PDF terlalu rumit untuk diperiksa."), "pdf-too-complex")
    stack: list = [reader.trailer]
    for idnum, gen in refs:
        try:
            stack.append(reader.get_object(IndirectObject(idnum, gen, reader)))
        except (PyPdfError, ValueError, KeyError, OSError):
            continue
    while stack:
        obj = stack.pop()
        if isinstance(obj, NameObject):
            if obj in _PDF_ACTIVE:
                return _PDF_ACTIVE[obj]
        elif isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in _PDF_ACTIVE:
                    return _PDF_ACTIVE[key]
                if not isinstance(value, IndirectObject):
                    stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(v for v in obj if not isinstance(v, IndirectObject))
    return None


def check_pdf(f: BinaryIO, *, risky_names: set[bytes]) -> None:
    for name, what in ((b"JavaScript", "JavaScript"), (b"Launch", "launch"), (b"RichMedia", "richmedia")):
        if name in risky_names:
            raise _pdf_refusal(what)
    if risky_names & {b"EmbeddedFile", b"EmbeddedFiles"}:
        raise _pdf_refusal("embedded")
    f.seek(0)
    try:
        reader = PdfReader(f, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refusal(_("PDF terkunci kata sandi sehingga tidak dapat diperiksa."), "pdf-encrypted")
        found = _pdf_active_content(reader)
        pages = len(reader.pages)
    except Refusal:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on broken input
        raise Refusal(_("PDF rusak atau tidak dapat dibaca."), "damaged") from exc
    if found:
        raise _pdf_refusal(found)
    if pages < 1:
        raise Refusal(_("PDF tidak memiliki halaman."), "damaged")
