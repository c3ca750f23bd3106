"""Staff sign-in pages: password, second factor (verify / enrol), logout, and one's own sessions."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from netra.accounts import selectors, services, twofactor
from netra.accounts.forms import TokenForm
from netra.accounts.middleware import AUTH_AT, SEEN_AT
from netra.accounts.models import StaffSession
from netra.core import ratelimit


class StaffLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Per username, django-axes locks after AXES_FAILURE_LIMIT failures; per address only a generous
        # ceiling applies (many officers may share one office or carrier address).
        if ratelimit.exceeded(
            "staff-login-ip", ratelimit.client_key(request), limit=settings.NETRA_LOGIN_FAILURES_PER_IP_HOUR
        ):
            return lockout_response(request, per_address=True)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        ratelimit.hit("staff-login-ip", ratelimit.client_key(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)  # login(): a new session key
        self.request.session[AUTH_AT] = self.request.session[SEEN_AT] = time.time()  # the clocks start now
        services.session_open(request=self.request, user=form.get_user())
        return response


class StaffLogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            services.session_end_by_key(
                actor=request.user,
                session_key=request.session.session_key,
                reason=StaffSession.EndReason.LOGOUT,
            )
        return super().post(request, *args, **kwargs)


def lockout_response(request, *args, per_address: bool = False, **kwargs) -> HttpResponse:
    """django-axes' answer once a username is locked (AXES_LOCKOUT_CALLABLE), and the per-address
    ceiling's (one hour)."""
    minutes = 60 if per_address else int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "per_address": per_address}
    response = render(request, "accounts/locked.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login page, replaced: signing in always goes through the staff login (lockout,
    second factor, session record). A signed-in person without admin access is refused, not looped."""
    if request.user.is_authenticated:
        raise PermissionDenied
    query = request.META.get("QUERY_STRING", "")
    return redirect(resolve_url("accounts:login") + (f"?{query}" if query else ""))


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("token")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if twofactor.confirmed_device(request.user) is None:
        return redirect(f"{resolve_url('accounts:enrol')}?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.totp_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error("token", _("Kode salah atau sudah kedaluwarsa. Coba kode yang baru."))
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)}, status=status)


@sensitive_post_parameters("token")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    # Replacing an authenticator needs the current one first: a stolen password alone must not let
    # someone attach their own phone.
    if twofactor.confirmed_device(request.user) is not None and not request.user.is_verified():
        return redirect(f"{resolve_url('accounts:verify')}?next={_next_url(request)}")
    device = twofactor.enrolment_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.totp_enrol_confirm(request=request, device=device, token=form.cleaned_data["token"]):
            messages.success(request, _("Verifikasi dua langkah aktif untuk akun Anda."))
            return redirect(_next_url(request))
        form.add_error("token", _("Kode salah atau sudah kedaluwarsa. Coba kode yang baru."))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": twofactor.provisioning_qr_svg(device),
        "manual_key": twofactor.manual_key(device),
    }
    return render(request, "accounts/enrol.html", context, status=400 if request.method == "POST" else 200)


@never_cache
@login_required
def security(request: HttpRequest) -> HttpResponse:
    context = {
        "sessions": selectors.sessions_recent_for(user=request.user),
        "current_key": request.session.session_key,
        "has_device": twofactor.confirmed_device(request.user) is not None,
        "second_factor_required": twofactor.second_factor_required(request.user),
    }
    return render(request, "accounts/security.html", context)


@login_required
@require_POST
def session_end(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.session_of_user(user=request.user, pk=pk)
    if row is None or row.session_key == request.session.session_key:
        raise Http404
    if services.session_end(
        actor=request.user, staff_session=row, reason=StaffSession.EndReason.ENDED_BY_USER
    ):
        messages.success(request, _("Sesi itu telah diakhiri."))
    return redirect("accounts:security")


@login_required
@require_POST
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    ended = services.sessions_end_for_user(
        actor=request.user,
        user=request.user,
        reason=StaffSession.EndReason.ENDED_BY_USER,
        keep_session_key=request.session.session_key,
    )
    messages.success(request, _("%(n)s sesi lain telah diakhiri.") % {"n": ended})
    return redirect("accounts:security")
