"""The public filing pages: the start and privacy pages, the offices' contacts, the report and tip forms,
and the receipt page (with its PDF) they redirect to.

Filing once (issue 14): post/redirect/get, so that refreshing the receipt page shows it again instead of
filing again; and a one-time token in each form (`netra.intake.idempotency`), so that a double click or
a resend returns the first report. The receipt is never in a URL: the session keeps it for
NETRA_RECEIPT_SHOW_MINUTES (refresh, PDF) or until the reporter says it is kept.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netra.core import ratelimit
from netra.core.exceptions import ApplicationError
from netra.intake import idempotency, next_steps, receipt_render, selectors
from netra.intake.forms import SubmissionForms
from netra.intake.models import Report, ReportChannel, ReportKind, ReportStatus
from netra.intake.receipt_session import receipt_seal, receipt_unseal
from netra.regions.selectors import region_list

# --- public: choosing, filing, receipt ---------------------------------------------------------------


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/start.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """What is kept, who can see it, how anonymity can be lost, and safe browsing for tippers."""
    return render(
        request,
        "intake/privacy.html",
        {
            "retention_days": settings.NETRA_RETENTION_DAYS_AFTER_CLOSE,
            "receipt_minutes": settings.NETRA_RECEIPT_SHOW_MINUTES,
        },
    )


@require_GET
def contacts(request: HttpRequest) -> HttpResponse:
    """Each Bawaslu office's contact details (for a reporter who lost the receipt, or prefers to call)."""
    province = request.GET.get("provinsi", "")
    provinces = region_list(level=1)
    if province not in {r.code for r in provinces}:
        province = ""
    return render(
        request,
        "intake/contacts.html",
        {
            "offices": selectors.office_contacts(province_code=province),
            "provinces": provinces,
            "province": province,
        },
    )


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    return _submission_page(request, ReportKind.LAPORAN)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def tip(request: HttpRequest) -> HttpResponse:
    return _submission_page(request, ReportKind.TIP)


@sensitive_variables()  # the forms hold the reporter's identity
def _submission_page(request: HttpRequest, kind: str) -> HttpResponse:
    """Post/redirect/get: a filed report redirects to the receipt page, so a refresh shows the receipt
    again instead of filing it again; the one-time form token absorbs a double click or a resend."""
    template = "intake/report_form.html" if kind == ReportKind.LAPORAN else "intake/tip_form.html"
    if request.method == "GET":
        return render(request, template, {"forms": SubmissionForms(kind), "form_token": _new_token()})

    token = request.POST.get(FORM_TOKEN, "")
    if not idempotency.key_is_well_formed(token):
        token = _new_token()  # a page from before tokens, or a tampered one: file it, but only once now
    page = {"form_token": token}
    if "refresh_region" in request.POST:
        # Without JavaScript the region lists are filled by re-rendering the form: nothing is sent.
        forms = SubmissionForms(kind, request.POST, request.FILES, refresh=True)
        return render(request, template, {"forms": forms, "refreshed": True, **page})
    forms = SubmissionForms(kind, request.POST, request.FILES)
    if forms.honeypot_filled:
        return render(request, "intake/refused.html", status=400)
    files = request.FILES.getlist("files")
    fingerprint = idempotency.form_fingerprint(
        data=request.POST, files=files, ignore=("csrfmiddlewaretoken", FORM_TOKEN)
    )
    try:
        replay = idempotency.submission_replay(key=token, fingerprint=fingerprint)
    except idempotency.IdempotencyMismatchError:
        # This page was sent before with other content (back button, edit, send): the first report is
        # kept; this content is shown again with a fresh token, so sending it files a new report.
        forms.main.add_error(
            None,
            _(
                "Formulir ini sudah pernah terkirim dengan isi yang berbeda, dan laporan "
                "itu tersimpan. Bila isi ini laporan baru, tekan tombol kirim sekali lagi."
            ),
        )
        return render(request, template, {"forms": forms, "form_token": _new_token()}, status=409)
    if replay is not None:
        return _receipt_redirect(request, replay.result)
    if ratelimit.hit("intake", ratelimit.client_key(request)) > settings.NETRA_INTAKE_RATE_PER_HOUR:
        return _too_many(
            request, _("Terlalu banyak laporan dari perangkat ini. Silakan coba lagi dalam satu jam.")
        )
    forms.check_files()  # a refused file is reported together with every other error
    if not forms.is_valid():
        return render(request, template, {"forms": forms, **page}, status=400)
    try:
        once = idempotency.report_submit_once(
            key=token,
            fingerprint=fingerprint,
            submission=forms.submission(),
            files=forms.files(),
            channel=ReportChannel.WEB,
        )
    except ApplicationError as exc:
        forms.add_service_error(exc)
        return render(request, template, {"forms": forms, **page}, status=400)
    return _receipt_redirect(request, once.result)


