"""The case list (issue 14): filters, sort orders, pages, the reader's saved filters and the XLSX export
of exactly the filtered list. Filters are parsed once (`CaseFilter.parse`, never raising) and applied by
one selector on top of the reader's scope, so the page and its export can never disagree."""

import io
from urllib.parse import parse_qsl

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from netra.agencies.models import Agency, User
from netra.agencies.selectors import saved_view_list
from netra.agencies.services import saved_view_delete, saved_view_save
from netra.audit.services import audit_record
from netra.cases import selectors
from netra.cases.models import Case, CaseState, CaseSubject
from netra.cases.selectors.case_list import SORTS, CaseFilter, case_list_filtered
from netra.cases.selectors.cases import sanction_follow_up_stats
from netra.cases.selectors.clarifications import clarification_stats
from netra.cases.selectors.deadlines import deadline_queue_overdue, deadline_queue_upcoming, deadline_statuses
from netra.cases.services.opening import finding_refusal
from netra.core.exceptions import ApplicationError, NotFoundError
from netra.core.scoping import scope_for
from netra.elections.models import Election
from netra.regions.models import Region
from netra.regions.timezones import office_local

PAGE_SIZE = 25
EXPORT_LIMIT = 10_000
SAVED_PAGE = "cases"


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    filters = CaseFilter.parse(request.GET)
    now = timezone.now()
    cases = case_list_filtered(user=request.user, filters=filters, now=now)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("halaman"))
    visible = selectors.case_list_visible_to(user=request.user)
    stats = clarification_stats(visible)
    rate = stats["absence_rate"]
    stats["absence_percent"] = None if rate is None else round(rate * 100)
    return render(
        request,
        "cases/list.html",
        {
            "page": page,
            "f": filters,
            "query": filters.query(),
            "f_pairs": parse_qsl(filters.query()),
            "states": CaseState,
            "state": filters.tahap,
            "q": filters.q,
            "sorts": _sort_labels(),
            "clarification": stats,
            "can_record_finding": finding_refusal(user=request.user) is None,
            "follow_up": sanction_follow_up_stats(cases=visible),
            "saved_views": list(saved_view_list(user=request.user, page=SAVED_PAGE)),
            **_choices(request, visible),
            **_queues(request),
        },
    )


def _sort_labels() -> list[tuple[str, str]]:
    labels = {
        "-dibuka": _("Terbaru dibuka"),
        "dibuka": _("Terlama dibuka"),
        "-diperbarui": _("Terakhir diperbarui"),
        "nomor": _("Nomor kasus (A–Z)"),
        "-nomor": _("Nomor kasus (Z–A)"),
        "tahap": _("Tahap"),
        "tenggat": _("Tenggat terdekat"),
    }
    return [(key, labels[key]) for key in SORTS]


def _choices(request: HttpRequest, visible) -> dict:
    """What the filters offer: only values that occur among the reader's own cases (and the officers
    of the reader's office), so a filter never reveals what lies outside the scope."""
    scope = scope_for(request.user)
    # The incident regions of the reader's cases, with their kab/kota and province (one query).
    inside = visible.filter(incident_region__code__startswith=Concat(OuterRef("code"), Value(".")))
    regions = Region.objects.filter(
        Q(code__in=visible.values("incident_region_id")) | (Q(level__lte=2) & Exists(inside))
    )
    return {
        "elections": Election.objects.filter(pk__in=visible.values("election_id")).order_by("-pk"),
        "regions": regions.order_by("code").only("code", "name", "level"),
        "officers": User.objects.filter(agency_id__in=scope.agency_ids, is_active=True).order_by("username")
        if scope.agency_ids
        else User.objects.none(),
        "subject_agencies": Agency.objects.filter(
            pk__in=CaseSubject.objects.filter(case__in=visible).values("agency_id")
        ).order_by("name"),
    }


