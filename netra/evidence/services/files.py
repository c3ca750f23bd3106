"""Checking and storing uploaded files."""

import hashlib
import logging
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.core.exceptions import ApplicationError
from netra.evidence.inspection import Refusal, inspect_upload
from netra.evidence.models import CustodyAction, Evidence, UploadedBy
from netra.evidence.services.custody import (
    REPORTER_LABEL,
    SYSTEM_LABEL,
    actor_label,
    actor_or_none,
    custody_append,
)
from netra.evidence.stripping import DisplayCopy, display_copy_make

logger = logging.getLogger(__name__)


class EvidenceRejected(ApplicationError):
    """An uploaded file was refused. `message` (Indonesian) names the file and says why; `reason` is a
    stable code ("type", "too-large", "empty", "hidden-content", "zip-bomb", "pdf-active-content",
    "macro", "damaged", ...), also in `extra["reason"]`."""

    status = 422
    code = "evidence-rejected"

    def __init__(self, message: str, *, file_name: str, reason: str):
        super().__init__(message, extra={"reason": reason})
        self.file_name = file_name
        self.reason = reason


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed evidence_check. `source` is the upload itself (not a copy): evidence_store
    reads it again, hashing as it writes, and refuses it if the bytes changed in between."""

    name: str  # as uploaded (folders removed), at most 200 characters
    kind: str
    mime_type: str
    size: int
    sha256: str
    extension: str  # from the sniffed type, e.g. ".jpg": never the one the user typed
    container: str  # "ooxml" | "odf" | "ole" | ""
    image_format: str  # Pillow format for images
    received_at: datetime
    source: Any = field(repr=False, compare=False)


def clean_file_name(raw: str) -> str:
    """The file's own name without any folder (old browsers send C:\\Users\\<name>\\...), control
    characters or surrounding blanks, at most 200 characters."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[:200]


def _short(name: str) -> str:
    return name if len(name) <= 80 else name[:77] + "..."


def evidence_check(*, uploaded_file) -> CheckedFile:
    """Check a Django UploadedFile by its content. Raises EvidenceRejected; writes nothing."""
    name = clean_file_name(getattr(uploaded_file, "name", "") or "")
    try:
        result = inspect_upload(
            uploaded_file,
            max_bytes=settings.NETRA_UPLOAD_MAX_BYTES,
            declared_size=getattr(uploaded_file, "size", None),
        )
    except Refusal as refusal:
        message = _('Berkas "%(name)s" ditolak: %(reason)s') % {
            "name": _short(name) or _("tanpa nama"),
            "reason": refusal.reason,
        }
        raise EvidenceRejected(message, file_name=name, reason=refusal.code) from None
    return CheckedFile(
        name=name,
        kind=result.kind,
        mime_type=result.mime_type,
        size=result.size,
        sha256=result.sha256,
        extension=result.extension,
        container=result.container,
        image_format=result.image_format,
        received_at=timezone.now(),
        source=uploaded_file,
    )


class _HashingFile(File):
    """Hashes the bytes as the storage reads them, so what was written is exactly what was checked."""

    def __init__(self, file):
        super().__init__(file)
        self.digest = hashlib.sha256()
        self.bytes_read = 0

    def chunks(self, chunk_size=None):
        for chunk in super().chunks(chunk_size):
            self.digest.update(chunk)
            self.bytes_read += len(chunk)
            yield chunk


