"""Documents of a case: issuing a missing letter on request, the BAP form, uploads and reading.

The document services, by module:
- services.letters_issue: numbering and tembusan, `letter_issue` (one letter, its PDF rendered after the
  commit), the forwarding and recommendation letters (effects of the forward / recommend moves).
- services.letters_render: rendering a letter's PDF after the commit, its failures and retries.
- services.status_notice: the status notice to the reporter.
- services.clarification_letters: the summons and the request to present a subject.
- services.document_common: who reads each kind, storing a PDF with its row.
- here: `document_generate` (a missing letter on request), the BAP klarifikasi form, uploads (the BAP,
  the PPK's sanction decree), `document_open` (the one way a file leaves) and `sanction_decree_id`.
  The names callers import from `services.documents` are re-exported below (one import path).

The BAP klarifikasi (`clarification_minutes_template`) is a blank form to print and sign, generated on
request and not stored (so not under any lock; it stays synchronous): the signed BAP is uploaded as a
document.
"""

import datetime as dt
import hashlib

from django.db import transaction
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.cases import letters
from netra.cases.models import (
    Case,
    CaseEvent,
    CaseSubject,
    Document,
    DocumentKind,
    DocumentRenderState,
    EventKind,
    Recommendation,
)
from netra.cases.services.common import case_bump, case_lock_for, event_add, refuse_unless
from netra.cases.services.document_common import (
    AUDIENCE,
    BAWASLU_ONLY_EVENTS,
    B,
    E,
    O,
    agency_entry,
    case_kind,
    document_store,
    registration,
    report_references,
    require_family,
)
from netra.cases.services.letters_issue import (
    forwarding_letter_issue,
    letter_copies,
    letter_issue,
    letter_number_next,
    recommendation_letter_issue,
    recommendation_letters_issue,
)
from netra.cases.services.status_notice import status_notice_refusal, status_notice_send
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from netra.core.scoping import scope_for
from netra.core.services import in_record_language
from netra.regions.timezones import DAYS, date_id, office_local, office_today, time_label

# The names other modules import from here (kept so that callers have one import path).
_report_references = report_references
_registration = registration
_case_kind = case_kind
__all__ = [
    "AUDIENCE",
    "UPLOAD_KINDS",
    "_case_kind",
    "_checked_pdf",
    "_registration",
    "_report_references",
    "_upload_store",
    "agency_entry",
    "clarification_minutes_template",
    "document_generate",
    "document_not_ready",
    "document_open",
    "document_store",
    "document_upload",
    "forwarding_letter_issue",
    "letter_copies",
    "letter_issue",
    "letter_number_next",
    "recommendation_letter_issue",
    "recommendation_letters_issue",
    "sanction_decree_id",
    "status_notice_refusal",
    "status_notice_send",
    "subject_for_case",
]

UPLOAD_KINDS = (DocumentKind.MINUTES, DocumentKind.SANCTION_DECISION, DocumentKind.OTHER)
# Which families may upload which kind (the PPK's decree is the employer's; oversight may file a copy).
_UPLOADERS: dict[str, frozenset[str]] = {
    DocumentKind.MINUTES: frozenset({B}),
    DocumentKind.SANCTION_DECISION: frozenset({E, O}),
    DocumentKind.OTHER: frozenset({B, O, E}),
}


# --- explicit generation ---------------------------------------------------------------------------------


def _forwarding_letter_generate(*, case_id: int, user, now: dt.datetime | None) -> Document:
    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang menerbitkan surat."))
    require_family(user, B)
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        if case.documents.filter(kind=DocumentKind.FORWARDING).exists():
            raise ConflictError(_("Surat penerusan kasus ini sudah diterbitkan."), code="letter_exists")
        document = forwarding_letter_issue(case=case, actor=user, now=now)
        case_bump(case)
    return document


def _recommendation_letter_generate(
    *, case_id: int, user, recommendation_id: int | None, now: dt.datetime | None
) -> Document:
    if not user.has_perm("cases.recommend_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang menerbitkan rekomendasi."))
    require_family(user, O)
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        rec = (
            Recommendation.objects.select_related("subject__person", "addressed_to", "issued_by")
            .filter(pk=recommendation_id or 0, subject__case=case)
            .first()
        )
        if rec is None:
            raise NotFoundError(_("Rekomendasi tidak ditemukan dalam kasus ini."))
        if rec.document_id:
            raise ConflictError(_("Surat rekomendasi ini sudah diterbitkan."), code="letter_exists")
        document = recommendation_letter_issue(case=case, recommendation=rec, actor=user, now=now)
        case_bump(case)
    return document


