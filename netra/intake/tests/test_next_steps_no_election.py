"""Issue 10 item 7: a report about a region and day with no election running in Netra's data is told so
precisely (region, date, what Bawaslu can and cannot do, where else to go), not silently routed."""

import datetime as dt

import pytest

from netra.intake.next_steps import next_steps_for
from netra.intake.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def test_no_election_is_said_with_the_region_and_the_date():
    # Kota Balikpapan, 10 March 2026: no Pemilu or Pilkada stage runs (Pilkada 2024 ended in 2025).
    report = ReportFactory(election=None, incident_date=dt.date(2026, 3, 10), known_date=dt.date(2026, 3, 11))
    first = next_steps_for(report=report)[0]
    assert first.title == "Tidak ada pemilihan di wilayah dan tanggal ini"
    assert report.incident_region.name in first.text  # the kecamatan of Kota Balikpapan (64.71.01)
    assert "10 Maret 2026" in first.text
    assert "BKN" in first.text
    assert "UU 7/2017 Pasal 93" in first.basis


def test_a_report_with_its_election_is_not_told_so():
    steps = next_steps_for(report=ReportFactory())
    assert all(s.title != "Tidak ada pemilihan di wilayah dan tanggal ini" for s in steps)


def test_without_a_region_nothing_is_claimed():
    steps = next_steps_for(report=ReportFactory(election=None, region_code=""))
    assert all(s.title != "Tidak ada pemilihan di wilayah dan tanggal ini" for s in steps)