FORM_TOKEN = "form_token"  # noqa: S105 (a field name, not a secret)
RECEIPT_SESSION_KEY = "intake_receipt"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


@sensitive_variables("result")
def _receipt_redirect(request: HttpRequest, result) -> HttpResponse:
    """Keep the receipt in this browser's session for NETRA_RECEIPT_SHOW_MINUTES (refresh, PDF), then
    redirect to the receipt page: the receipt never appears in a URL."""
    request.session[RECEIPT_SESSION_KEY] = {
        "report_id": result.report.pk,
        "receipt": receipt_seal(result.receipt),  # encrypted: see receipt_session
        "until": (timezone.now() + dt.timedelta(minutes=settings.NETRA_RECEIPT_SHOW_MINUTES)).isoformat(),
    }
    return redirect("intake:receipt")


def _session_receipt(request: HttpRequest) -> tuple[Report, str] | None:
    shown = request.session.get(RECEIPT_SESSION_KEY)
    if not shown:
        return None
    if dt.datetime.fromisoformat(shown["until"]) < timezone.now():
        request.session.pop(RECEIPT_SESSION_KEY, None)
        return None
    code = receipt_unseal(shown.get("receipt", ""))
    if code is None:
        request.session.pop(RECEIPT_SESSION_KEY, None)
        return None
    report = selectors.report_for_reporter_session(report_id=shown["report_id"])
    return None if report is None else (report, code)


@never_cache
@require_GET
@sensitive_variables("found")
def receipt(request: HttpRequest) -> HttpResponse:
    found = _session_receipt(request)
    if found is None:
        return render(request, "intake/receipt_gone.html")
    report, code = found
    return render(
        request,
        "intake/receipt.html",
        {
            "report": report,
            "receipt": code,
            # Groups so that a phone wraps the code only between groups, never inside one.
            "receipt_groups": code.split("-"),
            "statuses": ReportStatus,
            "steps": next_steps.next_steps_for(report=report),
            "shown_until": request.session[RECEIPT_SESSION_KEY]["until"],
        },
    )


@never_cache
@require_GET
@sensitive_variables("found")
def receipt_pdf(request: HttpRequest) -> HttpResponse:
    """The receipt as a PDF the reporter keeps: reference, receipt code, dates, next steps; no identity."""
    found = _session_receipt(request)
    if found is None:
        return redirect("intake:receipt")
    report, code = found
    pdf = receipt_render.receipt_pdf(
        report=report, receipt=code, steps=next_steps.next_steps_for(report=report)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tanda-terima-{report.reference}.pdf"'
    return response


@never_cache
@require_POST
def receipt_done(request: HttpRequest) -> HttpResponse:
    """ "I have kept my code": forget the receipt in this browser now (a shared phone)."""
    request.session.pop(RECEIPT_SESSION_KEY, None)
    messages.info(request, _("Kode tanda terima sudah dihapus dari peramban ini."))
    return redirect("core:home")


def _too_many(request: HttpRequest, message: str) -> HttpResponse:
    response = render(request, "intake/too_many.html", {"message": message}, status=429)
    response["Retry-After"] = "3600"
    return response
