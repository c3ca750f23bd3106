"""Evidence services: check an upload, store it, add a link, open a file, purge a display copy.

Reporter protection runs through all of them: the file name a reporter gave never reaches a path, an
audit row or a display-copy download name; display copies carry no metadata; only officers with the
`evidence.download_original` permission get the original, and every opening is a custody event.
"""

from netra.evidence.services.access import (
    download_name,
    evidence_custody_record,
    evidence_open,
    evidence_orphans_sweep,
    evidence_purge_display,
)
from netra.evidence.services.files import (
    CheckedFile,
    EvidenceRejected,
    clean_file_name,
    evidence_check,
    evidence_store,
)
from netra.evidence.services.links import (
    evidence_link_add,
    evidence_link_prepare,
    evidence_links_attach,
    link_platform,
)

__all__ = [
    "CheckedFile",
    "EvidenceRejected",
    "clean_file_name",
    "download_name",
    "evidence_check",
    "evidence_custody_record",
    "evidence_link_add",
    "evidence_link_prepare",
    "evidence_links_attach",
    "evidence_open",
    "evidence_orphans_sweep",
    "evidence_purge_display",
    "evidence_store",
    "link_platform",
]
