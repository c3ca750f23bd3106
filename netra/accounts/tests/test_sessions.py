"""Staff sessions: idle (30 min) and absolute (12 h) expiry, the person's own list of sign-ins where
other sessions can be ended, and an administrator disabling an account ends all its sessions."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from netra.accounts.models import StaffSession
from netra.accounts.tests.helpers import admin_client, fresh_client, sign_in
from netra.audit.models import AuditLogEntry

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_idle_session_ends_after_thirty_minutes(world):
    client = fresh_client()
    with time_machine.travel(START, tick=False) as clock:
        assert sign_in(client, "u-bpp-officer").status_code == 302
        clock.shift(dt.timedelta(minutes=29))
        assert client.get("/ruang-kerja/").status_code == 200
        clock.shift(dt.timedelta(minutes=29))  # 29 minutes since the last request: still fine
        assert client.get("/ruang-kerja/").status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/ruang-kerja/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")
    assert not _signed_in(client)
    row = StaffSession.objects.get()
    assert row.end_reason == StaffSession.EndReason.IDLE


def test_absolute_limit_ends_a_busy_session_after_twelve_hours(world):
    client = fresh_client()
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "u-bpp-officer")
        for _ in range(45):  # a request every 20 minutes: never idle
            clock.shift(dt.timedelta(minutes=20))
            if client.get("/ruang-kerja/").status_code != 200:
                break
        elapsed = dt.datetime.now(dt.UTC) - START
    assert dt.timedelta(hours=12) <= elapsed <= dt.timedelta(hours=12, minutes=20)
    assert not _signed_in(client)
    assert StaffSession.objects.get().end_reason == StaffSession.EndReason.ABSOLUTE


def test_security_page_lists_sign_ins_and_ends_another_session(world):
    laptop, phone = fresh_client(), fresh_client()
    sign_in(laptop, "u-bpp-officer")
    sign_in(phone, "u-bpp-officer")
    page = laptop.get("/akun/keamanan/")
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert html.count("pytest-browser") == 2
    assert "Sesi ini" in html
    other = StaffSession.objects.exclude(session_key=laptop.session.session_key).get()
    assert laptop.post(f"/akun/keamanan/sesi/{other.pk}/akhiri/").status_code == 302
    assert phone.get("/ruang-kerja/").status_code == 302  # the phone is signed out
    assert laptop.get("/ruang-kerja/").status_code == 200
    other.refresh_from_db()
    assert other.end_reason == StaffSession.EndReason.ENDED_BY_USER
    assert AuditLogEntry.objects.filter(action="account.session_end").count() == 1


def test_someone_elses_session_is_not_found(world):
    mine, theirs = fresh_client(), fresh_client()
    sign_in(mine, "u-bpp-officer")
    sign_in(theirs, "u-bpp-head")
    their_row = StaffSession.objects.get(user=world["users"]["bpp_head"])
    assert mine.post(f"/akun/keamanan/sesi/{their_row.pk}/akhiri/").status_code == 404
    assert theirs.get("/ruang-kerja/").status_code == 200


def test_end_all_other_sessions(world):
    clients = [fresh_client() for _ in range(3)]
    for c in clients:
        sign_in(c, "u-bpp-officer")
    clients[0].post("/akun/keamanan/sesi/akhiri-lainnya/")
    assert [c.get("/ruang-kerja/").status_code for c in clients] == [200, 302, 302]


def test_logout_is_recorded(world):
    client = fresh_client()
    sign_in(client, "u-bpp-officer")
    client.post("/akun/keluar/")
    assert StaffSession.objects.get().end_reason == StaffSession.EndReason.LOGOUT


def test_admin_disables_an_account_and_ends_its_sessions_at_once(world):
    devices = [fresh_client(), fresh_client()]
    for c in devices:
        sign_in(c, "u-bpp-head")
    admin = admin_client(world["users"]["platform"])
    head = world["users"]["bpp_head"]
    response = admin.post(
        "/admin/agencies/user/", {"action": "disable_accounts", "_selected_action": [head.pk]}
    )
    assert response.status_code == 302
    head.refresh_from_db()
    assert not head.is_active
    assert [c.get("/ruang-kerja/").status_code for c in devices] == [302, 302]
    assert set(StaffSession.objects.values_list("end_reason", flat=True)) == {"account_disabled"}
    entry = AuditLogEntry.objects.get(action="account.disable")
    assert entry.after["sessions_ended"] == 2
    assert entry.actor_label == "u-platform"
    assert sign_in(fresh_client(), "u-bpp-head").status_code == 200  # refused: the form again


def test_signed_in_person_without_admin_access_is_refused_not_looped(world):
    client = fresh_client()
    sign_in(client, "u-bpp-officer")
    assert client.get("/admin/", follow=True).status_code == 403


def test_admin_sign_in_goes_through_the_staff_login():
    response = fresh_client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/masuk/?next=/admin/"


@pytest.mark.parametrize(
    "weak", ["pendek-123", "password1234", "123456789012", "qwerty123456", "1qaz2wsx3edc"]
)
def test_password_policy_refuses_short_common_and_numeric(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


def test_password_policy_accepts_a_long_uncommon_passphrase():
    validate_password("kopi-tubruk-di-sepinggan-pagi")
