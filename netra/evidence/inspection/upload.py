"""The entry point: one chunked read (hash + body scan), then the structural check for the type."""

import hashlib
from dataclasses import dataclass
from typing import BinaryIO

import magic
from django.utils.translation import gettext as _

from netra.evidence.inspection.common import (
    IMAGE_TYPES,
    OLE_MAGIC,
    OLE_REFUSED_MIMES,
    VIDEO_TYPES,
    ZIP_MAGIC,
    MiB,
    Refusal,
    hidden,
    human_size,
    refuse_type,
)
from netra.evidence.inspection.images import check_image
from netra.evidence.inspection.office import check_ole, check_zip
from netra.evidence.inspection.pdf import check_pdf
from netra.evidence.inspection.scanning import BodyScanner
from netra.evidence.models import EvidenceKind

HEAD_BYTES = 8192  # what libmagic sees
READ_CHUNK = MiB


@dataclass(frozen=True)
class Inspection:
    kind: str
    mime_type: str
    extension: str
    container: str  # "ooxml" | "odf" | "ole" | ""
    image_format: str  # Pillow format for images, "" otherwise
    size: int
    sha256: str


@dataclass
class _Sniffed:
    """What the first bytes say the file is, and the body scanner that type needs."""

    kind: str
    mime: str
    ext: str
    container: str
    image_format: str
    scanner: BodyScanner


def _sniff(head: bytes, detected: str) -> _Sniffed:
    """Classify by magic bytes and libmagic's verdict; any other type is refused."""
    doc = EvidenceKind.DOCUMENT
    if head.startswith(ZIP_MAGIC):
        return _Sniffed(doc, "", "", "zip", "", BodyScanner(archives=False))
    if head.startswith(OLE_MAGIC) and detected not in OLE_REFUSED_MIMES:
        return _Sniffed(doc, "", "", "ole", "", BodyScanner(archives=False, ole=True))
    if detected in IMAGE_TYPES:
        image_format, ext = IMAGE_TYPES[detected]
        return _Sniffed(EvidenceKind.IMAGE, detected, ext, "", image_format, BodyScanner(archives=True))
    if detected == "application/pdf" and head.startswith(b"%PDF-"):
        return _Sniffed(EvidenceKind.PDF, detected, ".pdf", "", "", BodyScanner(archives=True, pdf=True))
    if detected in VIDEO_TYPES:
        return _Sniffed(
            EvidenceKind.VIDEO, detected, VIDEO_TYPES[detected], "", "", BodyScanner(archives=True)
        )
    raise refuse_type(detected)


def _read_body(
    f: BinaryIO, head: bytes, scanner: BodyScanner, *, max_bytes: int, too_big: Refusal
) -> tuple[int, str]:
    """Hash and scan the rest of the file in chunks, stopping as soon as it is over the limit."""
    hasher = hashlib.sha256(head)
    scanner.feed(head)
    size = len(head)
    while chunk := f.read(READ_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise too_big
        hasher.update(chunk)
        scanner.feed(chunk)
    if size > max_bytes:
        raise too_big
    if scanner.hidden:
        raise hidden(scanner.hidden)
    return size, hasher.hexdigest()


def _check_structure(f: BinaryIO, sniffed: _Sniffed, *, size: int) -> None:
    """The type's own structural check; office containers learn their real type here."""
    if sniffed.kind == EvidenceKind.IMAGE:
        check_image(f, fmt=sniffed.image_format, size=size)
    elif sniffed.kind == EvidenceKind.PDF:
        check_pdf(f, risky_names=sniffed.scanner.pdf_names)
    elif sniffed.container == "zip":
        sniffed.mime, sniffed.ext, sniffed.container = check_zip(f)
    elif sniffed.container == "ole":
        sniffed.mime, sniffed.ext = check_ole(sniffed.scanner.ole_names)


def inspect_upload(f: BinaryIO, *, max_bytes: int, declared_size: int | None = None) -> Inspection:
    """Read `f` once in chunks (hashing and scanning), then check its structure by type."""
    too_big = Refusal(
        _("ukurannya melebihi batas %(limit)s.") % {"limit": human_size(max_bytes)}, "too-large"
    )
    if declared_size is not None and declared_size > max_bytes:
        raise too_big
    f.seek(0)
    head = f.read(HEAD_BYTES)
    if not head:
        raise Refusal(_("berkas kosong."), "empty")
    sniffed = _sniff(head, magic.from_buffer(head, mime=True))
    size, sha256 = _read_body(f, head, sniffed.scanner, max_bytes=max_bytes, too_big=too_big)
    _check_structure(f, sniffed, size=size)
    return Inspection(
        kind=sniffed.kind,
        mime_type=sniffed.mime,
        extension=sniffed.ext,
        container=sniffed.container,
        image_format=sniffed.image_format,
        size=size,
        sha256=sha256,
    )
