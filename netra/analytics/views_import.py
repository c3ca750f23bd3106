"""The historical import's upload page and its progress (issue 11): upload a CSV/XLSX, follow the batch
(a progress bar polling a small JSON endpoint; a meta refresh without JavaScript), download its error
report and the template. Views only parse and render; `netra.analytics.imports` does the work."""

import csv
import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from netra.analytics.imports import COLUMNS, import_batches_for, import_refusal, import_start, template_bytes
from netra.analytics.imports.reading import max_bytes, max_rows
from netra.analytics.imports.recovery import import_withdraw
from netra.analytics.models import ImportBatch
from netra.core.exceptions import ApplicationError

SHOWN_ERRORS = 200  # on the page; the CSV has them all
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas (.csv atau .xlsx)"))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penarikan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


def _importer(request: HttpRequest) -> None:
    refusal = import_refusal(request.user)
    if refusal is not None:
        raise PermissionDenied(refusal)


def _batch(request: HttpRequest, pk: int) -> ImportBatch:
    """The batch if the user may follow it; 404 otherwise (never "exists but not yours")."""
    return get_object_or_404(import_batches_for(request.user), pk=pk)


def _finished(batch: ImportBatch) -> bool:
    return batch.status in (ImportBatch.Status.DONE, ImportBatch.Status.FAILED, ImportBatch.Status.WITHDRAWN)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    _importer(request)
    posted = request.method == "POST"
    form = ImportUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            batch = import_start(file=form.cleaned_data["file"], user=request.user)
        except ApplicationError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("analytics:import_batch", pk=batch.pk)
    return render(
        request,
        "analytics/import.html",
        {
            "form": form,
            "columns": COLUMNS,
            "batches": import_batches_for(request.user)[:20],
            "max_mb": round(max_bytes() / 1048576, 1),
            "max_rows": max_rows(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _batch_page(request, _batch(request, pk), WithdrawForm())


def _batch_page(request: HttpRequest, batch: ImportBatch, withdraw_form: WithdrawForm) -> HttpResponse:
    return render(
        request,
        "analytics/import_batch.html",
        {
            "batch": batch,
            "finished": _finished(batch),
            "errors": batch.errors[:SHOWN_ERRORS],
            "more_errors": max(0, len(batch.errors) - SHOWN_ERRORS),
            "already_present": batch.rows_total - batch.rows_added,
            "may_withdraw": batch.status == ImportBatch.Status.DONE and import_refusal(request.user) is None,
            "withdraw_form": withdraw_form,
        },
        status=400 if withdraw_form.errors else 200,
    )


@login_required
@require_http_methods(["POST"])
def batch_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a batch loaded by mistake: its facts leave the dashboard; the batch stays, marked."""
    batch = _batch(request, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            import_withdraw(batch_id=batch.pk, user=request.user, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            if exc.status == 404:
                raise Http404 from exc
            if exc.status == 403:
                raise PermissionDenied(exc.message) from exc
            form.add_error("reason", exc.message)
        else:
            return redirect("analytics:import_batch", pk=batch.pk)
    return _batch_page(request, batch, form)


@login_required
@require_GET
def batch_status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the progress bar polls."""
    batch = _batch(request, pk)
    return JsonResponse(
        {
            "status": batch.status,
            "status_label": str(batch.get_status_display()),
            "finished": _finished(batch),
            "progress": batch.progress,
            "rows_total": batch.rows_total,
            "rows_done": batch.rows_done,
            "rows_added": batch.rows_added,
            "errors": len(batch.errors),
        },
        headers={"Cache-Control": "no-store"},
    )


@login_required
@require_GET
def batch_errors(request: HttpRequest, pk: int) -> HttpResponse:
    """The error report: one line per (row, column, why)."""
    batch = _batch(request, pk)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["baris", "kolom", "alasan"])
    writer.writerows([e.get("row", ""), e.get("column", ""), e.get("why", "")] for e in batch.errors)
    response = HttpResponse(text.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="netra-impor-{batch.pk}-kesalahan.csv"'
    return response


@login_required
@require_GET
def template_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The template (header and one example row) built from the column spec; no data of anyone's."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else _XLSX
    response = HttpResponse(template_bytes(fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="netra-templat-impor.{fmt}"'
    return response


urlpatterns: list = [
    path("impor/", upload, name="import"),
    path("impor/templat.<slug:fmt>", template_download, name="import_template"),
    path("impor/<int:pk>/", batch_detail, name="import_batch"),
    path("impor/<int:pk>/status.json", batch_status, name="import_status"),
    path("impor/<int:pk>/kesalahan.csv", batch_errors, name="import_errors"),
    path("impor/<int:pk>/tarik/", batch_withdraw, name="import_withdraw"),
]
