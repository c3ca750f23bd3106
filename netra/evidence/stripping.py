"""Display copies: the evidence with the metadata that could identify the reporter removed.

- Images are redrawn from their pixels (orientation applied, colours converted to sRGB), so EXIF (with GPS),
  XMP, ICC, comments and text chunks cannot survive: JPEG stays JPEG (quality 90), the rest become PNG.
- PDFs are rebuilt page by page without the document information dictionary, XMP streams, private
  application data, annotation author names and the EXIF/XMP segments of embedded JPEG images.
- Office Open XML packages are rewritten with empty core/app/custom properties, comment and revision
  author names blanked, embedded JPEG/PNG metadata removed and zip time stamps zeroed.
- Video, legacy Office and OpenDocument files get no copy: no tool for them ships with Netra (no ffmpeg),
  and the note says so. Only officers may download the original of those.

Every copy is verified after it is written; if anything fails the evidence is stored without a copy and the
note says why (the upload is not lost because a copy could not be made).
"""

import hashlib
import io
import logging
import re
import shutil
import zipfile
from dataclasses import dataclass
from tempfile import SpooledTemporaryFile
from typing import BinaryIO

from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

from netra.evidence.formats import FormatError, jpeg_strip_metadata, png_strip_metadata
from netra.evidence.inspection import OOXML_TYPES, MiB
from netra.evidence.inspection.office import is_embedded_package
from netra.evidence.models import EvidenceKind

logger = logging.getLogger(__name__)

JPEG_QUALITY = 90
SPOOL_MAX_MEMORY = 8 * MiB
OOXML_SCRUB_MAX = 32 * MiB  # larger XML parts are copied as they are (said in the note)


def no_copy_note() -> str:
    return _("Metadata tidak dihapus; hanya petugas yang dapat mengunduh berkas asli.")


class StripError(Exception):
    """The copy could not be made or did not pass its verification."""


@dataclass
class DisplayCopy:
    file: BinaryIO | None
    stripped: bool
    note: str
    sha256: str = ""


def display_extension(*, kind: str, mime_type: str) -> str:
    if kind == EvidenceKind.IMAGE:
        return ".jpg" if mime_type == "image/jpeg" else ".png"
    if kind == EvidenceKind.PDF:
        return ".pdf"
    return next((ext for mime, ext in OOXML_TYPES.values() if mime == mime_type), "")


def _removed_sentence(removed: list[str]) -> str:
    return _("Dihapus: %(items)s.") % {"items": ", ".join(removed)}


# --- images --------------------------------------------------------------------------------------------


def _image_metadata(im: Image.Image) -> list[str]:
    found: list[str] = []
    exif = im.getexif()
    if exif:
        found.append(_("EXIF (termasuk lokasi GPS)") if exif.get_ifd(0x8825) else "EXIF")
    if "xmp" in im.info or "XML:com.adobe.xmp" in im.info:
        found.append("XMP")
    if "icc_profile" in im.info:
        found.append(_("profil warna ICC"))
    if im.info.get("comment"):
        found.append(_("komentar"))
    applist = getattr(im, "applist", [])
    if "photoshop" in im.info or any(marker == "APP13" for marker, _data in applist):
        found.append("IPTC/Photoshop")
    if any(marker == "APP2" and data.startswith(b"MPF") for marker, data in applist):
        found.append(_("gambar tambahan (MPF)"))
    text = {k for k in (getattr(im, "text", None) or {}) if k != "XML:com.adobe.xmp"}
    if text:
        found.append(_("teks PNG"))
    return found


def _image_copy(source: BinaryIO, *, fmt: str) -> tuple[BinaryIO, str]:
    """The copy redrawn from pixels, within the process's decoding budget (netra.evidence.decoding)."""
    from netra.evidence.decoding import pixels_reserved

    source.seek(0)
    with Image.open(source, formats=[fmt]) as probe:  # the header only: nothing decoded yet
        pixels = probe.width * probe.height
    with pixels_reserved(pixels):
        return _image_copy_decoded(source, fmt=fmt)


