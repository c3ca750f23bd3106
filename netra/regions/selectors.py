"""Reading regions. Regions are public reference data: no scoping beyond `is_active`."""

from django.db.models import QuerySet

from netra.core.cache import ttl_memoize
from netra.regions.boundaries import parse_level
from netra.regions.codes import region_code_lineage
from netra.regions.models import Region, RegionBoundary


def region_list(*, parent_code: str | None = None, level: int | None = None, q: str = "") -> QuerySet[Region]:
    qs = Region.objects.filter(is_active=True)
    if parent_code is not None:
        qs = qs.filter(parent_id=parent_code or None) if parent_code else qs.filter(level=1)
    if level is not None:
        qs = qs.filter(level=level)
    if q:
        qs = qs.filter(name__icontains=q.strip())
    return qs.order_by("code")


def region_get(*, code: str) -> Region | None:
    return Region.objects.select_related("parent__parent").filter(code=code.strip()).first()


def region_path(region: Region) -> list[Region]:
    """[province, kab/kota, kecamatan] down to `region` (2 queries at most thanks to the code format)."""
    codes = region_code_lineage(region.code)
    found = {r.code: r for r in Region.objects.filter(code__in=codes)}
    return [found[c] for c in codes if c in found]


@ttl_memoize(300)
def region_active(*, code: str) -> Region | None:
    """An active region by code, memoised per process (regions change only with `load_regions`)."""
    return Region.objects.filter(code=code.strip(), is_active=True).first()


def boundaries_geojson(level: int | str, parent_code: str | None = None) -> dict:
    """The outlines of one level as a GeoJSON FeatureCollection for the map (ECharts `registerMap`).

    `level`: "province"/1 or "kabkota"/2; `parent_code` narrows kab/kota to one province. Each feature has
    `id` = code and properties `code`, `name` and `shape_from` (the code whose outline stands in, e.g.
    "91" for Papua Tengah on a pre-2022 base map; otherwise null). Regions without an outline are absent.
    """
    qs = RegionBoundary.objects.filter(region__level=parse_level(level), region__is_active=True)
    if parent_code:
        qs = qs.filter(region__parent_id=parent_code.strip())
    rows = qs.order_by("region_id").values_list("region_id", "region__name", "shape_from_id", "geometry")
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": code,
                "properties": {"code": code, "name": name, "shape_from": shape_from},
                "geometry": geometry,
            }
            for code, name, shape_from, geometry in rows
        ],
    }
