"""The public side on a 390×844 phone (issue 14): filing once (refresh and double click file nothing
more), the stepper with its error summary, the status timeline, and the public home page.

The screenshots of the phone form and the status page in docs/screenshots/ are written by these tests
(commit them when they change): `phone-report-form.png`, `phone-report-errors.png`, `phone-status.png`,
`phone-home.png`.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from netra.clocks.loader import sync_deadline_rules, sync_intake_hours
from netra.clocks.models import DeadlineRule, IntakeHours
from netra.elections.tests.factories import running_pilkada
from netra.intake import services
from netra.intake.models import Report, ReportStatus, SubmissionKey
from tests.e2e.conftest import PHONE
from tests.e2e.test_reporting import _dates, _where, next_step, world  # noqa: F401 (fixture)

PHONE_WIDTH = PHONE["width"]

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def clocks(world):  # noqa: F811 (the fixture imported above)
    """The legal clocks and a running Pilkada, so the receipt and the timeline can give dates."""
    sync_deadline_rules(DeadlineRule)
    sync_intake_hours(IntakeHours)
    running_pilkada(code="pilkada-uji-publik")
    return world


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} is {width}px wide on a {PHONE_WIDTH}px phone"


def _fill_tip(page: Page) -> None:
    page.goto("/lapor/informasi/")
    page.get_by_label("Uraian kejadian").fill(
        "Kepala dinas memakai mobil dinas untuk mengantar tim kampanye ke lokasi rapat umum."
    )
    next_step(page)
    _where(page)
    _dates(page)
    next_step(page)


def test_refreshing_the_receipt_files_nothing_more(page: Page, clocks):
    _fill_tip(page)
    page.get_by_role("button", name="Kirim informasi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informasi Anda diterima")
    receipt = page.get_by_test_id("receipt").inner_text()

    page.reload()
    page.reload()

    expect(page.get_by_test_id("receipt")).to_have_text(receipt)
    assert Report.objects.count() == 1
    assert "/lapor/tanda-terima/" in page.url  # a GET page: the browser never offers to resend


def test_a_double_click_on_send_files_one_report(page: Page, clocks):
    _fill_tip(page)
    page.get_by_role("button", name="Kirim informasi").dblclick()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informasi Anda diterima")

    assert Report.objects.count() == 1
    assert SubmissionKey.objects.count() == 1


def test_sending_the_same_form_twice_files_one_report(page: Page, clocks):
    """The browser's own resend (a second POST of the same page, as after a dropped connection)."""
    _fill_tip(page)
    form = page.locator("form[data-stepper]")
    with page.expect_navigation():
        form.evaluate(
            "f => { HTMLFormElement.prototype.submit.call(f); HTMLFormElement.prototype.submit.call(f); }"
        )
    expect(page.get_by_role("heading", level=1)).to_have_text("Informasi Anda diterima")
    assert Report.objects.count() == 1
    assert SubmissionKey.objects.count() == 1


def test_the_phone_stepper_shows_progress_and_an_error_summary(page: Page, clocks):
    page.goto("/lapor/laporan/")
    expect(page.get_by_text("Langkah 1 dari 4")).to_be_visible()
    expect(page.get_by_label("Nama lengkap")).to_be_hidden()  # step 4
    expect(page.get_by_role("button", name="Kirim laporan")).to_be_hidden()
    page.locator("#id_terlapor1-name").fill("Camat Balikpapan Selatan")
    _no_sideways_scroll(page)
    _shot(page, "phone-report-form.png")

    for n in (2, 3, 4):
        next_step(page)
        expect(page.get_by_text(f"Langkah {n} dari 4")).to_be_visible()
    page.get_by_label("NIK").fill("123")
    page.get_by_role("button", name="Kirim laporan").click()

    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Ada 2 isian yang perlu diperbaiki")
    expect(summary.get_by_role("link", name=re.compile("Uraian kejadian"))).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("NIK"))).to_be_visible()
    # The first field in error has the focus, its step is shown, and what was typed is kept.
    expect(page.get_by_label("Uraian kejadian")).to_be_focused()
    expect(page.get_by_text("Langkah 1 dari 4")).to_be_visible()
    expect(page.locator("#id_terlapor1-name")).to_have_value("Camat Balikpapan Selatan")
    _no_sideways_scroll(page)
    _shot(page, "phone-report-errors.png")

    summary.get_by_role("link", name=re.compile("NIK")).click()
    expect(page.get_by_label("NIK")).to_be_focused()
    expect(page.get_by_text("Langkah 4 dari 4")).to_be_visible()
    assert not Report.objects.exists()


