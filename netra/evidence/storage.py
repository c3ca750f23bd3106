"""Where evidence files live: a private folder that no URL serves.

`NETRA_EVIDENCE_ROOT` (default: `<MEDIA_ROOT>/evidence`) is read each time a path is built, so a test's
temporary MEDIA_ROOT (or an `override_settings`) is honoured. The storage refuses to make URLs: files
leave only through `evidence_open`, which records who took them (chain of custody).
"""

import io
import os
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from netra.core import sealing


def evidence_root() -> Path:
    root = getattr(settings, "NETRA_EVIDENCE_ROOT", None)
    return Path(root) if root else Path(settings.MEDIA_ROOT) / "evidence"


class EvidenceStorage(FileSystemStorage):
    """FileSystemStorage rooted at evidence_root(), owner-only permissions, no public URL."""

    def __init__(self):
        super().__init__(file_permissions_mode=0o640, directory_permissions_mode=0o750)

    # Not cached (unlike FileSystemStorage): the setting is looked up on every use.
    @property
    def base_location(self) -> str:
        return str(evidence_root())

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Evidence files have no URL; use netra.evidence.services.evidence_open.")


class SealedEvidenceStorage(EvidenceStorage):
    """Evidence originals, encrypted at rest: each file under its own random key, sealed to the office
    key (netra.core.sealing). The public intake tier can write them; only the officers' tier, which holds
    the private key, can read them. A file backup therefore never holds an original's metadata (EXIF,
    GPS, document authors) in plaintext. Reading raises KeyUnavailableError without the key and
    SealedDataError if the file was altered."""

    def _save(self, name, content):
        data = b"".join(content.chunks())
        return super()._save(name, ContentFile(sealing.seal_file(data)))

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Sealed evidence is written only through save().")
        with super()._open(name, "rb") as stored:
            data = sealing.unseal_file(stored.read())
        return File(io.BytesIO(data), name=name)


def sealed_evidence_storage() -> SealedEvidenceStorage:
    """The callable given to Evidence.original (referenced by name in migrations)."""
    return SealedEvidenceStorage()


def evidence_storage() -> EvidenceStorage:
    """The callable given to the FileFields (referenced by name in migrations)."""
    return EvidenceStorage()