def _image_copy_decoded(source: BinaryIO, *, fmt: str) -> tuple[BinaryIO, str]:
    source.seek(0)
    notes: list[str] = []
    with Image.open(source, formats=[fmt]) as im:
        removed = _image_metadata(im)
        if getattr(im, "n_frames", 1) > 1:
            notes.append(_("Hanya gambar/bingkai pertama yang ditampilkan."))
        orientation = im.getexif().get(0x0112, 1)
        icc = im.info.get("icc_profile")
        clean = ImageOps.exif_transpose(im) or im.copy()
    if orientation not in (1, None):
        notes.append(_("Orientasi foto diterapkan pada piksel."))
    if icc and clean.mode in ("RGB", "RGBA", "CMYK"):
        try:
            clean = ImageCms.profileToProfile(
                clean,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGB" if clean.mode == "CMYK" else clean.mode,
            )
            notes.append(_("Warna dikonversi ke sRGB."))
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # the profile is dropped without conversion: colours may shift slightly
    if "transparency" in clean.info and clean.mode in ("P", "L", "RGB"):
        clean = clean.convert("RGBA")
    clean.info = {}  # nothing from the original travels with the pixels
    out_fmt = "JPEG" if fmt == "JPEG" else "PNG"
    if out_fmt == "JPEG" and clean.mode not in ("RGB", "L", "CMYK"):
        clean = clean.convert("RGB")
    if out_fmt == "PNG" and clean.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
        clean = clean.convert("RGBA")

    out = SpooledTemporaryFile(max_size=SPOOL_MAX_MEMORY)  # noqa: SIM115 - returned to the caller, who closes it
    if out_fmt == "JPEG":
        clean.save(out, "JPEG", quality=JPEG_QUALITY)
    else:
        clean.save(out, "PNG")
    _verify_image(out, out_fmt)
    head = _removed_sentence(removed) if removed else _("Tidak ditemukan metadata.")
    recipe = _("Salinan dibuat ulang dari piksel (%(fmt)s).") % {
        "fmt": _("JPEG kualitas %(q)s") % {"q": JPEG_QUALITY} if out_fmt == "JPEG" else "PNG"
    }
    return out, " ".join([head, *notes, recipe])


def _verify_image(out: BinaryIO, fmt: str) -> None:
    out.seek(0)
    with Image.open(out, formats=[fmt]) as check:
        check.load()
        left = {"exif", "xmp", "icc_profile", "comment", "photoshop", "XML:com.adobe.xmp"} & set(check.info)
        markers = {marker for marker, data in getattr(check, "applist", [])}
        if check.getexif() or left or (getattr(check, "text", None) or {}) or markers - {"APP0", "APP14"}:
            raise StripError(f"metadata left in the display copy: {sorted(left | markers)}")


# --- PDF -----------------------------------------------------------------------------------------------

_PDF_INFO_ITEMS = ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer")


class _Findings(list):
    """What was found, each label once, in the order first seen (the note lists them in that order)."""

    def note(self, label: str) -> None:
        if label not in self:
            self.append(label)


def _scrub_annotation_authors(page: DictionaryObject, found: _Findings) -> None:
    """Drop the author name (/T) of a page's annotations; form widgets keep their field name."""
    for annot in page.get("/Annots") or []:
        annot = annot.get_object()
        if annot.get("/Subtype") != "/Widget" and annot.pop(NameObject("/T"), None) is not None:
            found.note(_("nama penulis anotasi"))


def _scrub_embedded_jpeg(obj: StreamObject, found: _Findings) -> None:
    """Strip EXIF/XMP segments from a DCT-encoded image stream in place."""
    try:
        data, removed = jpeg_strip_metadata(obj._data)
    except FormatError:
        raise StripError("embedded JPEG could not be parsed") from None
    if removed:
        # pypdf has no public setter for an encoded (DCT) stream; /Length is rewritten on output.
        obj._data = data
        found.note(_("metadata gambar tersemat (%(items)s)") % {"items": ", ".join(removed)})


def _scrub_pdf_dict(obj: DictionaryObject, found: _Findings) -> None:
    """Remove the metadata one dictionary (page, image, resource...) can carry."""
    if obj.pop(NameObject("/Metadata"), None) is not None:
        found.note(_("metadata XMP pada halaman/gambar"))
    if obj.pop(NameObject("/PieceInfo"), None) is not None:
        found.note(_("data aplikasi pembuat (PieceInfo)"))
    if obj.get("/Type") == "/Page":
        _scrub_annotation_authors(obj, found)
    if isinstance(obj, StreamObject) and obj.get("/Subtype") == "/Image" and _is_dct(obj.get("/Filter")):
        _scrub_embedded_jpeg(obj, found)


