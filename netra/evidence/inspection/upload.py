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
    detected = magic.from_buffer(head, mime=True)

    container = image_format = ""
    if head.startswith(ZIP_MAGIC):
        kind, mime, ext, container = EvidenceKind.DOCUMENT, "", "", "zip"
        scanner = BodyScanner(archives=False)
    elif head.startswith(OLE_MAGIC) and detected not in OLE_REFUSED_MIMES:
        kind, mime, ext, container = EvidenceKind.DOCUMENT, "", "", "ole"
        scanner = BodyScanner(archives=False, ole=True)
    elif detected in IMAGE_TYPES:
        kind, mime = EvidenceKind.IMAGE, detected
        image_format, ext = IMAGE_TYPES[detected]
        scanner = BodyScanner(archives=True)
    elif detected == "application/pdf" and head.startswith(b"%PDF-"):
        kind, mime, ext = EvidenceKind.PDF, detected, ".pdf"
        scanner = BodyScanner(archives=True, pdf=True)
    elif detected in VIDEO_TYPES:
        kind, mime, ext = EvidenceKind.VIDEO, detected, VIDEO_TYPES[detected]
        scanner = BodyScanner(archives=True)
    else:
        raise refuse_type(detected)

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

    if kind == EvidenceKind.IMAGE:
        check_image(f, fmt=image_format, size=size)
    elif kind == EvidenceKind.PDF:
        check_pdf(f, risky_names=scanner.pdf_names)
    elif container == "zip":
        mime, ext, container = check_zip(f)
    elif container == "ole":
        mime, ext = check_ole(scanner.ole_names)
    return Inspection(
        kind=kind,
        mime_type=mime,
        extension=ext,
        container=container,
        image_format=image_format,
        size=size,
        sha256=hasher.hexdigest(),
    )
