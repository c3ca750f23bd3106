"""Issue 13, item 8: a valid receipt got 429 after another device behind the same carrier NAT sent wrong
codes. Now failures count per (address, code prefix), per prefix and per address (a generous
ceiling): strangers sharing an address are not locked out, guessing one receipt still is."""

import time

import pytest
import time_machine
from django.test import Client

from netra.intake import submission as intake_submission
from netra.intake.tests.conftest import NOW, make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mid_window():
    """The limits count in one-hour windows: start each test mid-window so none straddles a boundary."""
    now = time.time()
    with time_machine.travel(now - now % 3600 + 1800, tick=True):
        yield


NAT = "36.72.0.1"  # one carrier-grade NAT address for many phones


@pytest.fixture
def receipt(world) -> str:
    return intake_submission.report_submit(submission=make_submission(), now=NOW).receipt


def _wrong_codes(receipt: str, n: int, *, same_prefix: bool) -> list[str]:
    """n well-formed codes that are not `receipt`, sharing its prefix or spread over other prefixes."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    prefix = receipt[:4]
    codes = []
    for i in range(n):
        tail = f"{alphabet[i % 31]}{alphabet[(i // 31) % 31]}22-2222-2222-2222"
        head = (
            prefix
            if same_prefix
            else f"{alphabet[i % 31]}{alphabet[(i // 31) % 31]}{alphabet[(i // 961) % 31]}Z"
        )
        code = f"{head}-{tail}"
        if code != receipt and (same_prefix or head != prefix):
            codes.append(code)
    return codes


def _follow(code: str, address: str = NAT) -> int:
    return Client(REMOTE_ADDR=address).post("/lapor/cek/", {"receipt": code}).status_code


def test_a_valid_receipt_opens_behind_a_nat_after_another_devices_wrong_codes(receipt):
    statuses = [_follow(code) for code in _wrong_codes(receipt, 60, same_prefix=False)]
    assert statuses.count(400) == len(statuses)  # 60 wrong codes of many prefixes: none throttled
    assert _follow(receipt) == 302  # before issue 13: 429 after the 10th wrong code from this address


def test_guessing_one_receipt_from_one_address_is_stopped(receipt, settings):
    limit = settings.NETRA_RECEIPT_FAILURES_PER_HOUR
    statuses = [_follow(code, "198.51.100.9") for code in _wrong_codes(receipt, 15, same_prefix=True)]
    assert statuses[: limit - 1] == [400] * (limit - 1)
    assert set(statuses[limit - 1 :]) == {429}
    assert _follow(receipt, "198.51.100.9") == 429  # this address guessed this receipt: it waits
    assert _follow(receipt, NAT) == 302  # its owner elsewhere is not affected


def test_a_receipt_under_attack_from_many_addresses_is_locked_for_the_hour(receipt, settings):
    settings.NETRA_RECEIPT_PREFIX_FAILURES_PER_HOUR = 12
    codes = _wrong_codes(receipt, 12, same_prefix=True)
    statuses = [_follow(code, f"203.0.113.{i}") for i, code in enumerate(codes)]  # 1 try per address
    assert statuses[:11] == [400] * 11
    assert statuses[11] == 429
    response = Client(REMOTE_ADDR=NAT).post("/lapor/cek/", {"receipt": receipt})
    assert response.status_code == 429
    assert "awalan ini dikunci sementara" in response.content.decode()


def test_one_address_flooding_many_prefixes_hits_the_ceiling(receipt, settings):
    settings.NETRA_RECEIPT_ADDRESS_FAILURES_PER_HOUR = 25
    statuses = [_follow(code) for code in _wrong_codes(receipt, 30, same_prefix=False)]
    assert statuses.index(429) == 24
    assert _follow(receipt) == 429
    assert _follow(receipt, "192.0.2.44") == 302


def test_the_api_follows_the_same_rules(receipt):
    for code in _wrong_codes(receipt, 40, same_prefix=False):
        Client(REMOTE_ADDR=NAT).get("/api/v1/my-report", HTTP_X_RECEIPT=code)
    response = Client(REMOTE_ADDR=NAT).get("/api/v1/my-report", HTTP_X_RECEIPT=receipt)
    assert response.status_code == 200
    for code in _wrong_codes(receipt, 10, same_prefix=True):
        Client(REMOTE_ADDR=NAT).get("/api/v1/my-report", HTTP_X_RECEIPT=code)
    assert Client(REMOTE_ADDR=NAT).get("/api/v1/my-report", HTTP_X_RECEIPT=receipt).status_code == 429


def test_a_call_without_a_code_is_not_a_guess(receipt):
    for _ in range(30):
        assert (
            Client(REMOTE_ADDR=NAT).post("/api/v1/my-report/messages", {}, "application/json").status_code
            == 401
        )
    response = Client(REMOTE_ADDR=NAT).get("/api/v1/my-report", HTTP_X_RECEIPT=receipt)
    assert response.status_code == 200
