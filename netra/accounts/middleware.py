"""Staff session rules, applied on every request of a signed-in person.

- `StaffSessionMiddleware`: idle and absolute expiry (NETRA_STAFF_SESSION_IDLE_SECONDS /
  NETRA_STAFF_SESSION_ABSOLUTE_SECONDS). Times are kept in the session itself, so the check costs no
  query; 'last active' on the security page is written at most every few minutes.
- `SecondFactorMiddleware`: with NETRA_2FA_REQUIRED on, a person who needs the second factor and has
  not given it this session reaches only the verify/enrol pages and logout (pages redirect, the API
  answers 401).

The reporter's follow-up session is anonymous (no user) and keeps its own 30-minute rule (intake).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from netra.accounts import services
from netra.accounts.models import StaffSession
from netra.accounts.twofactor import confirmed_device, second_factor_required
from netra.core.api import PROBLEM_CONTENT_TYPE, problem_body

AUTH_AT = "netra_auth_at"
SEEN_AT = "netra_seen_at"
TOUCHED_AT = "netra_touched_at"
SEEN_RESOLUTION = 30  # seconds: the idle clock is saved at most this often (one session write)
TOUCH_EVERY = 300  # seconds: 'last active' in the session list


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        session = request.session
        now = time.time()
        auth_at = session.get(AUTH_AT)
        seen_at = session.get(SEEN_AT)
        if auth_at is None or seen_at is None:
            session[AUTH_AT] = session[SEEN_AT] = session[TOUCHED_AT] = now
            return
        reason = ""
        if now - auth_at > settings.NETRA_STAFF_SESSION_ABSOLUTE_SECONDS:
            reason = StaffSession.EndReason.ABSOLUTE
        elif now - seen_at > settings.NETRA_STAFF_SESSION_IDLE_SECONDS:
            reason = StaffSession.EndReason.IDLE
        if reason:
            key = session.session_key
            logout(request)  # flushes the session; request.user becomes anonymous
            services.session_end_by_key(actor=None, session_key=key, reason=reason)
            messages.warning(request, _("Sesi Anda berakhir. Silakan masuk kembali."))
            return
        if now - seen_at >= SEEN_RESOLUTION:
            session[SEEN_AT] = now
        if now - session.get(TOUCHED_AT, 0) >= TOUCH_EVERY:
            session[TOUCHED_AT] = now
            services.session_touch(session_key=session.session_key)


def _exempt_paths() -> tuple[str, ...]:
    return (
        reverse("accounts:verify"),
        reverse("accounts:enrol"),
        reverse("accounts:logout"),
        reverse("set_language"),
        "/" + settings.STATIC_URL.lstrip("/"),
    )


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.NETRA_2FA_REQUIRED
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(_exempt_paths())
            and second_factor_required(user)
        ):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _refuse(request):
        if request.path.startswith("/api/"):
            body = problem_body(
                request,
                status=401,
                code="second-factor-required",
                title=_("Verifikasi dua langkah diperlukan"),
                detail=_("Masukkan kode dari aplikasi autentikator di halaman masuk terlebih dahulu."),
            )
            return JsonResponse(body, status=401, content_type=PROBLEM_CONTENT_TYPE)
        target = "accounts:verify" if confirmed_device(request.user) else "accounts:enrol"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
