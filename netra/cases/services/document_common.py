"""What the document services share (services.documents, letters_issue, letters_render, status_notice):
who reads each kind of document, the references a letter names, and storing a PDF with its row.

- Who reads a document: `Document.audience` (agency families, plus "agency:<id>" entries that narrow
  the employer/recipient families to the addressed office). See `selectors.documents`.
- Letters never carry the reporter's identity: the reporter is "Pelapor" plus the report number.
"""

import datetime as dt
import hashlib
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from netra.agencies.models import Agency, AgencyFamily
from netra.cases.models import Case, Document, DocumentKind
from netra.core.exceptions import PermissionDeniedError
from netra.core.scoping import scope_for

B = AgencyFamily.BAWASLU
O = AgencyFamily.OVERSIGHT  # noqa: E741
E = AgencyFamily.EMPLOYER

# Who may read each kind (Bawaslu reads every document of a case it may see; see selectors.documents).
AUDIENCE: dict[str, list[str]] = {
    DocumentKind.SUMMONS: [B, O],
    DocumentKind.MINUTES: [B, O],
    DocumentKind.PRESENTATION_REQUEST: [B, O, E],
    DocumentKind.FORWARDING: [B, O],
    DocumentKind.STATUS_NOTICE: [B],
    DocumentKind.RECOMMENDATION: [B, O, E],
    DocumentKind.SANCTION_DECISION: [B, O, E],
    DocumentKind.OTHER: [B],
}
# Timeline lines about these kinds stay with Bawaslu (they name witnesses or concern the reporter).
BAWASLU_ONLY_EVENTS = frozenset(
    {DocumentKind.SUMMONS, DocumentKind.MINUTES, DocumentKind.STATUS_NOTICE, DocumentKind.OTHER}
)


def agency_entry(agency_id: int) -> str:
    return f"agency:{agency_id}"


def actor_or_none(user):
    """The user a row is written by, or None for the system (a task, an anonymous caller)."""
    return user if getattr(user, "is_authenticated", False) else None


def report_references(case: Case) -> str:
    refs = [cr.report.reference or "" for cr in case.case_reports.select_related("report")]
    return ", ".join(r for r in refs if r) or "-"


def registration(case: Case) -> str:
    return case.registration_number or case.reference or "-"


def case_kind(case: Case) -> str:
    return _("temuan") if case.origin == "temuan" else _("laporan")


def require_family(user, *families: str) -> None:
    if not scope_for(user).acts_as(*families):
        raise PermissionDeniedError(_("Surat ini bukan kewenangan instansi Anda."), code="not_your_letter")


def document_store(
    *,
    case: Case,
    kind: str,
    title: str,
    issued_by: Agency,
    content: bytes,
    dated: dt.date,
    actor=None,
    number: str = "",
    addressed_to: str = "",
    generated: bool = True,
    audience: Iterable[str] = (),
) -> Document:
    """Write the file to the private storage and its row (no event, audit or bump: callers do that).
    A rollback of the caller's transaction leaves the file behind without a row; it is unreachable."""
    document = Document(
        case=case,
        kind=kind,
        number=number[:120],
        dated=dated,
        title=title[:300],
        issued_by=issued_by,
        addressed_to=addressed_to[:300],
        mime_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        generated=generated,
        audience=sorted(set(audience or AUDIENCE.get(kind, [B]))),
        created_by=actor_or_none(actor),
    )
    document.file.save("document.pdf", ContentFile(content), save=False)
    document.full_clean()
    document.save()
    return document