def _scrub_pdf(writer: PdfWriter) -> list[str]:
    """Remove metadata reachable from the copied pages; return what was found."""
    found = _Findings()
    stack: list = list(writer.pages)
    seen: set[int] = set()
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            obj = obj.get_object()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, DictionaryObject):
            _scrub_pdf_dict(obj, found)
            stack.extend(v for k, v in obj.items() if k != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return list(found)


def _is_dct(filters) -> bool:
    if isinstance(filters, ArrayObject):
        return len(filters) == 1 and filters[0] == "/DCTDecode"
    return filters == "/DCTDecode"


def _pdf_copy(source: BinaryIO) -> tuple[BinaryIO, str]:
    source.seek(0)
    reader = PdfReader(source, strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    removed: list[str] = []
    info = reader.metadata or {}
    items = [key.lstrip("/") for key in info if info.get(key)]
    if items:
        removed.append(_("info dokumen (%(items)s)") % {"items": ", ".join(sorted(items))})
    if "/Metadata" in reader.trailer["/Root"]:
        removed.append(_("metadata XMP dokumen"))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    removed += _scrub_pdf(writer)
    writer.metadata = None  # no /Info at all: no Author, Creator or Producer (not even pypdf's own)
    out = SpooledTemporaryFile(max_size=SPOOL_MAX_MEMORY)  # noqa: SIM115 - returned to the caller
    writer.write(out)

    out.seek(0)
    check = PdfReader(out, strict=False)
    if check.metadata or "/Metadata" in check.trailer["/Root"] or len(check.pages) != len(reader.pages):
        raise StripError("PDF metadata survived the copy")
    head = _removed_sentence(removed) if removed else _("Tidak ditemukan metadata.")
    tail = _("Salinan hanya memuat halaman (tanpa penanda buku, formulir isian dan lampiran).")
    return out, f"{head} {tail}"


# --- Office Open XML -----------------------------------------------------------------------------------

_XML_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EMPTY_CORE = _XML_DECL + (
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    b"</cp:coreProperties>"
)
_EMPTY_APP = _XML_DECL + (
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>'
)
_EMPTY_CUSTOM = _XML_DECL + (
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>'
)
_PROPERTY_PARTS = {  # relationship type suffix -> (default part, replacement, label)
    "/metadata/core-properties": ("docProps/core.xml", _EMPTY_CORE, "core"),
    "/extended-properties": ("docProps/app.xml", _EMPTY_APP, "app"),
    "/custom-properties": ("docProps/custom.xml", _EMPTY_CUSTOM, "custom"),
}
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")


def _rel_attr(element: bytes, name: bytes) -> str:
    match = re.search(rb"\b" + name + rb'\s*=\s*"([^"]*)"', element)
    return match.group(1).decode("utf-8", "replace") if match else ""


def _property_parts(zin: zipfile.ZipFile) -> dict[str, tuple[bytes, str]]:
    """Part name -> (replacement, label), from the package relationships (defaults if absent)."""
    parts = {default: (empty, label) for default, empty, label in _PROPERTY_PARTS.values()}
    try:
        rels = zin.read("_rels/.rels")
    except KeyError:
        return parts
    for element in _RELATIONSHIP.findall(rels):
        rel_type, target = _rel_attr(element, b"Type"), _rel_attr(element, b"Target").lstrip("/")
        for suffix, (_default, empty, label) in _PROPERTY_PARTS.items():
            if rel_type.endswith(suffix) and target:
                parts[target] = (empty, label)
    return parts


_ATTR_BLANK = rb'\1=""'
_XML_SCRUBS = [  # (part name pattern, value pattern, replacement)
    (
        re.compile(r"^word/[^/]+\.xml$"),
        re.compile(rb'\b(w:author|w:initials|w15:author|w15:userId|w15:providerId)="[^"]+"'),
        _ATTR_BLANK,
    ),
    (re.compile(r"^xl/comments\d*\.xml$"), re.compile(rb"<author>[^<]+</author>"), b"<author></author>"),
    (
        re.compile(r"^xl/persons/[^/]+\.xml$"),
        re.compile(rb'\b(displayName|userId|providerId)="[^"]+"'),
        _ATTR_BLANK,
    ),
    (
        re.compile(r"^ppt/(commentAuthors|authors)\.xml$"),
        re.compile(rb'\b(name|initials|userId|providerId)="[^"]+"'),
        _ATTR_BLANK,
    ),
]


def _property_labels() -> dict[str, str]:
    """How the note names each emptied property part (translated when the copy is made)."""
    return {
        "core": _("properti dokumen (pembuat, pengubah terakhir, judul, waktu)"),
        "app": _("properti aplikasi (perusahaan, templat, manajer)"),
        "custom": _("properti khusus"),
    }


class _OoxmlNotes:
    """What the rewrite removed (each label once) and which parts it could not check."""

    def __init__(self) -> None:
        self.removed = _Findings()
        self.unchecked: list[str] = []

    def note(self, label: str) -> None:
        self.removed.note(label)

    def text(self) -> str:
        parts = [_removed_sentence(self.removed) if self.removed else _("Tidak ditemukan metadata.")]
        if self.unchecked:
            parts.append(
                _("%(n)s bagian tidak dapat diperiksa dan disalin apa adanya.") % {"n": len(self.unchecked)}
            )
        parts.append(_("Isi dokumen tidak diubah dan tetap dapat memuat nama atau identitas."))
        return " ".join(parts)


def _ooxml_image_strip(name: str, data: bytes, notes: _OoxmlNotes) -> bytes:
    """Remove an embedded JPEG/PNG's metadata; an unparsable one is kept and counted as unchecked."""
    try:
        strip = png_strip_metadata if name.lower().endswith(".png") else jpeg_strip_metadata
        data, found = strip(data)
    except FormatError:
        found = []
        notes.unchecked.append(name)
    if found:
        notes.note(_("metadata gambar tersemat (%(items)s)") % {"items": ", ".join(found)})
    return data


def _ooxml_scrub_part(zin: zipfile.ZipFile, info: zipfile.ZipInfo, scrubs: list, notes: _OoxmlNotes) -> bytes:
    """Blank the author names in an XML part and strip an image part's metadata."""
    data = zin.read(info)
    for pattern, repl in scrubs:
        data, count = pattern.subn(repl, data)
        if count:
            notes.note(_("nama penulis komentar/revisi"))
    if info.filename.lower().endswith((".jpg", ".jpeg", ".png")):
        data = _ooxml_image_strip(info.filename, data, notes)
    return data


def _ooxml_copy_entry(
    zin: zipfile.ZipFile,
    zout: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    replacements: dict[str, tuple[bytes, str]],
    notes: _OoxmlNotes,
) -> None:
    """Write one package entry to the copy: emptied, rewritten, scrubbed or copied as it is."""
    name = info.filename
    target = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # edit times say who/when
    target.compress_type = zipfile.ZIP_DEFLATED
    if info.is_dir():
        zout.writestr(target, b"")
        return
    if name in replacements:
        empty, label = replacements[name]
        zout.writestr(target, empty)
        notes.note(_property_labels()[label])
        return
    if is_embedded_package(name):  # a chart's workbook: its own properties go too
        inner, _inner_note = _ooxml_copy(io.BytesIO(zin.read(info)))
        inner.seek(0)
        zout.writestr(target, inner.read())
        notes.note(_("properti dokumen tersemat (data bagan)"))
        return
    scrubs = [(pattern, repl) for part, pattern, repl in _XML_SCRUBS if part.match(name)]
    image = name.lower().endswith((".jpg", ".jpeg", ".png"))
    if (scrubs or image) and info.file_size > OOXML_SCRUB_MAX:
        notes.unchecked.append(name)
    elif scrubs or image:
        zout.writestr(target, _ooxml_scrub_part(zin, info, scrubs, notes))
        return
    with zin.open(info) as src, zout.open(target, "w") as dst:
        shutil.copyfileobj(src, dst, MiB)


def _ooxml_verify(out: BinaryIO, replacements: dict[str, tuple[bytes, str]]) -> None:
    """The copy must be a valid package whose property parts are really empty."""
    out.seek(0)
    with zipfile.ZipFile(out) as check:
        if "[Content_Types].xml" not in check.namelist() or check.testzip() is not None:
            raise StripError("rewritten package is not valid")
        for part, (empty, _label) in replacements.items():
            if part in check.namelist() and check.read(part) != empty:
                raise StripError(f"{part} still has content")


def _ooxml_copy(source: BinaryIO) -> tuple[BinaryIO, str]:
    source.seek(0)
    out = SpooledTemporaryFile(max_size=SPOOL_MAX_MEMORY)  # noqa: SIM115 - returned to the caller
    notes = _OoxmlNotes()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        replacements = _property_parts(zin)
        for info in zin.infolist():
            _ooxml_copy_entry(zin, zout, info, replacements, notes)
        if zin.comment:
            notes.note(_("komentar arsip"))
    _ooxml_verify(out, replacements)
    return out, notes.text()


# --- entry point ---------------------------------------------------------------------------------------


def _sha256_of(f: BinaryIO) -> str:
    f.seek(0)
    digest = hashlib.sha256()
    while chunk := f.read(MiB):
        digest.update(chunk)
    f.seek(0)
    return digest.hexdigest()


def display_copy_make(
    *, source: BinaryIO, kind: str, container: str = "", image_format: str = ""
) -> DisplayCopy:
    """Make the display copy of `source` (the stored original). Never raises for a bad copy."""
    if kind not in (EvidenceKind.IMAGE, EvidenceKind.PDF) and container != "ooxml":
        return DisplayCopy(file=None, stripped=False, note=no_copy_note())
    try:
        if kind == EvidenceKind.IMAGE:
            out, note = _image_copy(source, fmt=image_format)
        elif kind == EvidenceKind.PDF:
            out, note = _pdf_copy(source)
        else:
            out, note = _ooxml_copy(source)
    except Exception:
        logger.warning("evidence display copy failed (kind=%s)", kind, exc_info=True)
        return DisplayCopy(
            file=None,
            stripped=False,
            note=_("Salinan tanpa metadata gagal dibuat.") + " " + no_copy_note(),
        )
    return DisplayCopy(file=out, stripped=True, note=note, sha256=_sha256_of(out))
