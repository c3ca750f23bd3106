"""Documents from the case page: downloading one, and sending the reporter the status notice (issue 9:
split out of netra.cases.views; uploading and asking again for a letter are in views_casefile)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netra.cases.services import documents as document_services
from netra.cases.views_common import _case_or_404, _run
from netra.core.exceptions import ApplicationError, NotFoundError


@login_required
@require_GET
def document_download(request: HttpRequest, case_id: int, document_id: int) -> HttpResponse:
    try:
        content, document = document_services.document_open(
            case_id=case_id, document_id=document_id, user=request.user
        )
    except NotFoundError as exc:
        raise Http404 from exc
    except ApplicationError as exc:  # a letter still being rendered, or whose rendering failed
        messages.error(request, exc.message)
        return redirect("cases:detail", case_id=case_id)
    response = HttpResponse(content, content_type=document.mime_type)
    response["Content-Disposition"] = f'attachment; filename="{document.kind}-{document.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def status_notice(request: HttpRequest, case_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    return _run(
        request,
        case_id,
        lambda: document_services.status_notice_send(case_id=case_id, user=request.user),
        _("Pemberitahuan status dikirim kepada pelapor."),
    )
