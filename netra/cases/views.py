"""The shared case workspace (HTML): case list and queues, the case page, and its moves and edits.

Views parse input, call one service and render; every rule lives in the services. A stale form (the
case changed since the page was loaded) is refused with a clear message, never silently applied.
The case page's other doors are in sibling modules (issue 9): views_subjects (terlapor and the person
page), views_documents, views_clarifications, views_findings (temuan form, merge) and views_casefile;
what they share is in views_common and the page's context in views_context.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netra.cases import workflow
from netra.cases.services import transitions as transition_services
from netra.cases.services.edits import (
    case_assign,
    case_deadline_extend,
    case_note_add,
    case_update,
)
from netra.cases.steps import step_for
from netra.cases.views_common import _case_or_404, _run, _version
from netra.cases.views_context import _detail_context
from netra.core.exceptions import ApplicationError


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_or_404(request, case_id)
    return render(request, "cases/detail.html", _detail_context(request, case))


def _unconfirmed_final_move() -> None:
    raise ApplicationError(
        _("Centang konfirmasi: langkah ini mengakhiri penanganan kasus."), extra={"field": "confirm"}
    )


@login_required
@require_POST
def case_transition(request: HttpRequest, case_id: int, name: str) -> HttpResponse:
    case = _case_or_404(request, case_id)
    transition = workflow.transition_get(name)
    if transition is None:
        raise Http404
    payload = step_for(name).input.from_post(request.POST, case)
    if transition.is_final and request.POST.get("confirm") != "on":
        return _run(request, case_id, _unconfirmed_final_move, "", form=f"transition-{name}")
    return _run(
        request,
        case_id,
        lambda: transition_services.case_transition(
            case_id=case_id, user=request.user, name=name, payload=payload, expected_version=_version(request)
        ),
        _("Langkah “%(move)s” tercatat.") % {"move": transition.label},
        form=f"transition-{name}",
    )


@login_required
@require_POST
def case_note(request: HttpRequest, case_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    return _run(
        request,
        case_id,
        lambda: case_note_add(
            case_id=case_id,
            user=request.user,
            body=request.POST.get("body", ""),
            internal_to_family=request.POST.get("internal") == "on",
        ),
        _("Catatan tersimpan."),
    )


@login_required
@require_POST
def case_extend(request: HttpRequest, case_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    return _run(
        request,
        case_id,
        lambda: case_deadline_extend(
            case_id=case_id, user=request.user, reason=request.POST.get("reason", "")
        ),
        _("Tenggat tindak lanjut diperpanjang."),
    )


@login_required
@require_POST
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    """Edit the contest target (and title) of the case, refusing a stale form."""
    _case_or_404(request, case_id)
    post = request.POST
    data = {
        "target_contestant_id": int(post["target_contestant_id"])
        if post.get("target_contestant_id", "").isdigit()
        else None,
        "target_party_id": int(post["target_party_id"])
        if post.get("target_party_id", "").isdigit()
        else None,
        "target_blank_column": post.get("target_blank_column") == "on",
    }
    if post.get("title", "").strip():
        data["title"] = post["title"].strip()[:300]
    return _run(
        request,
        case_id,
        lambda: case_update(
            case_id=case_id, user=request.user, data=data, expected_version=_version(request)
        ),
        _("Data kasus tersimpan."),
    )


@login_required
@require_POST
def case_assign_officer(request: HttpRequest, case_id: int) -> HttpResponse:
    """Assign an officer of the reader's office to the case (the service checks who may)."""
    _case_or_404(request, case_id)
    raw = request.POST.get("assignee_id", "")
    return _run(
        request,
        case_id,
        lambda: case_assign(case_id=case_id, user=request.user, assignee_id=int(raw) if raw.isdigit() else 0),
        _("Petugas ditugaskan."),
    )
