"""Where case documents (letters, minutes, decrees) live: a private folder that no URL serves.

Letters name subjects, NIPs and evidence, so they must never sit under a publicly served MEDIA_URL.
`NETRA_CASE_DOCUMENT_ROOT` (default `<MEDIA_ROOT>/case-documents`) is read on every use so a test's
temporary MEDIA_ROOT is honoured. Files leave only through `services.documents.document_open`, which
checks the reader against `Document.audience` and records the download.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def case_document_root() -> Path:
    root = getattr(settings, "NETRA_CASE_DOCUMENT_ROOT", None)
    return Path(root) if root else Path(settings.MEDIA_ROOT) / "case-documents"


class CaseDocumentStorage(FileSystemStorage):
    """FileSystemStorage rooted at case_document_root(), owner-only permissions, no public URL."""

    def __init__(self):
        super().__init__(file_permissions_mode=0o640, directory_permissions_mode=0o750)

    @property
    def base_location(self) -> str:
        return str(case_document_root())

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Case documents have no URL; use services.documents.document_open.")


def case_document_storage() -> CaseDocumentStorage:
    """The callable given to Document.file (referenced by name in migrations)."""
    return CaseDocumentStorage()
