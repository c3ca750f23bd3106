"""The patrol pages: the review queue and an item (reasons highlighted in the text, the evidence, dismiss
or turn into a temuan), capture by URL, bulk loads with their progress and errors. Views parse and
render; the services decide. Out-of-scope items are 404."""

from __future__ import annotations

import html

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netra.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from netra.core.scoping import action_refusal
from netra.patrol.forms import CaptureForm, DismissForm, FindingForm, LoadForm
from netra.patrol.models import ItemStatus, PatrolItem
from netra.patrol.reasons import reasons_for_display
from netra.patrol.selectors import batch_list_visible_to, queue_item_get, queue_list_visible_to
from netra.patrol.services.capture import CaptureIn, capture_create, patrol_refusal
from netra.patrol.services.loads import COLUMNS, LoadIn, load_start
from netra.patrol.services.review import FindingFromItemIn, item_dismiss, item_make_finding


def form_error(form, exc: ApplicationError) -> None:
    """A service's refusal on the field it names (or the whole form)."""
    field = exc.extra.get("field")
    form.add_error(field if field in form.fields else None, exc.message)


def _viewer(request: HttpRequest) -> None:
    """Supervisors who may read the patrol; others are refused outright (403), as for the case list."""
    from netra.core.scoping import registered_rules, scope_for

    scope = scope_for(request.user)
    if not scope.is_superuser and registered_rules()[(PatrolItem, "view")](scope) is None:
        raise PermissionDenied(_("Anda tidak berwenang membuka patroli."))


def highlight(text: str, reasons: list[dict]) -> str:
    """The text, escaped, with every phrase a reason quotes marked (longest first, no overlaps). The
    model's reason quotes the whole text: it is listed, not marked."""
    spans: list[tuple[int, int, str]] = []
    lowered = text.lower()
    for reason in sorted(reasons, key=lambda r: -len(r.get("text") or "")):
        phrase = (reason.get("text") or "").lower()
        if not phrase or reason.get("kind") == "model":
            continue
        start = lowered.find(phrase)
        while start != -1:
            end = start + len(phrase)
            if all(end <= s or start >= e for s, e, _k in spans):
                spans.append((start, end, reason.get("kind", "")))
            start = lowered.find(phrase, end)
    out, pos = [], 0
    for start, end, kind in sorted(spans):
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark data-kind="{html.escape(kind)}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece above is escaped)


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _viewer(request)
    status = request.GET.get("status", ItemStatus.OPEN)
    if status not in ItemStatus.values:
        status = ItemStatus.OPEN
    items = queue_list_visible_to(user=request.user, status=status)[:200]
    return render(
        request,
        "patrol/queue.html",
        {
            "items": items,
            "status": status,
            "statuses": ItemStatus.choices,
            "may_patrol": patrol_refusal(request.user) is None,
        },
    )


def _item_or_404(request: HttpRequest, pk: int) -> PatrolItem:
    item = queue_item_get(user=request.user, pk=pk)
    if item is None:
        raise Http404
    return item


def _item_page(request: HttpRequest, item: PatrolItem, *, dismiss=None, finding=None, status: int = 200):
    return render(
        request,
        "patrol/item.html",
        {
            "item": item,
            "highlighted": highlight(item.text, item.reasons),
            "reasons": reasons_for_display(item.reasons),
            "dismiss_form": dismiss or DismissForm(),
            "finding_form": finding or FindingForm(),
            "may_dismiss": action_refusal(request.user, PatrolItem, "dismiss", item) is None,
            "may_finding": action_refusal(request.user, PatrolItem, "make_finding", item) is None,
        },
        status=status,
    )


@login_required
@require_GET
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, _item_or_404(request, pk))


@login_required
@require_POST
def item_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    form = DismissForm(request.POST)
    if form.is_valid():
        try:
            item_dismiss(actor=request.user, item_id=item.pk, reason=form.cleaned_data["reason"])
        except NotFoundError as exc:
            raise Http404 from exc
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Butir diabaikan."))
            return redirect("patrol:queue")
    return _item_page(request, item, dismiss=form, status=400)


@login_required
@require_POST
def item_finding_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    form = FindingForm(request.POST)
    if form.is_valid():
        finding = FindingFromItemIn(
            description=form.cleaned_data["description"], found_date=form.cleaned_data.get("found_date")
        )
        try:
            case = item_make_finding(actor=request.user, item_id=item.pk, finding=finding)
        except NotFoundError as exc:
            raise Http404 from exc
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Temuan dicatat: %(ref)s.") % {"ref": case.reference})
            return redirect("cases:detail", case_id=case.pk)
    return _item_page(request, item, finding=form, status=400)


def initial_region(request: HttpRequest) -> dict:
    """The office's own region as the form's starting value."""
    agency = getattr(request.user, "agency", None)
    return {"region_code": agency.region_id} if agency is not None and agency.region_id else {}


def _patroller(request: HttpRequest) -> None:
    refusal = patrol_refusal(request.user)
    if refusal is not None:
        raise PermissionDenied(refusal.message)


@login_required
@require_http_methods(["GET", "POST"])
def capture(request: HttpRequest) -> HttpResponse:
    _patroller(request)
    posted = request.method == "POST"
    form = CaptureForm(
        request.POST if posted else None, request.FILES if posted else None, initial=initial_region(request)
    )
    if posted and form.is_valid():
        d = form.cleaned_data
        data = CaptureIn(
            url=d["url"],
            region_code=d["region_code"].strip(),
            election_code=d["election_code"].strip(),
            source=d["source"],
            author_handle=d["author_handle"],
            text=d["text"],
            posted_at=d.get("posted_at"),
        )
        try:
            made = capture_create(actor=request.user, data=data, file=d.get("file"))
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Tangkapan disimpan dan masuk antrean telaah."))
            return redirect("patrol:item", pk=made.item.pk)
    return render(request, "patrol/capture.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def loads(request: HttpRequest) -> HttpResponse:
    _patroller(request)
    posted = request.method == "POST"
    form = LoadForm(
        request.POST if posted else None, request.FILES if posted else None, initial=initial_region(request)
    )
    if posted and form.is_valid():
        d = form.cleaned_data
        upload = d["file"]
        load = LoadIn(
            name=upload.name,
            data=b"".join(upload.chunks()),
            region_code=d["region_code"].strip(),
            platform=d["platform"],
            election_code=d["election_code"].strip(),
        )
        try:
            batch = load_start(actor=request.user, load=load)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            return redirect("patrol:load", pk=batch.pk)
    context = {"form": form, "columns": COLUMNS, "batches": batch_list_visible_to(user=request.user)[:20]}
    return render(request, "patrol/loads.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def load_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_list_visible_to(user=request.user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    return render(request, "patrol/load.html", {"batch": batch, "errors": batch.errors[:300]})
