"""A citizen reports through a real browser on a phone, follows up with the receipt, and talks with the
Bawaslu office that received the report; the officer works in a second browser.

The transactional database is emptied between tests: the `world` fixture creates the three regions the
report uses (get_or_create, since the migrated regions are still there before the first flush), the
office and its head, and clears the rate-limit cache.
"""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from netra.agencies.models import AgencyKind
from netra.agencies.roles import Role, sync_roles
from netra.agencies.services import agency_create, user_create
from netra.intake.models import Report
from netra.regions.models import Region

pytestmark = pytest.mark.django_db(transaction=True)

RECEIPT = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$")
WITA = "Asia/Makassar"
OFFICE = "Bawaslu Kota Balikpapan"
PASSWORD = "kata-sandi-uji-123"
# NETRA_E2E_SCREENSHOTS=/tmp keeps phone screenshots of the form and the receipt for a visual check.
SCREENSHOTS = os.environ.get("NETRA_E2E_SCREENSHOTS", "")


@pytest.fixture
def world():
    cache.clear()
    kaltim, _ = Region.objects.get_or_create(
        code="64", defaults={"name": "Kalimantan Timur", "level": 1, "kind": "provinsi", "timezone": WITA}
    )
    bpp, _ = Region.objects.get_or_create(
        code="64.71",
        defaults={"name": "Kota Balikpapan", "level": 2, "kind": "kota", "parent": kaltim, "timezone": WITA},
    )
    Region.objects.get_or_create(
        code="64.71.05",
        defaults={
            "name": "Balikpapan Selatan",
            "level": 3,
            "kind": "kecamatan",
            "parent": bpp,
            "timezone": WITA,
        },
    )
    sync_roles()
    office = agency_create(
        actor=None, code="bawaslu-kota-balikpapan", name=OFFICE, kind=AgencyKind.BAWASLU_KABKOTA, region=bpp
    )
    head = user_create(
        actor=None,
        username="rahmat",
        password=PASSWORD,
        agency=office,
        roles=[Role.HEAD],
        full_name="Rahmat Hidayat",
    )
    yield {"office": office, "head": head}
    cache.clear()


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "tangkapan-layar.png"
    Image.new("RGB", (64, 48), (30, 90, 160)).save(path, format="PNG")
    return path


def _dates(page: Page) -> None:
    today = timezone.localdate()
    page.get_by_label("Tanggal kejadian").fill((today - dt.timedelta(days=2)).isoformat())
    page.get_by_label("Tanggal Anda mengetahuinya").fill((today - dt.timedelta(days=1)).isoformat())


def _where(page: Page) -> None:
    # With JavaScript the lists fill themselves from the regions API (no "Perbarui" round trip).
    page.get_by_label("Provinsi").select_option("64")
    page.get_by_label("Kabupaten/kota").select_option("64.71")
    page.get_by_label("Kecamatan").select_option("64.71.05")
    page.get_by_label("Tempat kejadian").fill("Grup WhatsApp warga RT 12")


def next_step(page: Page) -> None:
    """On a phone the form is short steps: "Lanjut" shows the next one (intake.js)."""
    page.get_by_role("button", name="Lanjut").click()


def _file_report(page: Page, *, photo: Path | None, link: str, statement: bool) -> str:
    page.goto("/lapor/")
    page.get_by_role("link", name="Buat laporan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Laporan dugaan pelanggaran")
    expect(page.get_by_role("button", name="Perbarui pilihan wilayah")).to_have_count(0)

    expect(page.get_by_text("Langkah 1 dari 4")).to_be_visible()
    page.locator("#id_terlapor1-name").fill("Lurah Manggar")
    page.get_by_label("Uraian kejadian").fill(
        "Lurah membagikan unggahan kampanye pasangan calon wali kota di grup WhatsApp warga."
    )
    next_step(page)
    _where(page)
    _dates(page)
    next_step(page)
    if photo is not None:
        page.get_by_label("Berkas bukti").set_input_files(photo)
    if link:
        page.get_by_label("Tautan 1").fill(link)
    next_step(page)
    expect(page.get_by_text("Langkah 4 dari 4")).to_be_visible()
    expect(page.get_by_label("Rahasiakan identitas saya")).to_be_checked()
    page.get_by_label("Nama lengkap").fill("Budi Santoso")
    page.get_by_label("NIK").fill("6471012345670001")
    page.get_by_label("Alamat", exact=True).fill("Jl. Mulawarman 12, Balikpapan")
    page.get_by_label("Nomor telepon/WhatsApp").fill("0812 3456 7890")
    if statement:
        page.get_by_label("Saya menyatakan").check()
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/netra-report-form.png", full_page=True)
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan Anda diterima")
    receipt = page.get_by_test_id("receipt").inner_text().strip()
    assert RECEIPT.match(receipt), receipt
    return receipt


def _open_with_receipt(page: Page, receipt: str) -> None:
    page.goto("/lapor/cek/")
    page.get_by_label("Kode tanda terima").fill(receipt)
    page.get_by_role("button", name="Buka laporan").click()
    expect(page).to_have_url(re.compile(r"/lapor/cek/status/$"))


def test_citizen_files_a_formal_report_with_evidence_on_a_phone(page: Page, world, photo):
    receipt = _file_report(
        page, photo=photo, link="https://www.facebook.com/groups/warga/posts/123", statement=True
    )

    expect(page.get_by_text("kami tidak menyimpannya")).to_be_visible()
    expect(page.get_by_test_id("reference")).to_have_text(re.compile(r"^LAP-\d{4}-\d{6}$"))
    expect(page.get_by_test_id("office")).to_have_text(OFFICE)
    expect(page.get_by_text("Belum ada bukti")).to_have_count(0)
    assert receipt not in page.url
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/netra-receipt.png", full_page=True)


