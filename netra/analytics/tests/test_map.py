"""The map's data: region outlines (public) and the reader's counts per province and per kab/kota."""

import pytest
from django.test import Client
from django.utils import timezone

from netra.analytics.models import Stage, SubjectFact
from netra.regions.models import RegionBoundary

SQUARE = {
    "type": "MultiPolygon",
    "coordinates": [[[[116.8, -1.3], [117.0, -1.3], [117.0, -1.1], [116.8, -1.3]]]],
}


@pytest.mark.django_db
def test_outlines_and_counts_for_the_map(world):
    RegionBoundary.objects.create(region_id="64", geometry=SQUARE, source="test", imported_at=timezone.now())
    RegionBoundary.objects.create(
        region_id="64.71", geometry=SQUARE, source="test", imported_at=timezone.now()
    )
    SubjectFact.objects.bulk_create(
        SubjectFact(
            row_key=f"import:m:{i}",
            is_imported=True,
            region_code=code,
            province_code=code[:2],
            stage=Stage.STOPPED,
        )
        for i, code in enumerate(["64.71.05", "64.71", "64.72", "33.01"])
    )
    public = Client()
    provinces = public.get("/statistik/peta/province.geojson").json()
    assert [f["properties"]["code"] for f in provinces["features"]] == ["64"]
    kabkota = public.get("/statistik/peta/kabkota.geojson", {"parent": "64"}).json()
    assert [f["id"] for f in kabkota["features"]] == ["64.71"]
    assert public.get("/statistik/peta/kecamatan.geojson").status_code == 404
    assert public.get("/statistik/peta/angka.json").status_code == 302  # counts are for officers
    officer = Client()
    officer.force_login(world["users"]["ri"])
    assert officer.get("/statistik/peta/angka.json").json()["counts"] == {"64": 3, "33": 1}
    assert officer.get("/statistik/peta/angka.json", {"parent": "64"}).json()["counts"] == {
        "64.71": 2,
        "64.72": 1,
    }
    assert officer.get("/statistik/peta/angka.json", {"parent": "6x"}).status_code == 404
