"""The election registry's patrol data (per contestant: terms and accounts) and the ASN account registry.
Editing a contestant is for supervisors whose jurisdiction holds its race; others get 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netra.core.exceptions import ApplicationError, NotFoundError
from netra.elections.models import Election
from netra.patrol.forms import AsnAccountForm, ContestantAccountForm, ProfileForm, RegistryFileForm
from netra.patrol.models import ContestantAccount, ContestantProfile
from netra.patrol.registry_io import AccountSpec, RegistryFormatError, registry_parse, registry_specs
from netra.patrol.selectors import (
    asn_account_list_visible_to,
    registry_contestant_editable,
    registry_contestants_visible_to,
)
from netra.patrol.services.accounts import AsnAccountIn, asn_account_create, asn_account_deactivate
from netra.patrol.services.capture import patrol_refusal
from netra.patrol.services.registry import (
    TERMS,
    ProfileIn,
    account_add,
    account_remove,
    profile_set,
    registry_import,
    registry_import_refusal,
)
from netra.patrol.views import _patroller, _viewer, form_error, initial_region

MAX_REGISTRY_BYTES = 2 * 1024 * 1024


@login_required
@require_http_methods(["GET", "POST"])
def registry(request: HttpRequest) -> HttpResponse:
    _viewer(request)
    posted = request.method == "POST"
    upload = RegistryFileForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and upload.is_valid() and _registry_upload(request, upload):
        return redirect("patrol:registry")
    elections = Election.objects.filter(contestants__isnull=False).distinct().order_by("-voting_day")
    chosen = elections.filter(code=request.GET.get("pemilihan", "")).first() or elections.first()
    contestants = registry_contestants_visible_to(user=request.user, election=chosen) if chosen else []
    return render(
        request,
        "patrol/registry.html",
        {"elections": elections, "chosen": chosen, "contestants": contestants, "upload": upload},
        status=400 if upload.errors else 200,
    )


def _registry_upload(request: HttpRequest, form: RegistryFileForm) -> bool:
    """Import an uploaded registry file; every problem lands on the form (nothing is written then)."""
    file = form.cleaned_data["file"]
    if file.size > MAX_REGISTRY_BYTES:
        form.add_error("file", _("Berkas lebih dari 2 MB."))
        return False
    try:
        specs = registry_specs(registry_parse(file.read(), name=file.name))
        refusal = registry_import_refusal(actor=request.user, specs=specs)
        if refusal:
            raise RegistryFormatError(refusal)
        result = registry_import(actor=request.user, specs=specs)
    except RegistryFormatError as exc:
        for error in exc.errors[:50]:
            form.add_error("file", error)
        return False
    messages.success(
        request,
        _("Registri diimpor: %(created)s peserta baru, %(updated)s diperbarui, %(accounts)s akun.")
        % {"created": result.created, "updated": result.updated, "accounts": result.accounts},
    )
    return True


def _editable(request: HttpRequest, pk: int):
    contestant = registry_contestant_editable(user=request.user, pk=pk)
    if contestant is None:
        raise Http404
    return contestant


def _profile_initial(contestant) -> dict:
    profile = ContestantProfile.objects.filter(contestant=contestant).first()
    return {t: "\n".join(getattr(profile, t)) for t in TERMS} if profile else {}


@login_required
@require_http_methods(["GET", "POST"])
def registry_contestant(request: HttpRequest, pk: int) -> HttpResponse:
    contestant = _editable(request, pk)
    posted = request.method == "POST"
    form = ProfileForm(request.POST if posted else None, initial=_profile_initial(contestant))
    if posted and form.is_valid():
        profile_set(
            actor=request.user, contestant=contestant, profile=ProfileIn(**{t: form.lines(t) for t in TERMS})
        )
        messages.success(request, _("Registri peserta disimpan."))
        return redirect("patrol:registry_contestant", pk=contestant.pk)
    return _contestant_page(request, contestant, form=form, account_form=ContestantAccountForm())


def _contestant_page(request, contestant, *, form, account_form, status: int = 200) -> HttpResponse:
    accounts = ContestantAccount.objects.filter(contestant=contestant).order_by("platform", "handle")
    return render(
        request,
        "patrol/registry_contestant.html",
        {"contestant": contestant, "form": form, "account_form": account_form, "accounts": accounts},
        status=status,
    )


@login_required
@require_POST
def registry_account_add(request: HttpRequest, pk: int) -> HttpResponse:
    contestant = _editable(request, pk)
    form = ContestantAccountForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        spec = AccountSpec(platform=d["platform"], handle=d["handle"], url=d["url"], role=d["role"])
        try:
            account_add(actor=request.user, contestant=contestant, account=spec)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            return redirect("patrol:registry_contestant", pk=contestant.pk)
    profile = ProfileForm(initial=_profile_initial(contestant))
    return _contestant_page(request, contestant, form=profile, account_form=form, status=400)


@login_required
@require_POST
def registry_account_remove(request: HttpRequest, pk: int, account_pk: int) -> HttpResponse:
    contestant = _editable(request, pk)
    account = ContestantAccount.objects.filter(contestant=contestant, pk=account_pk).first()
    if account is None:
        raise Http404
    account_remove(actor=request.user, account=account)
    return redirect("patrol:registry_contestant", pk=contestant.pk)


@login_required
@require_http_methods(["GET", "POST"])
def asn_accounts(request: HttpRequest) -> HttpResponse:
    _viewer(request)
    posted = request.method == "POST"
    if posted:
        _patroller(request)
    form = AsnAccountForm(request.POST if posted else None, initial=initial_region(request))
    if posted and form.is_valid():
        d = form.cleaned_data
        try:
            asn_account_create(
                actor=request.user, data=AsnAccountIn(**{k: d[k] for k in AsnAccountForm.base_fields})
            )
        except ApplicationError as exc:
            for field, message in exc.extra.get("errors", {}).items():
                form.add_error(field if field in form.fields else None, message)
            if not exc.extra.get("errors"):
                form_error(form, exc)
        else:
            messages.success(request, _("Akun ASN dicatat."))
            return redirect("patrol:asn_accounts")
    accounts = asn_account_list_visible_to(user=request.user).order_by("-is_active", "platform", "handle")[
        :500
    ]
    context = {"form": form, "accounts": accounts, "may_patrol": patrol_refusal(request.user) is None}
    return render(request, "patrol/asn_accounts.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def asn_account_off(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        asn_account_deactivate(actor=request.user, account_id=pk)
    except NotFoundError as exc:
        raise Http404 from exc
    return redirect("patrol:asn_accounts")