def _queues(request: HttpRequest) -> dict:
    """The overdue queue and what falls due soon, for the clocks this user's offices answer for."""
    overdue = list(deadline_queue_overdue(user=request.user)[:20])
    upcoming = list(deadline_queue_upcoming(user=request.user)[:20])
    now = timezone.now()
    for d, status in zip(overdue + upcoming, deadline_statuses(overdue + upcoming, now), strict=True):
        d.status = status
    return {"overdue": overdue, "upcoming": upcoming}


# --- export ---------------------------------------------------------------------------------------------


def _text(value) -> str:
    return "" if value is None else str(value)


def _export_rows(cases: list[Case]) -> list[list]:
    rows = []
    for case in cases:
        subjects = list(case.subjects.all())
        office = case.office
        rows.append(
            [
                case.reference or "",
                case.registration_number,
                case.title,
                case.get_state_display(),
                office.name,
                _text(case.election),
                f"{case.incident_region.name} ({case.incident_region_id})" if case.incident_region else "",
                case.incident_date,
                office_local(case.created_at, office).replace(tzinfo=None, microsecond=0),
                office_local(case.next_due, office).replace(tzinfo=None, microsecond=0)
                if case.next_due
                else None,
                _("Ya") if case.overdue else _("Tidak"),
                "; ".join(s.name for s in subjects),
                "; ".join(sorted({s.agency_label for s in subjects if s.agency_label})),
                _text(case.recipient),
            ]
        )
    return rows


def _export_headers() -> list[str]:
    return [
        _("Nomor kasus"),
        _("Nomor registrasi"),
        _("Judul"),
        _("Tahap"),
        _("Kantor penanganan"),
        _("Pemilihan"),
        _("Wilayah kejadian"),
        _("Tanggal kejadian"),
        _("Dibuka (waktu kantor)"),
        _("Tenggat berikutnya (waktu kantor)"),
        _("Terlambat"),
        _("Terlapor"),
        _("Instansi terlapor"),
        _("Diteruskan kepada"),
    ]


def _workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Kasus")[:31]
    sheet.append(_export_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            elif cell.is_date:
                cell.number_format = (
                    "yyyy-mm-dd hh:mm" if cell.value and hasattr(cell.value, "hour") else "yyyy-mm-dd"
                )
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@login_required
@require_GET
def case_export(request: HttpRequest) -> HttpResponse:
    """The filtered list (every page, in the same order) as an XLSX workbook; the export is audited."""
    filters = CaseFilter.parse(request.GET)
    now = timezone.now()
    qs = case_list_filtered(user=request.user, filters=filters, now=now).prefetch_related(
        "subjects__person", "subjects__agency"
    )
    cases = list(qs[: EXPORT_LIMIT + 1])
    if len(cases) > EXPORT_LIMIT:
        messages.error(
            request,
            _("Terlalu banyak kasus untuk diekspor (lebih dari %(n)s); persempit filternya.")
            % {"n": EXPORT_LIMIT},
        )
        return redirect(f"{reverse('cases:list')}?{filters.query()}")
    content = _workbook(_export_rows(cases))
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="case.export",
            object_type="cases.case",
            object_repr=_("Daftar kasus (XLSX)"),
            after={"filters": filters.query(), "rows": len(cases)},
        )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="netra-kasus-{stamp}.xlsx"'
    return response


# --- saved filters --------------------------------------------------------------------------------------


@login_required
@require_POST
def saved_filter_save(request: HttpRequest) -> HttpResponse:
    """Save the list's current filters under a name (the query is rebuilt from the filters understood)."""
    filters = CaseFilter.parse(request.POST)
    query = filters.query()
    try:
        saved_view_save(user=request.user, page=SAVED_PAGE, name=request.POST.get("name", ""), query=query)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Filter tersimpan."))
    return redirect(f"{reverse('cases:list')}?{query}" if query else reverse("cases:list"))


@login_required
@require_POST
def saved_filter_delete(request: HttpRequest, view_id: int) -> HttpResponse:
    try:
        saved_view_delete(user=request.user, view_id=view_id)
    except NotFoundError as exc:
        raise Http404 from exc
    messages.success(request, _("Filter tersimpan dihapus."))
    return redirect("cases:list")
