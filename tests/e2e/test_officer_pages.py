"""The officers' side in a real browser (issue 14): the workspace queue, the case list's filters and its
XLSX export (downloaded and read back), the chain stepper on the case page, keyboard use, and an
axe-core check of the main officer and public pages (no serious or critical violation).

The screenshots `docs/screenshots/workspace.png` and `docs/screenshots/case-page.png` are written by
these tests (commit them when they change).
"""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from netra.agencies.models import User
from netra.cases.models import CaseReport
from netra.cases.services.edits import case_assign
from netra.intake.submission import IdentityIn, PersonIn, Submission, report_submit
from tests.e2e.test_case_chain import DESKTOP, _region, chain, chain_offices  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TABLET = {"width": 768, "height": 1024}
PUBLIC_PAGES = [
    "/",
    "/lapor/",
    "/lapor/laporan/",
    "/lapor/cek/",
    "/aturan/",
    "/aturan/cek/",
    "/statistik/publik/",
]
BLOCKING = ("serious", "critical")


def sign_in(page: Page, live_server, username: str) -> None:
    """A signed-in session for `username`, handed to the browser as its session cookie (the sign-in
    form itself, with its lockout and second factor, is tested in test_officer_login)."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def second_case() -> str:
    """Another laporan, in another kecamatan of Balikpapan, about a teacher (no PPK resolved)."""
    _region("64.71.01", "Balikpapan Timur", 3, "kecamatan", _region("64.71", "Kota Balikpapan", 2, "kota"))
    today = timezone.localdate()
    report = report_submit(
        submission=Submission(
            kind="laporan",
            description="Guru honorer mengajak murid memakai atribut pasangan calon saat upacara.",
            incident_region_code="64.71.01",
            incident_place="SD Negeri 1",
            incident_date=today - dt.timedelta(days=2),
            known_date=today - dt.timedelta(days=1),
            persons=[PersonIn(name="Guru Honorer Timur")],
            identity=IdentityIn(name="Sari Dewi", nik="6471010101900002", address="Jl. Sudirman 3"),
            statement_of_truth=True,
        )
    ).report
    return CaseReport.objects.get(report=report).case.reference


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def wide_elements(page: Page) -> list[str]:
    """What sticks out of the viewport (for the failure message)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
    )


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("page", [DESKTOP], indirect=True)
def test_the_workspace_shows_my_queue_and_the_office_load(page: Page, live_server, chain):  # noqa: F811
    case = chain["case"]
    agus = User.objects.get(username="agus")
    case_assign(case_id=case.pk, user=agus, assignee_id=agus.pk)
    sign_in(page, live_server, "agus")
    page.goto("/ruang-kerja/")
    expect(page.get_by_test_id("queue-assigned")).to_contain_text(case.reference)
    expect(page.get_by_test_id("queue-waiting")).to_contain_text(case.reference)
    expect(page.get_by_test_id("queue-due-soon")).to_contain_text(case.reference)  # kajian awal
    expect(page.get_by_test_id("stage-counts").locator('[data-state="kajian_awal"]')).to_contain_text("1")
    expect(page.get_by_test_id("office-load").get_by_role("row", name="Agus Salim")).to_contain_text("1")
    expect(page.get_by_test_id("recent-notifications")).to_be_visible()
    shot(page, "workspace.png")
    page.get_by_test_id("queue-assigned").get_by_role("link", name=case.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)


@pytest.mark.parametrize("page", [DESKTOP], indirect=True)
def test_case_list_filters_save_and_export_to_xlsx(page: Page, live_server, chain):  # noqa: F811
    first = chain["case"].reference
    other = second_case()
    sign_in(page, live_server, "agus")
    page.goto("/kasus/")
    table = page.get_by_test_id("case-table")
    expect(table).to_contain_text(first)
    expect(table).to_contain_text(other)
    filters = page.get_by_test_id("case-filters")
    filters.get_by_label("Wilayah kejadian").select_option("64.71.05")
    filters.get_by_label("Urutkan").select_option("nomor")
    page.get_by_test_id("apply-filters").click()
    expect(page).to_have_url(re.compile(r"wilayah=64\.71\.05"))
    expect(table).to_contain_text(first)
    expect(table).not_to_contain_text(other)

    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".xlsx")
    rows = list(load_workbook(io.BytesIO(Path(path).read_bytes())).active.iter_rows(values_only=True))
    assert rows[0][0] == "Nomor kasus"
    assert [r[0] for r in rows[1:]] == [first]
    assert rows[1][11] == "Lurah Damai"

    page.get_by_test_id("saved-filter-name").fill("Balikpapan Selatan")
    page.get_by_test_id("save-filter").click()
    expect(page.locator(".messages")).to_contain_text("Filter tersimpan")
    page.goto("/kasus/")
    expect(table).to_contain_text(other)
    page.get_by_test_id("saved-views").get_by_role("link", name="Balikpapan Selatan").click()
    expect(table).to_contain_text(first)
    expect(table).not_to_contain_text(other)


