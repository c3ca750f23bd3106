"""Self-check through a real browser on a phone: an ASN asks whether liking a candidate's post is allowed,
and gets the answer first (tidak boleh / boleh / tergantung), then the items, sanctions and basis.

The live server needs the transactional database, which is emptied after each test, including the rows
the data migration loaded. `serialized_rollback=True` did not restore them reliably when other test
modules ran first in the same session (the connection lost its serialized copy), so the `catalogue`
fixture reloads the catalogue with the migration's own loader whenever it is missing.
"""

import datetime as dt
import re

import pytest
from django.apps import apps
from playwright.sync_api import Page, expect

from netra.elections.models import ElectionKind
from netra.rules.loader import catalogue_models, sync_catalogue
from netra.rules.models import ViolationType
from netra.rules.tests.factories import election_with_determination

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUESTION = "boleh tidak saya like postingan calon bupati?"


@pytest.fixture(autouse=True)
def catalogue(transactional_db):
    if not ViolationType.objects.exists():
        sync_catalogue(catalogue_models(apps))
    assert ViolationType.objects.count() == 19


def test_asn_learns_that_liking_a_candidates_post_is_ke4_before_and_d6_after(page: Page):
    page.goto("/aturan/cek/")

    page.get_by_label("Ceritakan kegiatan Anda").fill(QUESTION)
    page.get_by_role("button", name="Periksa").click()

    expect(page).to_have_url(re.compile(r"/aturan/cek/\?q=boleh"))  # a plain GET form, no JavaScript
    answer = page.locator("section.rules-answer")
    expect(answer.get_by_role("heading", level=2)).to_contain_text("Tidak boleh")
    expect(answer.get_by_role("link", name="KE-4")).to_be_visible()
    expect(answer.get_by_role("link", name="D-6")).to_be_visible()
    expect(answer).to_contain_text("Sanksi moral")
    expect(answer).to_contain_text("Hukuman disiplin berat")
    expect(answer).to_contain_text("“like”")  # the user's own words
    expect(answer).to_contain_text("“postingan”")
    first = page.locator("article.result").first
    expect(first.get_by_role("heading", level=3)).to_contain_text("Menyukai, mengomentari, membagikan")
    expect(first.get_by_role("link", name="KE-4")).to_be_visible()
    expect(first.get_by_role("link", name="D-6")).to_be_visible()
    expect(first).to_contain_text("Pelanggaran kode etik")
    expect(first).to_contain_text("Pelanggaran disiplin")
    expect(first).to_contain_text("Pernyataan secara tertutup")
    expect(first).to_contain_text("Penurunan jabatan setingkat lebih rendah selama 12 bulan")
    expect(first).to_contain_text("Pasal 5 huruf n angka 5")
    # The text stays in the box for a second try, and the page fits a phone screen.
    expect(page.get_by_label("Ceritakan kegiatan Anda")).to_have_value(QUESTION)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_voting_is_answered_as_allowed_with_its_basis(page: Page):
    page.goto("/aturan/cek/")

    page.get_by_label("Ceritakan kegiatan Anda").fill("mencoblos di TPS")
    page.get_by_role("button", name="Periksa").click()

    answer = page.locator("section.rules-answer")
    expect(answer.get_by_role("heading", level=2)).to_contain_text("Boleh")
    expect(answer).to_contain_text("Menggunakan hak pilih (mencoblos) di TPS")
    expect(answer).to_contain_text("UU 7/2017 Pasal 198 ayat (1)")
    expect(page.locator("body")).not_to_contain_text("[UNVERIFIED")
    expect(page.locator("body")).not_to_contain_text("[SECONDARY")


def test_empty_question_shows_an_indonesian_error(page: Page):
    page.goto("/aturan/cek/")

    page.get_by_role("button", name="Periksa").click()

    expect(page.get_by_role("alert")).to_contain_text("Ceritakan kegiatan Anda terlebih dahulu")
    expect(page.locator("article.result")).to_have_count(0)


def test_the_applicable_stage_is_shown_for_a_chosen_election_and_date(page: Page):
    election = election_with_determination(
        code="uji-pilkada-2024",
        kind=ElectionKind.PILKADA,
        determined_on=dt.date(2024, 9, 22),
        voting_day=dt.date(2024, 11, 27),
        name="Pilkada Uji 2024",
    )
    page.goto("/aturan/cek/")

    page.get_by_label("Ceritakan kegiatan Anda").fill(QUESTION)
    page.get_by_label("Pemilihan (opsional)").select_option(election.code)
    page.get_by_label("Tanggal kegiatan (opsional)").fill("2024-10-01")
    page.get_by_label("PPPK").check()
    page.get_by_role("button", name="Periksa").click()

    first = page.locator("article.result").first
    expect(first).to_contain_text("sejak penetapan calon (22 Sep 2024)")
    expect(first).to_contain_text(
        "Pemutusan hubungan perjanjian kerja dengan hormat tidak atas permintaan sendiri"
    )
