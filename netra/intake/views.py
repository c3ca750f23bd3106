"""HTML pages of the reporter's follow-up (receipt login, status, messages, evidence) and the officers'
report pages. Filing and the receipt page: `netra.intake.views_filing`.

Thin: parse the form, call one service or selector, render. Reporter protection in the views:
- the receipt is never in a URL (filing and the receipt page: `netra.intake.views_filing`);
- the follow-up session holds only the report id, under a rotated session key;
- every public page and the identity page are `no-store`, and POST data never reaches error reports
  (`sensitive_post_parameters`);
- officers see a report only through the scoping selectors (out of scope = 404).
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netra.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from netra.evidence import selectors as evidence_selectors
from netra.evidence import services as evidence_services
from netra.intake import (
    idempotency,
    next_steps,
    receipt_render,
    receipt_throttle,
    selectors,
    services,
    timeline,
)
from netra.intake.forms_followup import EvidenceForm, MessageForm, ReceiptForm, RevealForm
from netra.intake.models import Message, Report, ReportKind, ReportStatus
from netra.intake.views_filing import _too_many

SESSION_KEY = "reporter_report_id"
REPORTER_SESSION_SECONDS = 30 * 60  # a shared phone should not stay logged in to a report

# --- public: the reporter's follow-up -----------------------------------------------------------------


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
@sensitive_variables()  # the receipt
def follow(request: HttpRequest) -> HttpResponse:
    """Log in with the receipt (POST only: a receipt must never appear in a URL or a log)."""
    if request.method == "GET":
        return render(request, "intake/follow.html", {"form": ReceiptForm()})
    form = ReceiptForm(request.POST)
    # Throttled per (address, code prefix), per prefix and per address (netra.intake.receipt_throttle):
    # a valid code opens from an address other devices share, unless that code itself is under attack.
    refusal = receipt_throttle.receipt_refusal(request, request.POST.get("receipt", ""))
    if refusal:
        return _too_many(request, refusal.message)
    if not form.is_valid():
        return render(request, "intake/follow.html", {"form": form}, status=400)
    found = services.report_for_receipt(receipt=form.cleaned_data["receipt"])
    if found is None:
        refusal = receipt_throttle.receipt_failure(request, form.cleaned_data["receipt"])
        if refusal:
            return _too_many(request, refusal.message)
        form.add_error(
            "receipt",
            _("Kode tanda terima tidak dikenal. Periksa kembali 20 huruf dan angkanya, lalu coba lagi."),
        )
        return render(request, "intake/follow.html", {"form": form}, status=400)
    request.session.cycle_key()  # a new session id once the receipt is proven (no fixation)
    request.session[SESSION_KEY] = found.pk
    if not request.user.is_authenticated:
        request.session.set_expiry(REPORTER_SESSION_SECONDS)
    return redirect("intake:status")


def _session_report(request: HttpRequest) -> Report | None:
    report_id = request.session.get(SESSION_KEY)
    if not report_id:
        return None
    # The id in the session was proven by the receipt; nothing else reaches a report this way.
    return selectors.report_for_reporter_session(report_id=report_id)


FORM_TOKEN = "form_token"  # noqa: S105 (a field name, not a secret)


def _token_first_use(request: HttpRequest) -> str | None:
    """Claim this form's one-time token: its cache key when this is the first send, None when the form
    was sent already (a double click). A send that then fails gives the token back (`cache.delete`)."""
    token = request.POST.get(FORM_TOKEN, "")
    if not idempotency.key_is_well_formed(token):
        return ""  # a page from before tokens: nothing to claim
    key = "intake:form-token:" + hashlib.sha256(token.encode()).hexdigest()
    return key if cache.add(key, 1, timeout=settings.NETRA_IDEMPOTENCY_HOURS * 3600) else None


def _status_page(request, report: Report, *, message_form=None, evidence_form=None, status=200):
    view = selectors.reporter_view(report=report)
    services.messages_mark_read(report=report, reader=Message.Sender.REPORTER)
    return render(
        request,
        "intake/status.html",
        {
            "view": view,
            "report": view.report,
            "statuses": ReportStatus,
            "message_form": message_form or MessageForm(),
            "evidence_form": evidence_form or EvidenceForm(),
            "form_token": secrets.token_urlsafe(24),
            "steps": next_steps.next_steps_for(report=view.report, office=view.office),
            "timeline": timeline.reporter_timeline(view=view),
        },
        status=status,
    )


@never_cache
@require_GET
def status(request: HttpRequest) -> HttpResponse:
    report = _session_report(request)
    if report is None:
        return redirect("intake:follow")
    return _status_page(request, report)


@sensitive_post_parameters()
@never_cache
@require_POST
def status_message(request: HttpRequest) -> HttpResponse:
    report = _session_report(request)
    if report is None:
        return redirect("intake:follow")
    claim = _token_first_use(request)
    if claim is None:
        messages.info(request, _("Pesan ini sudah terkirim; tidak dikirim dua kali."))
        return redirect("intake:status")
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_from_reporter(report=report, body=form.cleaned_data["body"])
        except ApplicationError as exc:
            form.add_error("body", exc.message)
        else:
            messages.success(request, _("Pesan Anda terkirim."))
            return redirect("intake:status")
    if claim:
        cache.delete(claim)
    return _status_page(request, report, message_form=form, status=400)


@sensitive_post_parameters()
@never_cache
@require_POST
def status_evidence(request: HttpRequest) -> HttpResponse:
    report = _session_report(request)
    if report is None:
        return redirect("intake:follow")
    claim = _token_first_use(request)
    if claim is None:
        messages.info(request, _("Bukti ini sudah terkirim; tidak ditambahkan dua kali."))
        return redirect("intake:status")
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = services.report_add_evidence_by_reporter(
                report=report, files=form.cleaned_data["files"], links=form.cleaned_links()
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("%(n)s bukti ditambahkan. Terima kasih.") % {"n": added})
            return redirect("intake:status")
    if claim:
        cache.delete(claim)
    return _status_page(request, report, evidence_form=form, status=400)


@never_cache
@require_GET
def status_pdf(request: HttpRequest) -> HttpResponse:
    """The receipt PDF from the status page: reference, dates and next steps, without the code (this
    session was opened with it) and without any identity."""
    report = _session_report(request)
    if report is None:
        return redirect("intake:follow")
    view = selectors.reporter_view(report=report)
    pdf = receipt_render.receipt_pdf(
        report=view.report,
        receipt="",
        steps=next_steps.next_steps_for(report=view.report, office=view.office),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tanda-terima-{view.report.reference}.pdf"'
    return response


@never_cache
@require_POST
def status_logout(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:  # an officer's own login on this browser stays
        request.session.pop(SESSION_KEY, None)
        request.session.cycle_key()
    else:
        request.session.flush()
    messages.info(request, _("Anda sudah keluar dari halaman laporan."))
    return redirect("intake:follow")


# --- officers ----------------------------------------------------------------------------------------


@login_required
@require_GET
def officer_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("jenis", "")
    status_filter = request.GET.get("status", "")
    reports = selectors.report_list_visible_to(
        user=request.user,
        kind=kind if kind in ReportKind.values else "",
        status=status_filter if status_filter in ReportStatus.values else "",
    )
    page = Paginator(reports, 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "intake/officer_list.html",
        {
            "page": page,
            "kinds": ReportKind,
            "statuses": ReportStatus,
            "kind": kind,
            "status": status_filter,
        },
    )


def _officer_report(request: HttpRequest, report_id: int) -> Report:
    report = selectors.report_get_visible(user=request.user, report_id=report_id)
    if report is None:
        raise Http404
    return report


def _officer_page(request, report: Report, *, message_form=None, reveal_form=None, status=200):
    services.messages_mark_read(report=report, reader=Message.Sender.OFFICER)
    return render(
        request,
        "intake/officer_detail.html",
        {
            "report": report,
            "evidence_items": evidence_selectors.evidence_list_for_report(report=report),
            "links": evidence_selectors.evidence_link_list_for_report(report=report),
            "has_identity": hasattr(report, "identity") and report.identity.sealed is not None,
            "same_reporter": selectors.same_reporter_count(report=report, user=request.user),
            "message_form": message_form or MessageForm(),
            "reveal_form": reveal_form or RevealForm(),
            "statuses": ReportStatus,
        },
        status=status,
    )


@login_required
@require_GET
def officer_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    return _officer_page(request, _officer_report(request, report_id))


@login_required
@require_POST
def officer_message(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _officer_report(request, report_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_from_officer(report=report, officer=request.user, body=form.cleaned_data["body"])
        except PermissionDeniedError as exc:
            return render(request, "intake/forbidden.html", {"message": exc.message}, status=403)
        except ApplicationError as exc:
            form.add_error("body", exc.message)
        else:
            messages.success(request, _("Pesan terkirim kepada pelapor."))
            return redirect("intake:officer_detail", report_id=report.pk)
    return _officer_page(request, report, message_form=form, status=400)


@sensitive_post_parameters()
@login_required
@never_cache
@require_POST
@sensitive_variables("identity")  # innermost: it hides the variables of the frame it calls directly
def officer_reveal(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _officer_report(request, report_id)
    form = RevealForm(request.POST)
    if not form.is_valid():
        return _officer_page(request, report, reveal_form=form, status=400)
    try:
        identity = services.identity_reveal(
            report=report, officer=request.user, reason=form.cleaned_data["reason"]
        )
    except NotFoundError as exc:
        raise Http404 from exc
    except PermissionDeniedError as exc:
        return render(request, "intake/forbidden.html", {"message": exc.message}, status=403)
    except ApplicationError as exc:
        form.add_error("reason", exc.message)
        return _officer_page(request, report, reveal_form=form, status=400)
    return render(request, "intake/identity.html", {"report": report, "identity": identity})


def _evidence_response(request: HttpRequest, report_id: int, evidence_id: int, variant: str):
    """Stream a file of a report in scope. The display copy (no metadata) opens in the browser; the
    original (with metadata) is only ever a download, and only for `evidence.download_original`."""
    report = _officer_report(request, report_id)
    item = evidence_selectors.evidence_list_for_report(report=report).filter(pk=evidence_id).first()
    if item is None:
        raise Http404
    try:
        handle, name = evidence_services.evidence_open(evidence=item, user=request.user, variant=variant)
    except NotFoundError as exc:
        raise Http404 from exc
    except PermissionDeniedError as exc:
        return render(request, "intake/forbidden.html", {"message": exc.message}, status=403)
    response = FileResponse(handle, as_attachment=variant == "original", filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    if variant == "original" or not name.endswith(".pdf"):
        # Whatever a file contains, it runs nothing in Netra's origin. (Chrome will not show a PDF in a
        # sandboxed document; PDFs with active content are refused at intake and rebuilt for display.)
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'"
    return response


@login_required
@never_cache
@require_GET
def evidence_display(request: HttpRequest, report_id: int, evidence_id: int) -> HttpResponse:
    return _evidence_response(request, report_id, evidence_id, "display")


@login_required
@never_cache
@require_GET
def evidence_original(request: HttpRequest, report_id: int, evidence_id: int) -> HttpResponse:
    return _evidence_response(request, report_id, evidence_id, "original")
