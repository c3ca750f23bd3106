"""Regions are public reference data: everyone (even anonymous) may view them."""

from django.db.models import Q

from netra.core.scoping import Scope, register_scope
from netra.regions.models import Region


@register_scope(Region, "view")
def _region_view(scope: Scope) -> Q:
    return Q(is_active=True)
