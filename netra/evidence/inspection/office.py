"""Office files: OOXML/ODF zips (against bombs, odd paths, nested archives, programs, macros) and legacy
OLE files (Word/Excel/PowerPoint streams only, no VBA, no embedded packages)."""

import io
import re
import zipfile
from typing import BinaryIO

from django.utils.translation import gettext as _

from netra.evidence.inspection.common import (
    NESTED_ARCHIVE_SUFFIXES,
    ODF_TYPES,
    OLE_TYPES,
    OOXML_TYPES,
    PROGRAM_SUFFIXES,
    ZIP_MAGIC,
    MiB,
    Refusal,
    bomb,
    hidden,
    human_size,
    macro,
    refuse_type,
)
from netra.evidence.inspection.scanning import BodyScanner, find_program

MEMBER_HEAD_BYTES = 8192
MEMBER_READ_CHUNK = MiB
# Zip-based documents (limits on the central directory, before anything is decompressed).
ZIP_MAX_TOTAL_UNCOMPRESSED = 100 * MiB
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_RATIO = 100
ZIP_RATIO_MIN_SIZE = 1024  # tiny members compress oddly; their ratio says nothing
ZIP_EMBEDDING_SCAN_MAX = 32 * MiB

_ODF_MACRO = re.compile(
    r"^(Basic/[^/]+/(?!script-lb\.xml$|dialog-lb\.xml$)[^/]+\.xml|Scripts/.+\.(py|js|bsh))$"
)


# Charts in Word/PowerPoint carry their data as an embedded workbook (word/embeddings/*.xlsx): a whole
# OOXML package inside the document. One such level is checked like the outer package and accepted;
# anything deeper, any other archive and macro-enabled packages stay refused.
EMBEDDED_PACKAGE = re.compile(r"^(word|ppt|xl)/embeddings/[^/]+\.(xlsx|docx|pptx)$", re.IGNORECASE)


def is_embedded_package(name: str) -> bool:
    return bool(EMBEDDED_PACKAGE.match(name.replace("\\", "/")))


def _zip_members_ok(zf: zipfile.ZipFile, *, depth: int = 0) -> None:
    infos = zf.infolist()
    if len(infos) > ZIP_MAX_MEMBERS:
        raise bomb(_("%(n)s bagian, batas %(max)s") % {"n": len(infos), "max": ZIP_MAX_MEMBERS})
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename.replace("\\", "/")
        if name in seen or name.startswith("/") or re.match(r"[A-Za-z]:", name) or ".." in name.split("/"):
            raise bomb(_("nama bagian tidak wajar"))
        seen.add(name)
        if info.flag_bits & 0x1:
            raise bomb(_("bagian terenkripsi"))
        total += info.file_size
        if info.file_size >= ZIP_RATIO_MIN_SIZE and info.file_size > ZIP_MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise bomb(_("rasio pemampatan lebih dari %(max)s:1") % {"max": ZIP_MAX_RATIO})
        lower = name.lower()
        if lower.endswith(NESTED_ARCHIVE_SUFFIXES) and not (depth == 0 and is_embedded_package(name)):
            raise bomb(_("arsip di dalam arsip"))
        if lower.endswith(PROGRAM_SUFFIXES):
            raise hidden(_("program atau skrip di dalam dokumen"))
    if total > ZIP_MAX_TOTAL_UNCOMPRESSED:
        raise bomb(
            _("isi %(size)s setelah dibuka, batas %(max)s")
            % {"size": human_size(total), "max": human_size(ZIP_MAX_TOTAL_UNCOMPRESSED)}
        )
    # Members whose data overlap (the "non-recursive" zip bomb) are not a normal document either.
    spans = sorted((i.header_offset, i.header_offset + i.compress_size) for i in infos)
    if any(spans[k][1] > spans[k + 1][0] for k in range(len(spans) - 1)):
        raise bomb(_("bagian saling tumpang-tindih"))


def _embedded_package_ok(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """A chart's workbook inside a document: a real OOXML package, checked like the outer one, with no
    package inside it."""
    if info.file_size > ZIP_EMBEDDING_SCAN_MAX:
        raise bomb(_("arsip di dalam arsip"))
    with zipfile.ZipFile(io.BytesIO(zf.read(info))) as inner:
        if "[Content_Types].xml" not in inner.namelist():
            raise bomb(_("arsip di dalam arsip"))
        _zip_members_ok(inner, depth=1)
        _zip_member_contents_ok(inner, depth=1)


def _zip_member_contents_ok(zf: zipfile.ZipFile, *, depth: int = 0) -> None:
    for info in zf.infolist():
        if info.is_dir():
            continue
        lower = info.filename.lower()
        embedded = "/embeddings/" in lower or lower.endswith(".bin")
        with zf.open(info) as member:
            head = member.read(MEMBER_HEAD_BYTES)
            if head.startswith(ZIP_MAGIC) and depth == 0 and is_embedded_package(info.filename):
                _embedded_package_ok(zf, info)
                continue
            if head.startswith((ZIP_MAGIC, b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c")):
                raise bomb(_("arsip di dalam arsip"))
            if find_program(head):
                raise hidden(_("program di dalam dokumen"))
            if embedded and info.file_size <= ZIP_EMBEDDING_SCAN_MAX:
                # Embedded objects (oleObject*.bin) are where programs hide inside Office files.
                scanner = BodyScanner(archives=True)
                scanner.feed(head)
                while chunk := member.read(MEMBER_READ_CHUNK):
                    scanner.feed(chunk)
                if scanner.hidden:
                    raise hidden(scanner.hidden)


def check_zip(f: BinaryIO) -> tuple[str, str, str]:
    """(MIME, extension, container) of an OOXML or ODF document; anything else is refused."""
    f.seek(0)
    try:
        with zipfile.ZipFile(f) as zf:
            _zip_members_ok(zf)
            names = set(zf.namelist())
            if "mimetype" in names:
                with zf.open("mimetype") as member:
                    odf_mime = member.read(100).decode("ascii", "replace").strip()
                if odf_mime not in ODF_TYPES or "content.xml" not in names:
                    raise refuse_type(odf_mime or "application/zip")
                if any(_ODF_MACRO.match(n) for n in names):
                    raise macro()
                result = (odf_mime, ODF_TYPES[odf_mime], "odf")
            elif "[Content_Types].xml" in names:
                if any(n.lower().endswith("vbaproject.bin") for n in names):
                    raise macro()
                found = [v for prefix, v in OOXML_TYPES.items() if any(n.startswith(prefix) for n in names)]
                if len(found) != 1:
                    raise refuse_type("application/zip")
                result = (*found[0], "ooxml")
            else:
                raise refuse_type("application/zip")
            _zip_member_contents_ok(zf)
            return result
    except Refusal:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise Refusal(_("dokumen rusak atau tidak dapat dibaca."), "damaged") from exc


def check_ole(names: set[str]) -> tuple[str, str]:
    if "_VBA_PROJECT" in names:
        raise macro()
    if "\x01Ole10Native" in names:
        raise hidden(_("objek paket tersemat di dalam dokumen"))
    for name, result in OLE_TYPES.items():
        if name in names:
            return result
    raise refuse_type("application/x-ole-storage")
