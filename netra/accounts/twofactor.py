"""The second factor (TOTP, django-otp): who needs it, enrolment, verification and reset.

Required (when NETRA_2FA_REQUIRED is on) for everyone who can open a reporter's identity, decide a case
in plenary or recommend a sanction: the permissions, not role names, decide, so a role that gains one
of them needs the second factor at once.
"""

import segno
from django.conf import settings
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from netra.accounts import services
from netra.audit.services import audit_record

SECOND_FACTOR_PERMISSIONS = ("intake.reveal_identity", "cases.decide_case", "cases.recommend_case")
DEVICE_NAME = "Aplikasi autentikator"


def second_factor_required(user) -> bool:
    if not settings.NETRA_2FA_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or any(user.has_perm(p) for p in SECOND_FACTOR_PERMISSIONS)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (one per user; a fresh secret only when none is pending)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def provisioning_qr_svg(device: TOTPDevice) -> SafeString:
    """The otpauth:// URL as an inline SVG QR code (no image request, no script: CSP-friendly)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#111", light="#fff")
    return mark_safe(svg)  # noqa: S308  (segno's own markup; the URL inside is escaped by segno)


def manual_key(device: TOTPDevice) -> str:
    """The secret in base32 groups of four, for typing into an authenticator by hand."""
    from base64 import b32encode

    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _clean(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isdigit())[:8]


def totp_enrol_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """Confirm the pending device with a code from the app; the session counts as verified."""
    allowed, _ = device.verify_is_allowed()
    if not allowed or not device.verify_token(_clean(token)):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=device.user, action="account.2fa_enrol", instance=device.user, after={"device": device.pk}
        )
    otp_login(request, device)
    services.session_mark_second_factor(session_key=request.session.session_key)
    return True


def totp_verify(*, request, token: str) -> bool:
    """Check a code after the password; on success the session is verified. Failures are throttled
    by the device (django-otp doubles the wait after each) and audited."""
    device = confirmed_device(request.user)
    if device is None:
        return False
    allowed, _ = device.verify_is_allowed()
    ok = allowed and device.verify_token(_clean(token))
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="account.2fa_verify" if ok else "account.2fa_failed",
            instance=request.user,
            after={"throttled": not allowed},
        )
    if ok:
        otp_login(request, device)
        services.session_mark_second_factor(session_key=request.session.session_key)
    return bool(ok)


def totp_reset(*, actor, user) -> int:
    """Remove a person's authenticator (lost phone): they enrol again at their next sign-in."""
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        audit_record(
            actor=actor, action="account.2fa_reset", instance=user, after={"devices_removed": removed}
        )
    return removed
