"""Item 1 of issue 13: 30 wrong passwords were all answered 200 and the right one worked straight
after. Now a username locks after AXES_FAILURE_LIMIT failures, stays locked for the right password
too, and an administrator (command or admin action) lifts the lock; every step is audited."""

import time

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from netra.accounts.tests.helpers import admin_client, fresh_client, sign_in
from netra.audit.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def test_thirty_wrong_passwords_lock_the_account_and_the_right_one_is_refused(world, settings):
    client = fresh_client()
    statuses = [sign_in(client, "u-bpp-head", f"salah-{i}").status_code for i in range(30)]
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    assert statuses[: limit - 1] == [200] * (limit - 1)  # the form again, with its error
    assert set(statuses[limit - 1 :]) == {429}  # locked from the limit on
    response = sign_in(client, "u-bpp-head")  # the right password
    assert response.status_code == 429
    assert "terkunci" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditLogEntry.objects.filter(action="account.locked_out", object_id="u-bpp-head").exists()
    assert (
        AuditLogEntry.objects.filter(action="account.login_failed", object_id="u-bpp-head").count() >= limit
    )


def test_lock_is_per_username_not_per_office_address(world):
    client = fresh_client()
    for i in range(10):
        sign_in(client, "u-bpp-head", f"salah-{i}")
    colleague = sign_in(client, "u-bpp-officer")  # same address, another person
    assert colleague.status_code == 302
    assert colleague["Location"] == "/ruang-kerja/"


def test_unlock_command_lets_the_person_in_again_and_is_audited(world):
    client = fresh_client()
    for i in range(6):
        sign_in(client, "u-bpp-head", f"salah-{i}")
    assert sign_in(client, "u-bpp-head").status_code == 429
    call_command("account_unlock", "u-bpp-head")
    assert sign_in(client, "u-bpp-head").status_code == 302
    assert AuditLogEntry.objects.filter(action="account.unlock", object_id="u-bpp-head").exists()
    assert AuditLogEntry.objects.filter(action="account.login").count() == 1


def test_admin_unlock_action(world):
    client = fresh_client()
    for i in range(6):
        sign_in(client, "u-bpp-head", f"salah-{i}")
    admin = admin_client(world["users"]["platform"])
    head = world["users"]["bpp_head"]
    response = admin.post(
        "/admin/agencies/user/", {"action": "unlock_accounts", "_selected_action": [head.pk]}, follow=True
    )
    assert response.status_code == 200
    assert sign_in(client, "u-bpp-head").status_code == 302


@override_settings(NETRA_LOGIN_FAILURES_PER_IP_HOUR=8)
def test_one_address_spraying_many_usernames_hits_the_ceiling(world):
    now = time.time()  # the ceiling counts in one-hour windows: start mid-window
    with time_machine.travel(now - now % 3600 + 1800, tick=True):
        _spray()


def _spray():
    client = fresh_client()
    names = [f"u-{k}" for k in ("ri", "kaltim", "bpp", "jateng", "pbg", "bkn", "pemkot", "bkpsdm")]
    assert {sign_in(client, name, "Password123!").status_code for name in names} == {200}
    refused = sign_in(client, "u-inspektorat", "Password123!")
    assert refused.status_code == 429
    assert "dari alamat jaringan ini" in refused.content.decode()
    assert sign_in(fresh_client(), "u-inspektorat").status_code == 302  # another address: fine
