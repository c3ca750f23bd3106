"""receipt_counted and GET /api/v1/clocks/receipt: when a submission counts as received, against the
shipped intake hours (Perbawaslu 9/2024: Mon–Thu 08.00–16.00, Fri 08.00–16.30), the loaded holidays
(python-holidays 2024, cuti bersama included) and the reference elections' stages (elections.json:
Pilkada 2024 masa tenang 24–26 Nov, voting 27 Nov, rekapitulasi 27 Nov–16 Dec; Pemilu 2024 masa tenang
11–13 Feb, rekapitulasi 15 Feb–20 Mar). Every instant is explicit, so the date of the run is irrelevant."""

import datetime as dt
import zoneinfo

import pytest

from netra.clocks.receipt import receipt_counted
from netra.core.models import Verification
from netra.elections.models import Election

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WITA = zoneinfo.ZoneInfo("Asia/Makassar")
WIT = zoneinfo.ZoneInfo("Asia/Jayapura")


class Office:
    def __init__(self, region_id, timezone):
        self.region_id, self.timezone = region_id, timezone


BALIKPAPAN = Office("64.71", "Asia/Makassar")
PURBALINGGA = Office("33.03", "Asia/Jakarta")
JAYAPURA = Office("91.71", "Asia/Jayapura")


@pytest.fixture
def pilkada():
    return Election.objects.prefetch_related("stages").get(code="pilkada-2024")


@pytest.fixture
def pemilu():
    return Election.objects.prefetch_related("stages").get(code="pemilu-2024")


def counted(at, office, election):
    return receipt_counted(submitted_at=at, office=office, election=election)


def test_within_intake_hours_counts_at_once(pilkada):
    at = dt.datetime(2024, 10, 10, 10, 0, tzinfo=WITA)  # Thu, campaign, desk open 08.00–16.00
    result = counted(at, BALIKPAPAN, pilkada)
    assert result.counts_from == at
    assert not result.deferred
    assert "dalam jam penerimaan" in result.reason
    assert result.verification == Verification.VERIFIED
    assert "Perbawaslu 9/2024" in result.basis


def test_after_hours_on_a_working_day_counts_from_next_morning(pilkada):
    # Thu 10 Oct 2024 17.30 WITA: the desk closed at 16.00 → Fri 11 Oct 08.00 WITA (a working day).
    result = counted(dt.datetime(2024, 10, 10, 17, 30, tzinfo=WITA), BALIKPAPAN, pilkada)
    assert result.counts_from == dt.datetime(2024, 10, 11, 8, 0, tzinfo=WITA)
    assert result.deferred
    assert "setelah jam penerimaan laporan ditutup" in result.reason
    assert "Jumat, 11 Oktober 2024 08.00 WITA" in result.reason
    assert result.verification == Verification.UNVERIFIED


def test_before_opening_counts_from_the_opening_that_day(pilkada):
    # Thu 10 Oct 2024 06.15 WITA → the desk opens at 08.00 the same day.
    result = counted(dt.datetime(2024, 10, 10, 6, 15, tzinfo=WITA), BALIKPAPAN, pilkada)
    assert result.counts_from == dt.datetime(2024, 10, 10, 8, 0, tzinfo=WITA)


def test_friday_evening_counts_from_monday(pilkada):
    # Friday closes at 16.30: Fri 11 Oct 2024 16.20 is in time; 16.45 → Sat, Sun closed → Mon 14 Oct 08.00.
    assert counted(dt.datetime(2024, 10, 11, 16, 20, tzinfo=WITA), BALIKPAPAN, pilkada).deferred is False
    result = counted(dt.datetime(2024, 10, 11, 16, 45, tzinfo=WITA), BALIKPAPAN, pilkada)
    assert result.counts_from == dt.datetime(2024, 10, 14, 8, 0, tzinfo=WITA)
    weekend = counted(dt.datetime(2024, 10, 12, 11, 0, tzinfo=WITA), BALIKPAPAN, pilkada)
    assert weekend.counts_from == dt.datetime(2024, 10, 14, 8, 0, tzinfo=WITA)
    assert "akhir pekan" in weekend.reason


def test_idulfitri_and_cuti_bersama_are_skipped(pemilu):
    """Fri 5 Apr 2024 17.00 WIB, after Pemilu 2024's rekapitulasi (ended 20 Mar). Closed: Sat 6, Sun 7,
    Mon 8 and Tue 9 (cuti bersama), Wed 10 and Thu 11 (Idulfitri), Fri 12 (cuti bersama), Sat 13, Sun 14,
    Mon 15 (cuti bersama) → Tue 16 Apr 2024 08.00 WIB. Pemilu: the desk's hours are our reading."""
    result = counted(dt.datetime(2024, 4, 5, 17, 0, tzinfo=WIB), PURBALINGGA, pemilu)
    assert result.counts_from == dt.datetime(2024, 4, 16, 8, 0, tzinfo=WIB)
    assert result.verification == Verification.UNVERIFIED
    assert "Perbawaslu 7/2022" in result.basis
    holiday = counted(dt.datetime(2024, 4, 10, 9, 0, tzinfo=WIB), PURBALINGGA, pemilu)
    assert holiday.counts_from == dt.datetime(2024, 4, 16, 8, 0, tzinfo=WIB)
    assert "hari libur" in holiday.reason


