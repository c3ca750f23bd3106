"""Rendering issued letters to PDF, after the move that issued them has committed.

`letter_issue` (services.letters_issue) writes the numbered row with the letter's frozen context and
state "pending"; `document_render` (run by the task `cases.document_render`, queued on commit) renders
it with WeasyPrint outside any lock of the case or the number counter, stores the PDF privately with its
SHA-256 (audited), and marks it "rendered". A failure is recorded on the row (error, attempt count and
time); the task retries with backoff and, when it gives up, the letter is "failed": the case page says
so and an officer of the issuing office may try again (`document_render_retry`). Letters left "pending"
(a worker that was down, a broker that refused the task) are queued again by `documents_render_pending`
(management command of the same name, task `cases.documents_render_pending`).
"""

import datetime as dt
import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.cases import letters
from netra.cases.models import Document, DocumentRenderState
from netra.cases.services.document_common import require_family
from netra.core.exceptions import ConflictError, PermissionDeniedError

logger = logging.getLogger(__name__)

# A letter still pending this long after its last attempt (or its issue) has lost its task: the task's
# backoff between attempts stays well under it (cases.tasks.document_render_task).
STUCK_AFTER = dt.timedelta(minutes=15)


class LetterRenderError(Exception):
    """A letter's PDF could not be rendered this time (recorded on the Document; the task retries)."""


def document_render(*, document_id: int, final: bool = True) -> Document | None:
    """Render and store the PDF of a generated letter that is not rendered yet. On failure the error is
    recorded; when this was not the `final` attempt the letter stays "pending" and LetterRenderError is
    raised for the task to retry, otherwise it becomes "failed". Safe to run twice (a second run of a
    rendered letter does nothing; of two concurrent runs only the first stores its PDF)."""
    document = Document.objects.filter(pk=document_id, generated=True).exclude(template="").first()
    if document is None or document.render_state == DocumentRenderState.RENDERED:
        return document
    try:
        pdf = letters.render_letter(template=document.template, context=document.render_context)
    except Exception as exc:  # any failure of the template or of WeasyPrint is the letter's to record
        logger.warning("Letter %s (document %s) failed to render: %s", document.number, document_id, exc)
        document = _failure_record(document_id, exc, final=final)
        if not final:
            raise LetterRenderError(str(exc)) from exc
        return document
    return _pdf_store(document_id, pdf)


def _pdf_store(document_id: int, pdf: bytes) -> Document:
    with transaction.atomic():
        document = Document.objects.select_for_update().select_related("case").get(pk=document_id)
        if document.render_state == DocumentRenderState.RENDERED:
            return document  # a concurrent run stored it first
        document.file.save("document.pdf", ContentFile(pdf), save=False)
        document.sha256 = hashlib.sha256(pdf).hexdigest()
        document.size = len(pdf)
        document.render_state = DocumentRenderState.RENDERED
        document.render_attempts += 1
        document.render_attempted_at = timezone.now()
        document.render_error = ""
        document.full_clean()
        document.save(update_fields=[*_RENDER_FIELDS, "file", "sha256", "size"])
        audit_record(
            actor=None,
            action="case.document_render",
            instance=document.case,
            after={
                "document_id": document.pk,
                "kind": document.kind,
                "number": document.number,
                "sha256": document.sha256,
                "size": document.size,
                "attempts": document.render_attempts,
            },
        )
    return document


_RENDER_FIELDS = ["render_state", "render_attempts", "render_attempted_at", "render_error"]


def _failure_record(document_id: int, exc: Exception, *, final: bool) -> Document:
    with transaction.atomic():
        document = Document.objects.select_for_update().select_related("case").get(pk=document_id)
        if document.render_state == DocumentRenderState.RENDERED:
            return document
        document.render_attempts += 1
        document.render_attempted_at = timezone.now()
        document.render_error = f"{type(exc).__name__}: {exc}"[:2000]
        document.render_state = DocumentRenderState.FAILED if final else DocumentRenderState.PENDING
        document.save(update_fields=_RENDER_FIELDS)
        if final:
            audit_record(
                actor=None,
                action="case.document_render_failed",
                instance=document.case,
                after={
                    "document_id": document.pk,
                    "kind": document.kind,
                    "number": document.number,
                    "attempts": document.render_attempts,
                    "error": document.render_error,
                },
            )
    return document


def document_render_refusal(*, document: Document, user) -> PermissionDeniedError | ConflictError | None:
    """Why `user` may not ask for `document`'s PDF to be rendered again, or None: an officer of the
    issuing office's family, for a letter that is not rendered."""
    if not user.has_perm("cases.change_case"):
        return PermissionDeniedError(_("Anda tidak berwenang membuat ulang surat."))
    try:
        require_family(user, document.issued_by.family)
    except PermissionDeniedError as exc:
        return exc
    if not document.generated or document.render_state == DocumentRenderState.RENDERED:
        return ConflictError(_("Surat ini sudah tersedia."), code="letter_rendered")
    return None


def document_render_retry(*, case_id: int, document_id: int, user) -> Document:
    """Queue a failed (or stuck) letter for rendering again, on the request of an officer of the office
    that issued it. The letter keeps its number, date and content as issued."""
    from netra.cases.selectors.documents import document_get_visible
    from netra.cases.services.letters_issue import letter_render_schedule

    document = document_get_visible(case_id=case_id, document_id=document_id, user=user)
    if (refusal := document_render_refusal(document=document, user=user)) is not None:
        raise refusal
    with transaction.atomic():
        document = Document.objects.select_for_update().select_related("case").get(pk=document.pk)
        if document.render_state == DocumentRenderState.RENDERED:
            raise ConflictError(_("Surat ini sudah tersedia."), code="letter_rendered")
        before = {"render_state": document.render_state, "render_error": document.render_error}
        document.render_state = DocumentRenderState.PENDING
        document.save(update_fields=["render_state"])
        audit_record(
            actor=user,
            action="case.document_render_retry",
            instance=document.case,
            before={"document_id": document.pk, **before},
            after={"document_id": document.pk, "render_state": document.render_state},
        )
        letter_render_schedule(document.pk)
    return document


def documents_render_pending(*, now: dt.datetime | None = None, failed: bool = False) -> list[int]:
    """Queue the letters whose rendering was lost: still "pending" STUCK_AFTER after their issue or last
    attempt (and, with `failed`, the ones that gave up, e.g. once a broken template is fixed). Returns
    their ids."""
    from netra.cases.tasks import document_render_task

    cutoff = (now or timezone.now()) - STUCK_AFTER
    stuck = models.Q(render_state=DocumentRenderState.PENDING) & (
        models.Q(render_attempted_at__lte=cutoff)
        | models.Q(render_attempted_at__isnull=True, created_at__lte=cutoff)
    )
    if failed:
        stuck |= models.Q(render_state=DocumentRenderState.FAILED)
    ids = list(
        Document.objects.filter(stuck, generated=True)
        .exclude(template="")
        .order_by("id")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        document_render_task.delay(pk)
    return ids
