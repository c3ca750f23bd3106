"""Elections side by side per region (issue 11: "Balikpapan 2020 vs 2024"): per province nationally,
per kab/kota under a region filter, the same numbers from the rollups and from the facts, on the page,
in its chart data and in the CSV/XLSX with one column per election."""

import csv
import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from netra.agencies.tests.factories import UserFactory
from netra.analytics.selectors import StatsFilter, facts_for, stats_trend
from netra.analytics.tests.factories import ImportedFactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    # Published figures (../shared/data/reported-stats): Balikpapan 2 ASN in 2020, 7 in 2024.
    ImportedFactFactory.create_batch(2, region_code="64.71", election_code="pilkada-2020")
    ImportedFactFactory.create_batch(7, region_code="64.71", election_code="pilkada-2024")
    ImportedFactFactory.create_batch(3, region_code="64.72", election_code="pilkada-2024")
    ImportedFactFactory.create_batch(4, region_code="33.02", election_code="pemilu-2024")


def test_regions_side_by_side_from_cubes_and_from_facts(history):
    admin = UserFactory(is_superuser=True, is_staff=True)
    national = facts_for(user=admin, filters=StatsFilter())
    expected = [
        {"key": "64", "pilkada-2020": 2, "pemilu-2024": 0, "pilkada-2024": 10, "total": 12},
        {"key": "33", "pilkada-2020": 0, "pemilu-2024": 4, "pilkada-2024": 0, "total": 4},
    ]
    assert stats_trend(national) == expected
    assert stats_trend(national.all()) == expected  # the facts path (no rollup)
    kaltim = facts_for(user=admin, filters=StatsFilter(region_code="64"))
    assert stats_trend(kaltim, region_code="64") == [
        {"key": "64.71", "pilkada-2020": 2, "pilkada-2024": 7, "total": 9},
        {"key": "64.72", "pilkada-2020": 0, "pilkada-2024": 3, "total": 3},
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_page_chart_and_downloads_carry_one_column_per_election(history, fmt):
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = client.get("/statistik/", {"region_code": "64"})
    assert page.status_code == 200
    columns, rows = next((c, r) for key, c, r in page.context["sections"] if key == "trend")
    assert [k for k, _h in columns] == ["key", "name", "pilkada-2020", "pilkada-2024", "total"]
    assert [(r["name"], r["pilkada-2020"], r["pilkada-2024"]) for r in rows] == [
        ("Kota Balikpapan", 2, 7),
        ("Kota Samarinda", 0, 3),
    ]
    chart = json.loads(page.context["chart_json"])["trend"]
    assert chart == {
        "elections": ["pilkada-2020", "pilkada-2024"],
        "rows": [["Kota Balikpapan", 2, 7], ["Kota Samarinda", 0, 3]],
    }
    response = client.get(f"/statistik/unduh/trend.{fmt}", {"region_code": "64"})
    if fmt == "csv":
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        lines = [[("" if c is None else str(c)) for c in row] for row in sheet.iter_rows(values_only=True)]
    assert lines == [
        ["Kode wilayah", "Wilayah", "pilkada-2020", "pilkada-2024", "Jumlah"],
        ["64.71", "Kota Balikpapan", "2", "7", "9"],
        ["64.72", "Kota Samarinda", "0", "3", "3"],
    ]
