"""The region factories fetch the reference rows the data migration loaded, and only a code it lacks
makes a row, placed in the hierarchy the code spells."""

import pytest

from netra.regions.models import Region
from netra.regions.tests.factories import RegionBoundaryFactory, RegionFactory
from netra.regions.timezones import WIB, WITA

pytestmark = pytest.mark.django_db


def test_a_reference_code_is_fetched_not_copied():
    before = Region.objects.count()
    kecamatan = RegionFactory()
    assert Region.objects.count() == before
    assert kecamatan == Region.objects.get(code="64.71.01")
    assert kecamatan.name == Region.objects.get(code="64.71.01").name  # the loaded name, not the factory's
    kecamatan.full_clean()
    assert (kecamatan.level, kecamatan.timezone) == (Region.Level.DISTRICT, WITA)
    assert [kecamatan.parent.code, kecamatan.parent.parent.code] == ["64.71", "64"]
    assert RegionFactory(code="33.03").timezone == WIB  # Kabupaten Purbalingga


def test_an_unknown_code_makes_a_row_under_its_real_parent():
    new = RegionFactory(code="64.71.99")
    new.full_clean()
    assert (new.level, new.kind, new.timezone) == (Region.Level.DISTRICT, Region.Kind.KECAMATAN, WITA)
    assert new.parent == Region.objects.get(code="64.71")
    assert RegionFactory(code="64.71.99") == new  # the second call fetches it


def test_an_outline_belongs_to_a_kabkota():
    outline = RegionBoundaryFactory()
    outline.full_clean()
    assert outline.region.code == "64.71"
    assert outline.region.level == Region.Level.REGENCY
    assert outline.geometry["type"] == "MultiPolygon"
    assert RegionBoundaryFactory() == outline  # one outline per region
