"""What the case views share: the case this reader may see (else 404), the form's expected version, and
running one service call with its notice or refusal (issue 9: split out of netra.cases.views)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from netra.cases import selectors
from netra.cases.models import Case
from netra.cases.views_context import _detail_context
from netra.core.exceptions import ApplicationError, NotFoundError


def _case_or_404(request: HttpRequest, case_id: int) -> Case:
    case = selectors.case_get_visible(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


def _run(
    request: HttpRequest, case_id: int, action, success: str, form: str = "", warning: str = ""
) -> HttpResponse:
    """Call a service; on success go back to the case page with a notice. A refusal is shown on the
    case page too; when the refused `form` is named, the page is rendered again with what was typed,
    that form open and the refused field marked (nothing typed is lost)."""
    try:
        action()
    except NotFoundError as exc:
        raise Http404 from exc
    except ApplicationError as exc:  # ConflictError and PermissionDeniedError included
        if not form:
            messages.error(request, exc.message)
            return redirect("cases:detail", case_id=case_id)
        failed = {
            "form": form,
            "data": request.POST,
            "field": exc.extra.get("field", ""),
            "message": exc.message,
        }
        context = _detail_context(request, _case_or_404(request, case_id))
        context["failed"] = failed
        return render(request, "cases/detail.html", context, status=exc.status)
    messages.success(request, success)
    if warning:  # advice that does not block (e.g. a lurah recorded as kepala desa)
        messages.warning(request, warning)
    return redirect("cases:detail", case_id=case_id)
