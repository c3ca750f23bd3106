"""The agencies factories: offices on real regions, officers with their roles, letter settings."""

import pytest

from netra.agencies.models import AgencyKind
from netra.agencies.roles import Role
from netra.agencies.tests.factories import AgencyFactory, OfficeLetterSettingsFactory, UserFactory, bawaslu

pytestmark = pytest.mark.django_db


def test_an_office_takes_its_zone_from_its_region_and_is_got_by_code():
    bpp = bawaslu("64.71")
    bpp.full_clean()
    assert (bpp.kind, bpp.region.code, bpp.timezone) == (AgencyKind.BAWASLU_KABKOTA, "64.71", "Asia/Makassar")
    assert bawaslu("64.71") == bpp
    national = AgencyFactory()
    national.full_clean()
    assert (national.region, national.timezone) == (None, "Asia/Jakarta")


def test_an_officer_has_a_password_and_roles():
    officer = UserFactory(agency=bawaslu("64.71"), roles=[Role.OFFICER])
    officer.full_clean()
    assert officer.check_password("rahasia-uji-123")
    assert list(officer.groups.values_list("name", flat=True)) == [Role.OFFICER]


def test_letter_settings_are_one_per_office_with_a_whole_nip():
    settings = OfficeLetterSettingsFactory()
    settings.full_clean()
    assert settings.agency.code == "bawaslu-64-71"
    assert settings.signer_position == f"Ketua {settings.agency.name}"
    assert len(settings.signer_nip) == 18
    assert settings.signer_nip.isdigit()
    assert OfficeLetterSettingsFactory(agency=settings.agency) == settings
    bkn = OfficeLetterSettingsFactory(
        agency=AgencyFactory(code="bkn", name="Badan Kepegawaian Negara", kind=AgencyKind.BKN),
        signer_on_behalf="a.n. Kepala Badan Kepegawaian Negara",
    )
    assert bkn.signer_nip != settings.signer_nip
