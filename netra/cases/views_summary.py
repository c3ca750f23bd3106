"""The printable case summary (issue 14): one PDF for a meeting — the chain, the facts, the terlapor with
their classification, recommendations and sanctions, the clocks, the documents and the timeline this
reader may see. Rendered with WeasyPrint from plain reads: no row is locked while it renders (unlike
an official letter it is not numbered or stored; printing it leaves an audit row)."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from netra.audit.services import audit_record
from netra.cases import letters
from netra.cases.models import Case
from netra.cases.selectors.cases import case_timeline
from netra.cases.selectors.chain import case_chain
from netra.cases.selectors.deadlines import deadline_statuses
from netra.cases.selectors.documents import document_list_visible
from netra.cases.views_common import _case_or_404
from netra.regions.timezones import office_today


def _summary_context(request: HttpRequest, case: Case, now: dt.datetime) -> dict:
    case = (
        Case.objects.select_related("election", "office", "recipient", "incident_region")
        .prefetch_related(
            "subjects__person",
            "subjects__agency",
            "subjects__violation",
            "subjects__conduct",
            "subjects__recommendations__addressed_to",
            "subjects__recommendations__sanction",
            "subjects__sanctions",
        )
        .get(pk=case.pk)
    )
    subjects = list(case.subjects.all())
    deadlines = list(case.deadlines.select_related("agency"))
    for d, status in zip(deadlines, deadline_statuses(deadlines, now), strict=True):
        d.status = status
    # The kop is the reader's own office (the meeting is theirs); a reader without one prints the case's.
    office = request.user.agency or case.office
    head = letters.Letterhead(
        agency=office,
        number="",
        dated=office_today(office, now),
        subject_line=f"Ringkasan kasus {case.reference}",
        addressee="",
    )
    return {
        **head.context(),
        "case": case,
        "subjects": subjects,
        "deadlines": deadlines,
        "chain": case_chain(case=case, subjects=subjects, deadlines=deadlines),
        "events": list(case_timeline(case=case, user=request.user)),
        "documents": document_list_visible(case=case, user=request.user),
        "printed_at": now,
        "printed_by": request.user,
        "tz": case.office.timezone,
    }


@login_required
@require_GET
def case_summary_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_or_404(request, case_id)
    now = timezone.now()
    pdf = letters.render_letter(template="case_summary.html", context=_summary_context(request, case, now))
    with transaction.atomic():
        audit_record(
            actor=request.user, action="case.summary_print", instance=case, after={"bytes": len(pdf)}
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ringkasan-{case.reference}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
