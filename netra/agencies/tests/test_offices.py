"""Where a laporan is received and which office handles its case: one rule (`bawaslu_office_for`,
`handling_office_for`) for intake and cases. UU 7/2017 Pasal 454 ayat (1)-(3): reports are received by
Bawaslu at every level down to Panwaslu Kecamatan; Perbawaslu 7/2022: Bawaslu kab/kota and above
register, clarify and decide."""

import pytest

from netra.agencies.selectors import bawaslu_office_for, handling_office_for

pytestmark = pytest.mark.django_db


def test_a_panwaslu_kecamatan_receives_but_its_kabkota_handles(world):
    a = world["agencies"]
    assert bawaslu_office_for(region_code="64.71.01") == a["bpp_sel"]
    assert handling_office_for(region_code="64.71.01") == a["bpp"]
    assert handling_office_for(region_code="64.72.01") == a["kaltim"]  # Samarinda: no kab/kota office


def test_without_a_region_the_receiving_office_handles_if_it_may(world):
    a = world["agencies"]
    assert handling_office_for(region_code="", received_by_id=a["kaltim"].pk) == a["kaltim"]
    assert handling_office_for(region_code="", received_by_id=a["bpp_sel"].pk) == a["ri"]
    assert handling_office_for(region_code="", received_by_id=None) == a["ri"]
    # A region no office covers is Bawaslu RI's (its jurisdiction is the whole country).
    assert handling_office_for(region_code="91.01", received_by_id=a["kaltim"].pk) == a["ri"]
