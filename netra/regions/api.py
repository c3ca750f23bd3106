"""Public region lookup (for region pickers): provinces, kab/kota, kecamatan."""

from django.http import Http404
from ninja import Router, Schema

from netra.regions import selectors
from netra.regions.timezones import zone_abbreviation

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    name: str
    level: int
    kind: str
    parent_code: str | None
    timezone: str
    timezone_abbr: str

    @staticmethod
    def resolve_parent_code(obj) -> str | None:
        return obj.parent_id

    @staticmethod
    def resolve_timezone_abbr(obj) -> str:
        return zone_abbreviation(obj.timezone)


@router.get("", response=list[RegionOut], auth=None, summary="Daftar wilayah (publik)")
def list_regions(request, parent: str = "", q: str = "", level: int | None = None):
    """Without `parent`: the 38 provinces. With `parent`: its direct children. `q` filters by name."""
    if not parent and not q and level is None:
        return list(selectors.region_list(level=1))
    return list(selectors.region_list(parent_code=parent or None, level=level, q=q)[:1000])


@router.get("/{code}", response=RegionOut, auth=None, summary="Satu wilayah (publik)")
def get_region(request, code: str):
    region = selectors.region_get(code=code)
    if region is None or not region.is_active:
        raise Http404
    return region
