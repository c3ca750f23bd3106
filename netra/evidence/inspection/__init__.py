"""Decide from a file's bytes alone whether it may be kept as evidence (no database, no file writes).

The browser's content type and the file's extension are never consulted. libmagic names the type from the
first bytes; each type is then checked structurally:

- images: the byte structure is walked to its real end (nothing may follow it but padding or the extra
  JPEG images of a multi-picture file), then every frame is fully decoded by Pillow with a pixel limit;
- PDF: refused if it carries JavaScript, launch actions, embedded files, RichMedia or XFA (found both in
  the raw bytes and in every parsed object, including those inside compressed object streams);
- Office Open XML / OpenDocument: the zip's central directory is checked against zip bombs, odd paths,
  nested archives, programs and macros;
- legacy Office (OLE): accepted only with a Word, Excel or PowerPoint stream, refused with VBA macros or
  embedded packages;
- every type: the body must not hide a Windows/Linux program, and images, PDFs and videos must not hide a
  ZIP, RAR or 7z archive (polyglot files).

Refusals raise `Refusal(reason, code)`; services.evidence_check turns them into EvidenceRejected.
"""

from netra.evidence.inspection.common import (
    EXTENSION_BY_MIME,
    IMAGE_TYPES,
    ODF_TYPES,
    OLE_TYPES,
    OOXML_TYPES,
    VIDEO_TYPES,
    MiB,
    Refusal,
)
from netra.evidence.inspection.upload import Inspection, inspect_upload

__all__ = [
    "EXTENSION_BY_MIME",
    "IMAGE_TYPES",
    "ODF_TYPES",
    "OLE_TYPES",
    "OOXML_TYPES",
    "VIDEO_TYPES",
    "Inspection",
    "MiB",
    "Refusal",
    "inspect_upload",
]