def test_anonymous_tip_gets_a_receipt(page: Page, world):
    page.goto("/lapor/")
    page.get_by_role("link", name="Kirim informasi awal").click()
    expect(page.get_by_text("tidak dapat menjadi laporan resmi")).to_be_visible()
    expect(page.get_by_label("Nama lengkap")).to_have_count(0)

    page.get_by_label("Uraian kejadian").fill(
        "Kepala dinas memakai mobil dinas untuk mengantar tim kampanye ke lokasi rapat umum."
    )
    next_step(page)
    _where(page)
    page.get_by_label("Tanggal kejadian").fill((timezone.localdate() - dt.timedelta(days=1)).isoformat())
    next_step(page)
    page.get_by_role("button", name="Kirim informasi").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Informasi Anda diterima")
    assert RECEIPT.match(page.get_by_test_id("receipt").inner_text().strip())
    expect(page.get_by_test_id("reference")).to_have_text(re.compile(r"^INF-"))


def test_missing_requirements_are_listed_on_the_receipt(page: Page, world):
    _file_report(page, photo=None, link="", statement=False)

    missing = page.locator("ol.missing")
    expect(missing.locator('[data-code="evidence"]')).to_contain_text("Belum ada bukti")
    expect(missing.locator('[data-code="evidence"]')).to_contain_text("Perbawaslu 7/2022 Pasal 15 ayat (4)")
    expect(missing.locator('[data-code="statement_of_truth"]')).to_contain_text(
        "Pernyataan bahwa laporan ini benar belum dicentang"
    )


def test_reporter_logs_in_with_the_receipt(page: Page, world):
    receipt = _file_report(page, photo=None, link="https://x.com/akun/status/1", statement=True)

    page.goto("/lapor/cek/")
    page.get_by_label("Kode tanda terima").fill("AAAA-BBBB-CCCC-DDDD-EEEE")
    page.get_by_role("button", name="Buka laporan").click()
    expect(page.get_by_role("alert")).to_contain_text("Kode tanda terima tidak dikenal")

    _open_with_receipt(page, receipt.lower())
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan Anda")
    expect(page.get_by_test_id("status")).to_be_visible()
    expect(page.get_by_text("Budi Santoso")).to_have_count(0)


def test_reporter_and_officer_exchange_messages(page: Page, browser: Browser, live_server, world):
    receipt = _file_report(page, photo=None, link="https://x.com/akun/status/1", statement=True)
    reference = page.get_by_test_id("reference").inner_text()
    _open_with_receipt(page, receipt)
    page.get_by_role("textbox", name="Pesan").fill("Saya juga punya rekaman video rapatnya.")
    page.get_by_role("button", name="Kirim pesan").click()
    expect(page.get_by_text("Pesan Anda terkirim.")).to_be_visible()

    officer_context = browser.new_context(
        base_url=live_server.url, locale="id-ID", timezone_id=WITA, viewport={"width": 1280, "height": 900}
    )
    officer_context.set_default_timeout(10_000)
    try:
        officer = officer_context.new_page()
        officer.goto("/akun/masuk/")
        officer.get_by_label("Nama pengguna").fill("rahmat")
        officer.get_by_label("Kata sandi").fill(PASSWORD)
        officer.get_by_role("button", name="Masuk").click()
        officer.goto("/lapor/petugas/")
        row = officer.get_by_role("row").filter(has_text=reference)
        expect(row).to_contain_text("1")  # one unread message from the reporter
        row.get_by_role("link", name=reference).click()
        expect(officer.get_by_text("Saya juga punya rekaman video rapatnya.")).to_be_visible()
        expect(officer.get_by_text("Budi Santoso")).to_have_count(0)
        officer.get_by_role("textbox", name="Pesan", exact=True).fill(
            "Terima kasih. Mohon unggah videonya di halaman laporan."
        )
        officer.get_by_role("button", name="Kirim kepada pelapor").click()
        expect(officer.get_by_text("Pesan terkirim kepada pelapor.")).to_be_visible()
        if SCREENSHOTS:
            officer.screenshot(path=f"{SCREENSHOTS}/netra-officer-detail.png", full_page=True)
    finally:
        officer_context.close()

    page.reload()
    reply = page.locator("li.msg.petugas")
    expect(reply).to_contain_text("Terima kasih. Mohon unggah videonya di halaman laporan.")
    expect(reply).to_contain_text(OFFICE)
    expect(reply).not_to_contain_text("Rahmat")
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/netra-status.png", full_page=True)


def test_region_picker_works_without_javascript(browser: Browser, live_server, world):
    context = browser.new_context(
        base_url=live_server.url,
        locale="id-ID",
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto("/lapor/informasi/")
        page.get_by_label("Uraian kejadian").fill(
            "Camat berpidato mendukung calon bupati di acara dinas kecamatan."
        )
        page.get_by_label("Provinsi").select_option("64")
        page.get_by_role("button", name="Perbarui pilihan wilayah").click()
        expect(page.get_by_text("Pilihan wilayah diperbarui")).to_be_visible()
        page.get_by_label("Kabupaten/kota").select_option("64.71")
        page.get_by_role("button", name="Perbarui pilihan wilayah").click()
        page.get_by_label("Kecamatan").select_option("64.71.05")
        expect(page.get_by_label("Uraian kejadian")).to_have_value(re.compile("^Camat berpidato"))
        page.get_by_role("button", name="Kirim informasi").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Informasi Anda diterima")
        assert RECEIPT.match(page.get_by_test_id("receipt").inner_text().strip())
        assert Report.objects.get().incident_region_id == "64.71.05"
    finally:
        context.close()
