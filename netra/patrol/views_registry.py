"""The election registry's patrol data (per contestant: terms and accounts) and the ASN account registry.
Editing a contestant is for supervisors whose jurisdiction holds its race; others get 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netra.core.exceptions import ApplicationError, NotFoundError
from netra.elections.models import Election
from netra.patrol.forms import AsnAccountForm, ContestantAccountForm, ProfileForm
from netra.patrol.models import ContestantAccount, ContestantProfile
from netra.patrol.registry_io import AccountSpec
from netra.patrol.selectors import (
    asn_account_list_visible_to,
    registry_contestant_editable,
    registry_contestants_visible_to,
)
from netra.patrol.services.accounts import AsnAccountIn, asn_account_create, asn_account_deactivate
from netra.patrol.services.capture import patrol_refusal
from netra.patrol.services.registry import TERMS, ProfileIn, account_add, account_remove, profile_set
from netra.patrol.views import _patroller, _viewer, form_error, initial_region


@login_required
@require_GET
def registry(request: HttpRequest) -> HttpResponse:
    _viewer(request)
    elections = Election.objects.filter(contestants__isnull=False).distinct().order_by("-voting_day")
    chosen = elections.filter(code=request.GET.get("pemilihan", "")).first() or elections.first()
    contestants = registry_contestants_visible_to(user=request.user, election=chosen) if chosen else []
    return render(
        request,
        "patrol/registry.html",
        {"elections": elections, "chosen": chosen, "contestants": contestants},
    )


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