def evidence_store(*, report, checked: CheckedFile, uploaded_by: str, user=None) -> Evidence:
    """Store a checked file for `report`: the original byte for byte, a display copy without metadata,
    custody events (received, stored, stripped) and an audit row. Runs inside the caller's transaction;
    files written here are removed again if this function fails (a later rollback of the caller's
    transaction leaves them for evidence_orphans_sweep)."""
    if uploaded_by not in UploadedBy.values:
        raise ApplicationError(_("Pengunggah bukti tidak dikenal."), code="invalid-uploader")
    if uploaded_by == UploadedBy.OFFICER and actor_or_none(user) is None:
        raise ApplicationError(_("Bukti dari petugas harus mencatat petugasnya."), code="invalid-uploader")
    label = actor_label(user, default=REPORTER_LABEL if uploaded_by == UploadedBy.REPORTER else SYSTEM_LABEL)
    written: list = []
    try:
        with transaction.atomic():
            evidence = Evidence(
                report=report,
                kind=checked.kind,
                original_name=checked.name,
                mime_type=checked.mime_type,
                size=checked.size,
                sha256=checked.sha256,
                uploaded_by=uploaded_by,
                uploaded_by_user=actor_or_none(user),
                created_at=timezone.now(),
            )
            source = _HashingFile(checked.source)
            evidence.original.save("original", source, save=False)
            written.append(evidence.original)
            if source.digest.hexdigest() != checked.sha256 or source.bytes_read != checked.size:
                raise ApplicationError(
                    _('Berkas "%(name)s" berubah setelah diperiksa; unggah ulang.')
                    % {"name": _short(checked.name)},
                    code="evidence-changed",
                )
            # Notes are records, kept in the office language whatever language the request uses.
            with translation.override(settings.LANGUAGE_CODE):
                copy = _display_copy_attach(evidence=evidence, checked=checked, written=written)
                evidence.full_clean()
                evidence.save()
                _store_records(evidence=evidence, checked=checked, copy=copy, user=user, label=label)
    except BaseException:
        for stored_file in written:
            delete_quietly(stored_file.storage, stored_file.name)
        raise
    return evidence


def _display_copy_attach(*, evidence: Evidence, checked: CheckedFile, written: list) -> DisplayCopy:
    """Make the display copy from the upload (whose bytes were just hashed as stored: the same bytes) and
    attach it to `evidence` (not yet saved). Not from the stored original: that is sealed, and the
    public tier that receives uploads cannot open it."""
    checked.source.seek(0)
    copy = display_copy_make(
        source=checked.source.file if hasattr(checked.source, "file") else checked.source,
        kind=checked.kind,
        container=checked.container,
        image_format=checked.image_format,
    )
    if copy.file is not None:
        with copy.file:
            evidence.display.save("display", File(copy.file), save=False)
        written.append(evidence.display)
        evidence.display_sha256 = copy.sha256
    evidence.stripped = copy.stripped
    evidence.strip_note = copy.note
    return copy


def _store_records(*, evidence: Evidence, checked: CheckedFile, copy: DisplayCopy, user, label: str) -> None:
    custody_append(
        evidence=evidence,
        action=CustodyAction.RECEIVED,
        user=user,
        label=label,
        at=checked.received_at,
        note=_("%(size)s bita, jenis %(mime)s, SHA-256 %(sha)s.")
        % {"size": checked.size, "mime": checked.mime_type, "sha": checked.sha256},
    )
    custody_append(
        evidence=evidence,
        action=CustodyAction.STORED,
        user=user,
        label=label,
        note=_("Berkas asli disimpan byte demi byte; SHA-256 cocok dengan yang diperiksa."),
    )
    if copy.stripped:
        custody_append(
            evidence=evidence,
            action=CustodyAction.STRIPPED,
            user=user,
            label=label,
            note=copy.note + " " + _("SHA-256 salinan: %(sha)s.") % {"sha": copy.sha256},
        )
    # No file name here: audit rows are permanent, and a file name may identify the reporter.
    audit_record(
        actor=actor_or_none(user),
        action="evidence.store",
        instance=evidence,
        after={
            "report": evidence.report_id,
            "sha256": checked.sha256,
            "size": checked.size,
            "mime": checked.mime_type,
            "kind": checked.kind,
            "stripped": copy.stripped,
        },
    )


def delete_quietly(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.exception("could not delete evidence file %s", name)