def test_the_status_page_shows_the_timeline_on_a_phone(page: Page, clocks):
    _fill_tip(page)
    page.get_by_role("button", name="Kirim informasi").click()
    receipt = page.get_by_test_id("receipt").inner_text()
    expect(page.get_by_test_id("next-steps")).to_contain_text("Tidak ada yang wajib Anda lengkapi")
    report = Report.objects.get()
    services.reports_status_set(report_ids=[report.pk], status=ReportStatus.IN_REVIEW, closed=False)

    page.goto("/lapor/cek/")
    page.get_by_label("Kode tanda terima").fill(receipt)
    page.get_by_role("button", name="Buka laporan").click()

    timeline = page.get_by_test_id("timeline")
    expect(timeline.locator("li")).to_have_count(5)
    expect(timeline.locator("li.tl-done")).to_contain_text("Diterima")
    expect(timeline.locator("li.tl-current")).to_contain_text("Dinilai pengawas")
    expect(timeline.locator("li.tl-current time")).to_contain_text("WITA")
    expect(timeline.locator("li.tl-ahead").first).to_contain_text("Dijadikan temuan")
    expect(page.get_by_test_id("next-steps")).to_be_visible()
    _no_sideways_scroll(page)
    _shot(page, "phone-status.png")


def test_the_home_page_puts_the_three_public_actions_first(page: Page, world):  # noqa: F811
    page.goto("/")
    actions = page.get_by_test_id("home-actions")
    for name in ("Lapor", "Cek status laporan", "Cek mandiri"):
        expect(actions.get_by_role("link", name=re.compile(f"^{name}"))).to_be_visible()
    box = actions.bounding_box()
    assert box is not None
    assert box["y"] < 844  # above the fold on the phone
    _no_sideways_scroll(page)
    _shot(page, "phone-home.png")

    for path in ("/lapor/", "/lapor/laporan/", "/lapor/cek/", "/lapor/privasi/", "/lapor/kontak/"):
        page.goto(path)
        _no_sideways_scroll(page)


def _serious_violations(page: Page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in Axe().run(page).response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def test_the_new_public_pages_have_no_serious_accessibility_violations(page: Page, clocks):
    """axe-core on the phone: the home page, privacy, contacts, the stepper with its error summary, the
    receipt and the status page with its timeline (WCAG 2.1 AA contrast and labels)."""
    found = {}
    for path in ("/", "/lapor/privasi/", "/lapor/kontak/", "/lapor/laporan/"):
        page.goto(path)
        found[path] = _serious_violations(page)
    for _ in range(3):
        next_step(page)
    page.get_by_label("NIK").fill("123")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_test_id("error-summary")).to_be_visible()
    found["error summary"] = _serious_violations(page)
    _fill_tip(page)
    page.get_by_role("button", name="Kirim informasi").click()
    receipt = page.get_by_test_id("receipt").inner_text()
    found["receipt"] = _serious_violations(page)
    page.goto("/lapor/cek/")
    page.get_by_label("Kode tanda terima").fill(receipt)
    page.get_by_role("button", name="Buka laporan").click()
    expect(page.get_by_test_id("timeline")).to_be_visible()
    found["status"] = _serious_violations(page)
    problems = {where: v for where, v in found.items() if v}
    assert not problems, problems
