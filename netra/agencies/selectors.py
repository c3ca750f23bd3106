"""Reading agencies and users, always through the scoping selector."""

from django.db.models import QuerySet

from netra.agencies.models import Agency, User
from netra.core.cache import ttl_memoize
from netra.core.scoping import restrict
from netra.regions.codes import region_code_lineage


def agency_list_visible_to(
    *, user, kind: str | None = None, region_prefix: str | None = None
) -> QuerySet[Agency]:
    qs = restrict(Agency.objects.select_related("region", "parent"), user, "view")
    if kind:
        qs = qs.filter(kind=kind)
    if region_prefix:
        qs = qs.filter(region_id__startswith=region_prefix)
    return qs.order_by("kind", "region_id", "name")


def user_list_visible_to(*, user) -> QuerySet[User]:
    return restrict(User.objects.select_related("agency"), user, "view").prefetch_related("groups")


@ttl_memoize(60)
def agency_for_region(*, region_code: str, kinds: tuple[str, ...]) -> Agency | None:
    """The most local active agency of one of `kinds` whose jurisdiction covers `region_code`.

    Used to route a report to the Bawaslu office of the incident's region: kecamatan → kab/kota →
    province → national, the first that exists.
    """
    candidates = region_code_lineage(region_code)[::-1]  # most local first
    found = {
        a.region_id: a
        for a in Agency.objects.filter(kind__in=kinds, is_active=True, region_id__in=candidates).order_by(
            "pk"
        )
    }
    for code in candidates:
        if code in found:
            return found[code]
    return Agency.objects.filter(kind__in=kinds, is_active=True, region__isnull=True).order_by("pk").first()
