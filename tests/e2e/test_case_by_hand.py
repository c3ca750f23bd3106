"""A case made entirely through the interface (issue 15): a citizen reports on the public form about a
terlapor whose agency they do not know; Bawaslu Kota Balikpapan fills in the terlapor (a unit of the city
government: "Dinas Pendidikan Kota Balikpapan"), registers, clarifies (the terlapor comes), classifies,
decides and forwards with its own summary; BKN examines and recommends a medium discipline sanction;
the PPK records a lighter one with its reason, which BKN is told of; BKN closes the case."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from netra.cases.models import Case, CaseState, SanctionDeviation, SanctionRecord
from netra.notifications.models import Notification

from .test_case_chain import DESKTOP, WITA, chain_offices, classify, login, logout, pdf_text, state_is, step

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _sessions_outlast_the_moved_clock(settings):
    """This journey moves the clock ahead by hours and days while the officers stay signed in; staff
    session expiry (30 min idle, 12 h absolute) is tested in netra/accounts, not here."""
    settings.NETRA_STAFF_SESSION_IDLE_SECONDS = 400 * 86400
    settings.NETRA_STAFF_SESSION_ABSOLUTE_SECONDS = 400 * 86400
    settings.SESSION_COOKIE_AGE = 400 * 86400


NIP = "198001012005011003"


def file_report(page: Page) -> str:
    today = timezone.localdate()
    page.goto("/lapor/")
    page.get_by_role("link", name="Buat laporan").click()
    page.get_by_label("Nama lengkap").fill("Siti Aminah")
    page.get_by_label("Alamat", exact=True).fill("Jl. Jenderal Sudirman 5, Balikpapan")
    page.get_by_label("Nomor telepon/WhatsApp").fill("0812 1111 2222")
    page.locator("#id_terlapor1-name").fill("Kepala Bidang SD")
    page.get_by_label("Uraian kejadian").fill(
        "Saya melihat Kepala Bidang SD mengunggah ajakan memilih pasangan calon nomor 1 di Facebook."
    )
    page.get_by_label("Provinsi").select_option("64")
    page.get_by_label("Kabupaten/kota").select_option("64.71")
    page.get_by_label("Kecamatan").select_option("64.71.05")
    page.get_by_label("Tempat kejadian").fill("Akun Facebook pribadi")
    page.get_by_label("Tanggal kejadian").fill((today - dt.timedelta(days=2)).isoformat())
    page.get_by_label("Tanggal Anda mengetahuinya").fill((today - dt.timedelta(days=1)).isoformat())
    page.get_by_label("Tautan 1").fill("https://www.facebook.com/kabid.sd/posts/101")
    page.get_by_label("Saya menyatakan").check()
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan Anda diterima")
    return page.get_by_test_id("receipt").inner_text().strip()


@pytest.mark.parametrize("page", [DESKTOP], indirect=True)
def test_a_case_made_by_hand_goes_from_report_to_sanction(page: Page):
    chain_offices()
    file_report(page)
    case = Case.objects.get()  # opened on arrival
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    # --- Bawaslu Kota Balikpapan -----------------------------------------------------------------
    login(page, "agus")
    page.goto(f"/kasus/{case.pk}/")
    state_is(page, "Kajian awal")
    subject = page.get_by_test_id("subject").filter(has_text="Kepala Bidang SD")
    subject.get_by_text("Ubah data terlapor").click()
    form = subject.locator("form[data-testid^=form-subject_edit]")
    form.locator("input[name=agency_name]").fill("Dinas Pendidikan Kota Balikpapan")
    form.locator("input[name=position]").fill("Kepala Bidang Pembinaan SD")
    form.locator("select[name=employment_type]").select_option("pns")
    form.locator("input[name=nip]").fill("1980")  # a typo: refused, nothing typed is lost
    form.locator("button[type=submit]").click()
    form = (
        page.get_by_test_id("subject")
        .filter(has_text="Kepala Bidang SD")
        .locator("form[data-testid^=form-subject_edit]")
    )
    expect(form.get_by_test_id("form-error")).to_contain_text("NIP harus 18 angka")
    expect(form.locator("input[name=agency_name]")).to_have_value("Dinas Pendidikan Kota Balikpapan")
    form.locator("input[name=nip]").fill(NIP)
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Data terlapor diperbarui")
    subject = page.get_by_test_id("subject").filter(has_text="Kepala Bidang SD")
    expect(subject).to_contain_text("Pemerintah Kota Balikpapan")  # the unit's PPK, resolved
    expect(subject).to_contain_text(NIP)
    expect(page.locator("p.lead")).to_contain_text("Kepala Bidang SD")

    step(page, "register")
    state_is(page, "Diregistrasi")
    step(page, "start_clarification")
    form = page.get_by_test_id("form-clarification")
    form.locator("select[name=subject_id]").select_option(label="Kepala Bidang SD")
    form.locator("input[name=scheduled_at]").fill(f"{tomorrow.isoformat()}T09:00")
    form.locator("input[name=place]").fill("Kantor Bawaslu Kota Balikpapan")
    form.locator("input[name=confirm_non_working_day]").check()
    page.get_by_test_id("schedule-clarification").click()
    expect(page.locator(".messages")).to_contain_text("dijadwalkan")
    session = dt.datetime.combine(tomorrow, dt.time(9), tzinfo=zoneinfo.ZoneInfo(WITA))
    with time_machine.travel(session + dt.timedelta(hours=2), tick=True):
        row = page.locator("tr[data-attendance=dijadwalkan]")
        row.locator("select[name=attendance]").select_option("hadir")
        row.get_by_role("button", name="Catat").click()
        expect(page.locator(".messages")).to_contain_text("tercatat")
        step(page, "start_study")
        classify(page, "Kepala Bidang SD", "medsos-kampanye")
        decide = page.get_by_test_id("form-decide")
        decide.locator("select[name=outcome]").select_option("terbukti")
        step(page, "decide")
        forward = page.get_by_test_id("form-forward")
        forward.locator("select[name=destination]").select_option("oversight_body")
        forward.locator("select[name=recipient_id]").select_option(label="Badan Kepegawaian Negara")
        forward.locator("textarea[name=forwarding_summary]").fill(
            "Terlapor mengunggah ajakan memilih pasangan calon di akun Facebook pribadinya (ringkasan petugas)."
        )
        step(page, "forward")
        state_is(page, "Diteruskan")
        letter = " ".join(pdf_text(page, "penerusan").split())
        assert "(ringkasan petugas)" in letter
        assert "Saya melihat" not in letter  # never the reporter's own words
        assert "Siti Aminah" not in letter
        logout(page)

        # --- BKN -----------------------------------------------------------------------------------
        login(page, "maya")
        page.goto(f"/kasus/{case.pk}/")
        step(page, "examine")
        recommend = page.get_by_test_id("form-recommend")
        options = recommend.locator("select[name$=-sanction] option")
        values = [v for v in options.evaluate_all("els => els.map(e => e.value)") if v]
        assert values
        assert all(v.startswith("pp94-pns-") for v in values)  # PP 94/2021, PNS, the classified level
        recommend.locator("select[name$=-sanction]").select_option(values[0])
        step(page, "recommend")
        state_is(page, "Rekomendasi sanksi kepada PPK")
        assert "Pemerintah Kota Balikpapan" in pdf_text(page, "rekomendasi")
        logout(page)

        # --- PPK (BKPSDM Kota Balikpapan) -----------------------------------------------------------
        login(page, "fajar")
        page.goto(f"/kasus/{case.pk}/")
        sanction = page.get_by_test_id("form-record_sanction")
        sanction.locator("input[name$=-number]").fill("800/55/BKPSDM/2026")
        sanction.locator("textarea[name$=-punishment]").fill("Pernyataan secara terbuka")
        sanction.locator("select[name$=-sanction]").select_option("pns-moral-terbuka")
        page.get_by_test_id("do-record_sanction").click()
        sanction = page.get_by_test_id("form-record_sanction")
        expect(sanction.get_by_test_id("form-error")).to_contain_text("lebih ringan dari rekomendasi")
        expect(sanction.locator("input[name$=-number]")).to_have_value("800/55/BKPSDM/2026")
        sanction.locator("textarea[name$=-deviation_reason]").fill(
            "Terlapor baru pertama kali melanggar dan telah menghapus unggahannya."
        )
        step(page, "record_sanction")
        state_is(page, "Sanksi dijatuhkan PPK")
        logout(page)
        record = SanctionRecord.objects.get()
        assert record.deviation == SanctionDeviation.LIGHTER

        # --- BKN is told, and closes ---------------------------------------------------------------
        login(page, "maya")
        assert Notification.objects.filter(
            recipient__username="maya", title__contains="lebih ringan"
        ).exists()
        page.goto(f"/kasus/{case.pk}/")
        page.get_by_test_id("confirm-close").check()
        step(page, "close")
        state_is(page, "Selesai")
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
