"""Where evidence files live: a private folder that no URL serves.

`NETRA_EVIDENCE_ROOT` (default: `<MEDIA_ROOT>/evidence`) is read each time a path is built, so a test's
temporary MEDIA_ROOT (or an `override_settings`) is honoured. The storage refuses to make URLs: files
leave only through `evidence_open`, which records who took them (chain of custody).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


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


def evidence_storage() -> EvidenceStorage:
    """The callable given to the FileFields (referenced by name in migrations)."""
    return EvidenceStorage()
