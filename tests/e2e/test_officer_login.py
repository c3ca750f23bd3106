"""An officer signs in through a real browser and lands in a workspace scoped to their office."""

import re

import pytest
from playwright.sync_api import Page, expect

from netra.agencies.models import AgencyKind
from netra.agencies.roles import Role, sync_roles
from netra.agencies.services import agency_create, user_create
from netra.regions.models import Region

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def officer():
    # The transactional database is emptied between tests: create the two regions this test needs.
    # (Before the first flush the migrated regions are still there: get_or_create.)
    kaltim, _ = Region.objects.get_or_create(
        code="64",
        defaults={"name": "Kalimantan Timur", "level": 1, "kind": "provinsi", "timezone": "Asia/Makassar"},
    )
    bpp, _ = Region.objects.get_or_create(
        code="64.71",
        defaults={
            "name": "Kota Balikpapan",
            "level": 2,
            "kind": "kota",
            "parent": kaltim,
            "timezone": "Asia/Makassar",
        },
    )
    sync_roles()
    agency = agency_create(
        actor=None,
        code="bawaslu-kota-balikpapan",
        name="Bawaslu Kota Balikpapan",
        kind=AgencyKind.BAWASLU_KABKOTA,
        region=bpp,
    )
    return user_create(
        actor=None,
        username="siti",
        password="kata-sandi-uji-123",
        agency=agency,
        roles=[Role.OFFICER],
        full_name="Siti Rahmawati",
    )


def test_officer_signs_in_and_sees_their_office(page: Page, officer):
    page.goto("/")
    page.get_by_role("link", name="Masuk petugas").first.click()
    page.get_by_label("Nama pengguna").fill("siti")
    page.get_by_label("Kata sandi").fill("salah-sekali")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("alert")).to_contain_text("Nama pengguna atau kata sandi salah")

    page.get_by_label("Kata sandi").fill("kata-sandi-uji-123")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ruang kerja")
    expect(page.get_by_test_id("agency")).to_have_text("Bawaslu Kota Balikpapan")
    expect(page.get_by_text("Kota Balikpapan (64.71)")).to_be_visible()
    expect(page.get_by_text("WITA")).to_be_visible()

    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("link", name="Masuk petugas").first).to_be_visible()


def test_workspace_requires_login(page: Page):
    page.goto("/ruang-kerja/")
    expect(page).to_have_url(re.compile(r"/akun/masuk/\?next=/ruang-kerja/"))
