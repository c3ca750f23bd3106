"""Reads on case documents: the case must be visible (restrict) and the reader in the document's
audience. Bawaslu reads every document of a case it may see; the oversight body reads the forwarding,
recommendation, sanction decree and clarification documents (it sees the case only once forwarded);
the employer reads the recommendation, the presentation request and the sanction decree addressed to
it; nobody but Bawaslu reads the status notice."""

from netra.agencies.models import AgencyFamily
from netra.cases.models import Case, Document
from netra.cases.selectors.cases import case_get_visible
from netra.core.exceptions import NotFoundError
from netra.core.scoping import Scope, scope_for

# Families whose reading is narrowed to the office a document is addressed to ("agency:<id>" entries).
_NARROWED = frozenset({AgencyFamily.EMPLOYER, AgencyFamily.RECIPIENT})


def document_readable(document: Document, scope: Scope) -> bool:
    if scope.is_superuser or scope.agency_family == AgencyFamily.BAWASLU:
        return True
    audience = set(document.audience or [])
    if scope.agency_family not in audience:
        return False
    if scope.agency_family in _NARROWED:
        addressed = {int(a.split(":", 1)[1]) for a in audience if a.startswith("agency:")}
        return bool(addressed & scope.agency_ids)
    return True


def document_list_visible(*, case: Case, user) -> list[Document]:
    scope = scope_for(user)
    docs = case.documents.select_related("issued_by").order_by("created_at", "id")
    return [d for d in docs if document_readable(d, scope)]


def document_get_visible(*, case_id: int, document_id: int, user) -> Document:
    """The document, or NotFound when the case or the document is out of the reader's reach."""
    case = case_get_visible(user=user, case_id=case_id)
    document = None
    if case is not None:
        document = case.documents.select_related("issued_by").filter(pk=document_id).first()
    if document is None or not document_readable(document, scope_for(user)):
        raise NotFoundError("Dokumen tidak ditemukan.")
    return document