@pytest.mark.parametrize("page", [DESKTOP], indirect=True)
def test_the_case_page_shows_the_chain_and_its_moves_first(page: Page, live_server, chain):  # noqa: F811
    case = chain["case"]
    sign_in(page, live_server, "agus")
    page.goto(f"/kasus/{case.pk}/")
    stepper = page.get_by_test_id("chain-stepper")
    current = stepper.locator('[aria-current="step"]')
    expect(current).to_have_attribute("data-step", "bawaslu")
    expect(current).to_contain_text("Bawaslu Kota Balikpapan")
    expect(current.get_by_test_id("chain-clock")).to_contain_text("Kajian awal")
    expect(stepper.locator('[data-step="oversight"]')).to_have_attribute("data-status", "upcoming")
    expect(stepper.locator('[data-step="ppk"]')).to_contain_text("belum ada rekomendasi")
    # The moves are reachable at the top of the page, without scrolling through the case.
    jump = page.get_by_test_id("jump-register")
    assert jump.bounding_box()["y"] < 900
    shot(page, "case-page.png")
    jump.click()
    expect(page.get_by_test_id("form-register")).to_be_in_viewport()
    summary = page.request.get(page.get_by_test_id("summary-pdf").get_attribute("href"))
    assert summary.status == 200
    assert summary.body().startswith(b"%PDF")


@pytest.mark.parametrize("page", [TABLET], indirect=True)
def test_officer_pages_fit_a_tablet_and_work_from_the_keyboard(page: Page, live_server, chain):  # noqa: F811
    case = chain["case"]
    sign_in(page, live_server, "agus")
    for url in ("/ruang-kerja/", "/kasus/", f"/kasus/{case.pk}/"):
        page.goto(url)
        assert no_sideways_scroll(page), (url, wide_elements(page))
    page.goto("/kasus/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Langsung ke isi")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    # The filters are reached and used from the keyboard alone.
    filters = page.get_by_test_id("case-filters")
    filters.locator("select[name=tahap]").focus()
    page.keyboard.press("Tab")
    expect(filters.locator("select[name=pemilihan]")).to_be_focused()
    search = filters.locator("input[name=q]")
    search.focus()
    page.keyboard.type(case.reference)
    page.keyboard.press("Enter")  # the filters are submitted from the keyboard
    expect(page).to_have_url(re.compile(r"q=KSS"))
    expect(page.get_by_test_id("case-table")).to_contain_text(case.reference)


def _blocking(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]


@pytest.mark.parametrize("page", [DESKTOP], indirect=True)
def test_main_pages_have_no_serious_accessibility_violations(page: Page, live_server, chain):  # noqa: F811
    case = chain["case"]
    found: dict[str, list[str]] = {}
    for url in [*PUBLIC_PAGES, "/akun/masuk/"]:
        page.goto(url)
        found[url] = _blocking(page)
    sign_in(page, live_server, "agus")
    for url in (
        "/ruang-kerja/",
        "/kasus/",
        f"/kasus/{case.pk}/",
        "/kasus/klarifikasi/kalender/",
        "/statistik/",
    ):
        page.goto(url)
        found[url] = _blocking(page)
    problems = {url: v for url, v in found.items() if v}
    assert not problems, problems
    # The check itself can fail: a control without a name and low-contrast text are caught (on a blank
    # page: the site's Content-Security-Policy would block the snippet's inline style).
    page.goto("about:blank")
    page.set_content(
        '<!doctype html><html lang="id"><head><title>x</title></head><body style="background:#ffffff">'
        '<main><h1>Uji</h1><p style="color:#bbbbbb;font-size:16px">Teks abu-abu pucat di atas putih</p>'
        '<input type="text"></main></body></html>'
    )
    caught = " ".join(_blocking(page))
    assert "label" in caught
    assert "color-contrast" in caught
