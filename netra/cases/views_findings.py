"""A supervisor's temuan form (Formulir Model B.2) and merging a case into another (issue 9: split out
of netra.cases.views)."""

import datetime as dt
from collections.abc import Mapping

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netra.cases.models import Case, CaseState
from netra.cases.services import merge as merge_services
from netra.cases.services.opening import finding_record, finding_refusal
from netra.cases.views_common import _case_or_404, _run, _version
from netra.core.exceptions import ApplicationError, PermissionDeniedError
from netra.intake.selectors import report_get_visible


@login_required
def finding_new(request: HttpRequest) -> HttpResponse:
    """Record a temuan (Formulir Model B.2), e.g. from social-media patrol or an anonymous tip."""
    if finding_refusal(user=request.user) is not None:
        raise Http404  # not a supervisor: there is no such page for them
    errors: dict[str, str] = {}
    if request.method == "POST":
        case = _finding_record(request, errors)
        if case is not None:
            messages.success(request, _("Temuan tercatat sebagai kasus %(ref)s.") % {"ref": case.reference})
            return redirect("cases:detail", case_id=case.pk)
    initial: Mapping = request.POST
    source = request.GET.get("sumber", "") or request.POST.get("source_report_ids", "")
    if request.method == "GET" and source.isdigit():
        initial = _finding_from_tip(request, int(source))
    return render(
        request,
        "cases/finding_form.html",
        {"errors": errors, "post": initial, "source": source},
        status=400 if errors else 200,
    )


def _finding_record(request: HttpRequest, errors: dict[str, str]) -> Case | None:
    """The posted temuan recorded as a case; None when refused, with the refused field in `errors`."""
    post = request.POST
    try:
        incident = dt.date.fromisoformat(post["incident_date"]) if post.get("incident_date") else None
        found = dt.date.fromisoformat(post["found_date"]) if post.get("found_date") else None
    except ValueError:
        errors["incident_date"] = _("Tanggal tidak valid.")
        return None
    persons = [
        {
            "name": post.get("person_name", ""),
            "agency_name": post.get("person_agency", ""),
            "nip": post.get("person_nip", ""),
        }
    ]
    sources = [int(x) for x in post.getlist("source_report_ids") if x.isdigit()]
    try:
        return finding_record(
            user=request.user,
            description=post.get("description", ""),
            incident_region_code=post.get("incident_region_code", "").strip(),
            incident_place=post.get("incident_place", ""),
            incident_date=incident,
            found_date=found,
            persons=persons,
            source_report_ids=sources,
            links=[u for u in post.get("links", "").split() if u],
        )
    except (ApplicationError, PermissionDeniedError) as exc:
        errors[exc.extra.get("field", "general")] = exc.message
        return None


def _finding_from_tip(request: HttpRequest, report_id: int) -> dict:
    """The form filled from a tip this reader may see (the temuan's source), else 404."""
    tip = report_get_visible(user=request.user, report_id=report_id)
    if tip is None:
        raise Http404
    return {
        "description": tip.description,
        "incident_region_code": tip.incident_region_id or "",
        "incident_place": tip.incident_place,
        "incident_date": tip.incident_date.isoformat() if tip.incident_date else "",
        "links": "\n".join(link.url for link in tip.evidence_links.all()),
    }


@login_required
@require_POST
def case_merge(request: HttpRequest, case_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    into = request.POST.get("into_case_id", "")
    target_id = int(into) if into.isdigit() else 0

    def act():
        merge_services.case_merge(
            source_id=case_id,
            target_id=target_id,
            user=request.user,
            reason=request.POST.get("reason", ""),
            expected_source_version=_version(request),
        )

    response = _run(request, case_id, act, _("Kasus digabungkan."))
    if Case.objects.filter(pk=case_id, state=CaseState.MERGED).exists():
        return redirect("cases:detail", case_id=target_id)
    return response