def test_round_the_clock_stages_count_at_once(pilkada, pemilu):
    # Pilkada 2024: masa tenang Sun 24 Nov 22.00, voting day Wed 27 Nov (a holiday) 20.00, rekapitulasi
    # Sat 30 Nov 03.00: each counts at the instant itself.
    for at in (
        dt.datetime(2024, 11, 24, 22, 0, tzinfo=WITA),
        dt.datetime(2024, 11, 27, 20, 0, tzinfo=WITA),
        dt.datetime(2024, 11, 30, 3, 0, tzinfo=WITA),
    ):
        result = counted(at, BALIKPAPAN, pilkada)
        assert result.counts_from == at, at
        assert result.verification == Verification.VERIFIED
        assert "24 jam" in result.reason
    # Pemilu 2024 masa tenang (Perbawaslu 7/2022 Ps. 11(4), secondary); rekapitulasi alone: our reading.
    quiet = counted(dt.datetime(2024, 2, 11, 23, 0, tzinfo=WIB), PURBALINGGA, pemilu)
    assert quiet.counts_from == dt.datetime(2024, 2, 11, 23, 0, tzinfo=WIB)
    assert quiet.verification == Verification.SECONDARY
    recap = counted(dt.datetime(2024, 3, 2, 23, 0, tzinfo=WIB), PURBALINGGA, pemilu)  # a Saturday
    assert recap.counts_from == dt.datetime(2024, 3, 2, 23, 0, tzinfo=WIB)
    assert recap.verification == Verification.UNVERIFIED


def test_a_closed_evening_before_masa_tenang_counts_from_its_midnight(pilkada):
    # Fri 22 Nov 2024 20.00 WITA (campaign; desk shut) → Sat 23 Nov shut (still campaign) → Sun 24 Nov is
    # masa tenang, received round the clock from 00.00 WITA.
    result = counted(dt.datetime(2024, 11, 22, 20, 0, tzinfo=WITA), BALIKPAPAN, pilkada)
    assert result.counts_from == dt.datetime(2024, 11, 24, 0, 0, tzinfo=WITA)


def test_the_office_zone_decides():
    """One instant, Thu 10 Oct 2024 08.30 UTC: 15.30 WIB (desk open) · 16.30 WITA and 17.30 WIT (closed
    at 16.00 local) → Fri 11 Oct 08.00 in each office's own zone."""
    at = dt.datetime(2024, 10, 10, 8, 30, tzinfo=dt.UTC)
    assert counted(at, PURBALINGGA, None).counts_from == at
    assert counted(at, BALIKPAPAN, None).counts_from == dt.datetime(2024, 10, 11, 8, 0, tzinfo=WITA)
    papua = counted(at, JAYAPURA, None)
    assert papua.counts_from == dt.datetime(2024, 10, 11, 8, 0, tzinfo=WIT)
    assert papua.counts_from.utcoffset() == dt.timedelta(hours=9)
    assert "WIT" in papua.reason


def test_naive_instant_is_refused():
    with pytest.raises(ValueError, match="aware"):
        counted(dt.datetime(2024, 10, 10, 10, 0), BALIKPAPAN, None)  # noqa: DTZ001


def test_api_receipt_for_a_region_and_for_an_office(client, pilkada):
    from netra.agencies.tests.factories import bawaslu

    # Fri 11 Oct 2024 16.45 WITA → Mon 14 Oct 08.00 WITA (as above).
    params = {"at": "2024-10-11T16:45:00+08:00", "election": "pilkada-2024", "region": "64.71"}
    body = client.get("/api/v1/clocks/receipt", params).json()
    assert dt.datetime.fromisoformat(body["counts_from"]) == dt.datetime(2024, 10, 14, 8, 0, tzinfo=WITA)
    assert body["deferred"] is True
    assert body["timezone_abbr"] == "WITA"
    assert body["verification"] == "unverified"
    assert "Perbawaslu 9/2024" in body["legal_basis"]
    jayapura = bawaslu("91.71")
    assert jayapura.timezone == "Asia/Jayapura"
    # The same instant is 17.45 WIT in Jayapura: also after Friday's 16.30 → Mon 14 Oct 08.00 WIT.
    office = client.get(
        "/api/v1/clocks/receipt", {"at": "2024-10-11T16:45:00+08:00", "office": jayapura.code}
    ).json()
    assert dt.datetime.fromisoformat(office["counts_from"]) == dt.datetime(2024, 10, 14, 8, 0, tzinfo=WIT)
    assert (
        client.get("/api/v1/clocks/receipt", {"at": "2024-10-11T16:45:00", "region": "64.71"}).status_code
        == 400
    )
    assert (
        client.get("/api/v1/clocks/receipt", {"at": "2024-10-11T16:45:00+08:00", "office": "x"}).status_code
        == 404
    )
