"""TOTP second factor (NETRA_2FA_REQUIRED): required for whoever can reveal identities, decide or
recommend; enrolment with a QR code, then a verify step after every password sign-in."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from netra.accounts.tests.helpers import admin_client, fresh_client, sign_in
from netra.audit.models import AuditLogEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]


@pytest.fixture
def two_factor_on():
    with override_settings(NETRA_2FA_REQUIRED=True):
        yield


def _code(device: TOTPDevice, *, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _enrol(client) -> TOTPDevice:
    page = client.get("/akun/verifikasi/daftar/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post("/akun/verifikasi/daftar/", {"token": _code(device), "next": "/kasus/"})
    assert response.status_code == 302
    assert response["Location"] == "/kasus/"
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_head_is_sent_to_enrolment_then_verifies_at_every_sign_in(world):
    with time_machine.travel(dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC), tick=False) as clock:
        _enrol_then_verify(clock)


def _enrol_then_verify(clock):
    client = fresh_client()
    response = sign_in(client, "u-bpp-head")
    assert response.status_code == 302
    blocked = client.get("/kasus/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith("/akun/verifikasi/daftar/?next=")
    device = _enrol(client)
    assert client.get("/kasus/").status_code == 200
    assert AuditLogEntry.objects.filter(action="account.2fa_enrol").count() == 1

    client.post("/akun/keluar/")
    clock.shift(60)  # a new code (a code is accepted once)
    later = fresh_client()
    sign_in(later, "u-bpp-head")
    response = later.get("/kasus/")
    assert response["Location"].startswith("/akun/verifikasi/?next=")
    wrong = later.post("/akun/verifikasi/", {"token": "000000" if _code(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert later.get("/kasus/").status_code == 302
    clock.shift(60)  # after a wrong code django-otp makes the next try wait
    ok = later.post("/akun/verifikasi/", {"token": _code(device), "next": "/kasus/"})
    assert ok.status_code == 302
    assert ok["Location"] == "/kasus/"
    assert later.get("/kasus/").status_code == 200
    assert AuditLogEntry.objects.filter(action="account.2fa_failed").count() == 1
    assert AuditLogEntry.objects.filter(action="account.2fa_verify").count() == 1


def test_api_answers_401_until_the_second_factor(world):
    client = fresh_client()
    sign_in(client, "u-bpp-officer")  # officers recommend: second factor required
    response = client.get("/api/v1/cases", HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["type"].endswith("second-factor-required")


def test_viewer_needs_no_second_factor(world):
    client = fresh_client()
    sign_in(client, "u-bpp-viewer")
    assert client.get("/kasus/").status_code == 200


def test_a_password_alone_cannot_attach_a_new_authenticator(world):
    first = fresh_client()
    sign_in(first, "u-bpp-head")
    device = _enrol(first)
    thief = fresh_client()
    sign_in(thief, "u-bpp-head")
    response = thief.get("/akun/verifikasi/daftar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/verifikasi/")
    assert list(TOTPDevice.objects.values_list("pk", flat=True)) == [device.pk]


def test_setting_off_means_no_second_factor(world, settings):
    settings.NETRA_2FA_REQUIRED = False
    client = fresh_client()
    sign_in(client, "u-bpp-head")
    assert client.get("/kasus/").status_code == 200


def test_admin_resets_a_lost_authenticator(world):
    client = fresh_client()
    sign_in(client, "u-bpp-head")
    _enrol(client)
    admin = admin_client(world["users"]["platform"])
    TOTPDevice.objects.create(user=world["users"]["platform"], name="x", confirmed=True)
    from django_otp import DEVICE_ID_SESSION_KEY

    session = admin.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=world["users"]["platform"]).persistent_id
    session.save()
    head = world["users"]["bpp_head"]
    admin.post("/admin/agencies/user/", {"action": "reset_second_factor", "_selected_action": [head.pk]})
    assert not TOTPDevice.objects.filter(user=head).exists()
    again = fresh_client()
    sign_in(again, "u-bpp-head")
    assert again.get("/kasus/")["Location"].startswith("/akun/verifikasi/daftar/")
    assert AuditLogEntry.objects.filter(action="account.2fa_reset").count() == 1


def test_manual_key_matches_the_qr(world):
    client = fresh_client()
    sign_in(client, "u-bpp-head")
    html = client.get("/akun/verifikasi/daftar/").content.decode()
    key = re.search(r'data-testid="totp-key">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    assert key in TOTPDevice.objects.get().config_url