@in_record_language
def document_generate(
    *,
    case_id: int,
    user,
    kind: str,
    recommendation_id: int | None = None,
    now: dt.datetime | None = None,
) -> Document:
    """Issue a letter on request. The forwarding and recommendation letters are normally issued with
    their transition; this issues one that is missing (e.g. a case forwarded before letters existed) and
    refuses a second number for the same letter. Status notices: `status_notice_send`; summons and
    presentation requests: services.clarifications. The PDF is rendered after the commit."""
    if kind == DocumentKind.STATUS_NOTICE:
        return status_notice_send(case_id=case_id, user=user, now=now)
    if kind == DocumentKind.FORWARDING:
        return _forwarding_letter_generate(case_id=case_id, user=user, now=now)
    if kind == DocumentKind.RECOMMENDATION:
        return _recommendation_letter_generate(
            case_id=case_id, user=user, recommendation_id=recommendation_id, now=now
        )
    raise ApplicationError(
        _("Jenis surat ini dibuat melalui langkahnya sendiri (klarifikasi)."), extra={"field": "kind"}
    )


# --- BAP klarifikasi (blank form) -----------------------------------------------------------------------

BAP_ROWS = 8


def _bap_clarification(case: Case, clarification_id: int):
    from netra.cases.models import Clarification

    clarification = (
        Clarification.objects.select_related("subject__person", "summons")
        .filter(pk=clarification_id, case=case)
        .first()
    )
    if clarification is None:
        raise NotFoundError(_("Klarifikasi tidak ditemukan dalam kasus ini."))
    return clarification


@in_record_language
def clarification_minutes_template(*, case_id: int, clarification_id: int, user) -> tuple[bytes, str]:
    """The Berita Acara Klarifikasi of one session, as a PDF to print, fill in during the session and
    sign (the signed scan is then uploaded as the session's BAP). Bawaslu's officers only: it names who
    was summoned. Not stored and not numbered (the number is written by hand in the office's register);
    a reporter is never named on it: their identity is written on paper only. Rendered on request, under
    no lock (nothing is written)."""
    from netra.cases.models import ClarificationRole
    from netra.cases.selectors.cases import case_get_visible

    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang membuat berita acara klarifikasi."))
    require_family(user, B)
    case = case_get_visible(user=user, case_id=case_id)
    if case is None:
        raise NotFoundError(_("Kasus tidak ditemukan."))
    clarification = _bap_clarification(case, clarification_id)
    local = office_local(clarification.scheduled_at, case.office)
    subject = clarification.subject
    head = letters.Letterhead(
        agency=case.office,
        number="",
        dated=local.date(),
        subject_line=_("Berita Acara Klarifikasi"),
        addressee="",
    )
    context = {
        "case": case,
        **letters.case_law(case),
        "case_kind": case_kind(case),
        "registration_number": case.registration_number,
        "day_name": DAYS[local.weekday()],
        "date_text": date_id(local.date()),
        "time_text": time_label(clarification.scheduled_at, case.office),
        "place": clarification.place,
        "invitee": clarification.invitee_name,
        "invitee_known": clarification.role != ClarificationRole.REPORTER,
        "role_label": clarification.get_role_display(),
        "attempt": clarification.attempt,
        "summons_number": clarification.summons.number if clarification.summons_id else "",
        "nip": subject.nip if subject is not None else "",
        "position": subject.position if subject is not None else "",
        "rows": range(1, BAP_ROWS + 1),
    }
    pdf = letters.render_pdf(template="bap_klarifikasi.html", head=head, context=context)
    return pdf, f"bap-klarifikasi-{case.reference}-{clarification.pk}.pdf"


# --- uploads -------------------------------------------------------------------------------------------


def _checked_pdf(uploaded_file) -> bytes:
    """The upload's bytes if its *content* is a PDF that passes the evidence checks (python-magic
    sniffing, size limit NETRA_UPLOAD_MAX_BYTES, no active content)."""
    from netra.evidence.models import EvidenceKind
    from netra.evidence.services import evidence_check

    checked = evidence_check(uploaded_file=uploaded_file)
    if checked.kind != EvidenceKind.PDF:
        raise ApplicationError(_("Dokumen harus berupa berkas PDF."), code="not-pdf", extra={"field": "file"})
    uploaded_file.seek(0)
    content = uploaded_file.read()
    if hashlib.sha256(content).hexdigest() != checked.sha256:
        raise ApplicationError(_("Berkas berubah setelah diperiksa; unggah ulang."), code="document-changed")
    return content


@in_record_language
def document_upload(
    *,
    case_id: int,
    user,
    kind: str,
    uploaded_file,
    title: str = "",
    number: str = "",
    now: dt.datetime | None = None,
) -> Document:
    """Store an uploaded PDF: clarification minutes (BAP), the PPK's sanction decree, or another
    document. Stored privately with its SHA-256; readable by the audience of its kind."""
    if kind not in UPLOAD_KINDS:
        raise ApplicationError(_("Jenis dokumen tidak dapat diunggah."), extra={"field": "kind"})
    refuse_unless(user, "upload_document")
    if not scope_for(user).acts_as(*_UPLOADERS[kind]):
        raise PermissionDeniedError(_("Dokumen jenis ini bukan kewenangan instansi Anda."))
    content = _checked_pdf(uploaded_file)
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        document = _upload_store(case=case, user=user, kind=kind, content=content, title=title, number=number)
        case_bump(case)
    return document


