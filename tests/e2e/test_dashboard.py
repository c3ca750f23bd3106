"""The statistics dashboard in a real browser (Debian Chromium): a Bawaslu head opens /statistik/ and
sees the walked-in case counted, the tables and their downloads, the charts drawn; on a phone the page
does not overflow sideways."""

import pytest
from playwright.sync_api import Page, expect

from netra.analytics.models import Stage, SubjectFact
from tests.e2e.test_case_chain import DESKTOP, chain, login  # noqa: F401 (the chain fixture)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def _add_history() -> None:
    """Three imported ASN of Balikpapan's history: two proven (one sanctioned), one stopped."""
    rows = [
        ("import:e2e:1", Stage.SANCTIONED, True),
        ("import:e2e:2", Stage.EMPLOYER, True),
        ("import:e2e:3", Stage.STOPPED, False),
    ]
    SubjectFact.objects.bulk_create(
        SubjectFact(
            row_key=key,
            is_imported=True,
            election_code="pilkada-2020",
            region_code="64.71",
            province_code="64",
            stage=stage,
            proven=proven,
            forwarded_on="2020-11-01" if proven else None,
            recommended_on="2020-11-10" if proven else None,
            sanctioned_on="2020-12-01" if stage == Stage.SANCTIONED else None,
            waiting_since="2020-11-10" if stage == Stage.EMPLOYER else None,
        )
        for key, stage, proven in rows
    )


def _outline() -> None:
    from django.utils import timezone

    from netra.regions.models import RegionBoundary

    square = [[[[116.0, -2.0], [118.0, -2.0], [118.0, 1.0], [116.0, 1.0], [116.0, -2.0]]]]
    RegionBoundary.objects.create(
        region_id="64",
        geometry={"type": "MultiPolygon", "coordinates": square},
        source="e2e",
        imported_at=timezone.now(),
    )


def test_dashboard_counts_and_draws(page: Page, chain):  # noqa: F811
    _add_history()
    _outline()
    page.set_viewport_size(DESKTOP)
    login(page, "agus")
    page.goto("/statistik/")
    funnel = page.get_by_test_id("table-funnel")
    expect(funnel).to_be_visible()
    # the live case (at Bawaslu) and the three imported ASN
    expect(funnel.locator("tbody tr").first.locator("td").nth(1)).to_have_text("4")
    expect(page.get_by_test_id("table-province").locator("tbody tr").first.locator("td").nth(1)).to_have_text(
        "4"
    )
    with page.expect_download() as download:
        page.get_by_test_id("table-funnel").get_by_role("link", name="XLSX").click()
    assert download.value.suggested_filename == "netra-funnel.xlsx"
    charts_drawn = page.evaluate(
        "() => Boolean(window.echarts) && !!document.querySelector('#chart-funnel canvas')"
    )
    has_echarts = page.evaluate("() => Boolean(window.echarts)")
    assert charts_drawn == has_echarts
    page.set_viewport_size(PHONE)
    page.goto("/statistik/")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1
