"""Factories for regions. The rows are reference data: the regions data migration loads every Kemendagri
code (Kepmendagri No. 300.2.2-2138 Tahun 2025), so `RegionFactory(code=...)` fetches the real row by its
code (`django_get_or_create`) and never invents a second Balikpapan Selatan.

Only a code the reference data lacks makes a new row (a fictional kecamatan "64.71.99" for a test of a
code Kemendagri has not published yet): its level, kind, parent and time zone follow from the code, as
the loader derives them.
"""

import datetime as dt

import factory

from netra.regions.models import Region, RegionBoundary
from netra.regions.timezones import timezone_for_region

# A small square around Balikpapan ([lng, lat], WGS84): an outline is display data, its shape is free.
SQUARE = {
    "type": "MultiPolygon",
    "coordinates": [[[[116.8, -1.3], [117.0, -1.3], [117.0, -1.1], [116.8, -1.1], [116.8, -1.3]]]],
}


def _kind(code: str) -> str:
    level = code.count(".") + 1
    if level == 1:
        return Region.Kind.PROVINSI
    if level == 2:  # Kemendagri numbers kota from 71 (64.71 Kota Balikpapan), kabupaten below
        return Region.Kind.KOTA if code.split(".")[1] >= "71" else Region.Kind.KABUPATEN
    return Region.Kind.KECAMATAN


class RegionFactory(factory.django.DjangoModelFactory):
    """A reference region by its code (default 64.71.01, Balikpapan Selatan, WITA)."""

    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "64.71.01"
    name = factory.LazyAttribute(lambda o: f"Wilayah Uji {o.code}")
    level = factory.LazyAttribute(lambda o: o.code.count(".") + 1)
    kind = factory.LazyAttribute(lambda o: _kind(o.code))
    parent = factory.LazyAttribute(
        lambda o: RegionFactory(code=o.code.rsplit(".", 1)[0]) if "." in o.code else None
    )
    timezone = factory.LazyAttribute(lambda o: timezone_for_region(o.code))
    is_active = True


class RegionBoundaryFactory(factory.django.DjangoModelFactory):
    """The outline of a kab/kota (default Kota Balikpapan), as `import_boundaries` stores one."""

    class Meta:
        model = RegionBoundary
        django_get_or_create = ("region",)

    region = factory.SubFactory(RegionFactory, code="64.71")
    geometry = factory.LazyFunction(lambda: SQUARE)
    shape_from = None
    source = "uji: bujur sangkar di sekitar Balikpapan"
    imported_at = dt.datetime(2024, 10, 1, 8, 0, tzinfo=dt.UTC)
