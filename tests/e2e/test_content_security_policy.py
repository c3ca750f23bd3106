"""Under the Content-Security-Policy the browser blocks nothing Netra itself needs: the language picker
still switches language (its handler moved to static/js/netra.js), the report form's scripts run, and
the dashboard draws its ECharts charts. Any CSP violation the browser reports fails the test."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_case_chain import chain, login  # noqa: F401 (the chain fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def _watch_violations(page: Page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return violations


def test_public_pages_and_language_picker_work_under_the_policy(page: Page, chain):  # noqa: F811
    violations = _watch_violations(page)
    page.goto("/lapor/laporan/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.get_by_label("Bahasa").select_option("en")  # submits through the static handler
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto("/lapor/cek/")
    page.goto("/akun/masuk/")
    assert violations == []


def test_dashboard_draws_its_charts_under_the_policy(page: Page, chain):  # noqa: F811
    violations = _watch_violations(page)
    login(page, "agus")
    page.goto("/statistik/")
    expect(page.get_by_test_id("chart-funnel").locator("canvas")).to_have_count(1)
    box = page.get_by_test_id("chart-funnel").bounding_box()
    assert box is not None
    assert box["height"] == pytest.approx(280, abs=2)  # the height comes from the CSS class now
    page.goto("/akun/keamanan/")
    expect(page.get_by_test_id("sessions")).to_contain_text("Sesi ini")
    assert violations == []
