"""The case file's doors on the case page (HTML): opening an evidence display copy through the case,
uploading a document (the PPK's sanction decree) from the page, and asking again for a letter whose PDF
could not be made. Thin, like netra.cases.views."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from netra.cases.services import documents as document_services
from netra.cases.services.evidence import case_evidence_open
from netra.cases.services.letters_render import document_render_retry as document_render_retry_service
from netra.cases.views import _case_or_404, _run
from netra.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from netra.evidence.http import evidence_file_response


@login_required
@never_cache
@require_GET
def case_evidence(request: HttpRequest, case_id: int, evidence_id: int) -> HttpResponse:
    try:
        handle, name = case_evidence_open(case_id=case_id, evidence_id=evidence_id, user=request.user)
    except NotFoundError as exc:
        raise Http404 from exc
    except PermissionDeniedError as exc:
        return render(request, "intake/forbidden.html", {"message": exc.message}, status=403)
    return evidence_file_response(handle, name)


@login_required
@require_POST
def document_upload(request: HttpRequest, case_id: int) -> HttpResponse:
    """Upload a PDF from the case page (the PPK's sanction decree during its stage; then picked in the
    record-sanction form)."""
    _case_or_404(request, case_id)
    post = request.POST

    def act():
        upload = request.FILES.get("file")
        if upload is None:
            raise ApplicationError(_("Berkas wajib diunggah."), extra={"field": "file"})
        document_services.document_upload(
            case_id=case_id,
            user=request.user,
            kind=post.get("kind", ""),
            uploaded_file=upload,
            title=post.get("title", ""),
            number=post.get("number", ""),
        )

    return _run(request, case_id, act, _("Dokumen diunggah."), form="document_upload")


@login_required
@require_POST
def document_render_retry(request: HttpRequest, case_id: int, document_id: int) -> HttpResponse:
    """The "coba lagi" of a letter whose PDF could not be made: render it again (same number, same text)."""
    _case_or_404(request, case_id)
    return _run(
        request,
        case_id,
        lambda: document_render_retry_service(case_id=case_id, document_id=document_id, user=request.user),
        _("Surat sedang dibuat ulang."),
    )