def _upload_store(*, case: Case, user, kind: str, content: bytes, title: str, number: str = "") -> Document:
    """Inside the caller's transaction and case lock: the row, the timeline line and the audit row."""
    agency = user.agency or case.office
    audience = set(AUDIENCE[kind]) | {scope_for(user).agency_family or B}
    if kind in (DocumentKind.SANCTION_DECISION, DocumentKind.OTHER) and agency.family == E:
        audience.add(agency_entry(agency.pk))
    label = DocumentKind(kind).label
    document = document_store(
        case=case,
        kind=kind,
        title=(title.strip() or str(label))[:300],
        issued_by=agency,
        content=content,
        dated=office_today(agency),
        actor=user,
        number=number.strip(),
        generated=False,
        audience=audience,
    )
    event_add(
        case,
        EventKind.DOCUMENT,
        _("%(kind)s diunggah: %(title)s.") % {"kind": label, "title": document.title},
        actor=user,
        data={"document_id": document.pk, "kind": kind, "sha256": document.sha256},
        visible_to=B if kind in BAWASLU_ONLY_EVENTS else "",
    )
    audit_record(
        actor=user,
        action="case.document_upload",
        instance=case,
        after={"document_id": document.pk, "kind": kind, "sha256": document.sha256, "size": document.size},
    )
    return document


def sanction_decree_id(*, case: Case, document_id, user, index: int = 0) -> int | None:
    """The sanction decree (SK) a sanction record cites: a `keputusan_sanksi` document of this very case
    that the recorder may read (the PPK's own upload, or the oversight body's copy). None when no SK is
    cited; any other document is refused (another case's SK, a letter, an id the PPK cannot see)."""
    from netra.cases.selectors.documents import document_readable

    if document_id in (None, ""):
        return None
    field = f"sanctions[{index}].document_id"
    try:
        pk = int(document_id)
    except (TypeError, ValueError) as exc:
        raise ApplicationError(_("SK yang dipilih tidak valid."), extra={"field": field}) from exc
    document = case.documents.filter(pk=pk, kind=DocumentKind.SANCTION_DECISION).first()
    if document is None or not document_readable(document, scope_for(user)):
        raise ApplicationError(
            _("SK yang dipilih bukan keputusan sanksi yang diunggah dalam kasus ini."), extra={"field": field}
        )
    return document.pk


# --- reading -------------------------------------------------------------------------------------------


def document_not_ready(document: Document) -> ConflictError | None:
    """Why `document` cannot be opened yet (its PDF is being rendered, or rendering failed), or None."""
    state = {"render_state": document.render_state}
    if document.render_state == DocumentRenderState.PENDING:
        return ConflictError(_("Surat sedang dibuat…"), code="document-pending", extra=state)
    if document.render_state == DocumentRenderState.FAILED:
        return ConflictError(
            _("Gagal dibuat: %(error)s — coba lagi.") % {"error": document.render_error},
            code="document-render-failed",
            extra={**state, "render_error": document.render_error},
        )
    return None


def document_open(*, case_id: int, document_id: int, user) -> tuple[bytes, Document]:
    """The document's bytes for a reader in its audience, after checking them against the stored
    SHA-256 (a letter whose PDF is not rendered yet is refused with its state). The download is recorded on the case timeline (append-only; Bawaslu's view): reads do
    not write to the audit log (a rule of the permission test base), so the timeline is the access
    record, as the chain of custody is for evidence files."""
    from netra.cases.selectors.documents import document_get_visible

    document = document_get_visible(case_id=case_id, document_id=document_id, user=user)
    if (not_ready := document_not_ready(document)) is not None:
        raise not_ready
    with document.file.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise ConflictError(_("Berkas dokumen tidak utuh (SHA-256 tidak cocok)."), code="document-damaged")
    with transaction.atomic():
        CaseEvent.objects.create(
            case_id=case_id,
            kind=EventKind.DOCUMENT,
            actor=user,
            agency=user.agency,
            text=_("%(doc)s diunduh oleh %(who)s (%(agency)s).")
            % {"doc": document, "who": user.get_username(), "agency": user.agency or "-"},
            data={"document_id": document.pk, "downloaded": True},
            visible_to=B,
        )
    return content, document


def subject_for_case(case: Case, subject_id: int | None) -> CaseSubject:
    subject = case.subjects.select_related("person", "agency").filter(pk=subject_id or 0).first()
    if subject is None:
        raise NotFoundError(_("Terlapor tidak ditemukan dalam kasus ini."))
    return subject
