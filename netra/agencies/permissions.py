"""Scoping rules for agencies and users (see netra.core.scoping)."""

from django.db.models import Q

from netra.agencies.models import Agency, User
from netra.core.scoping import Scope, register_scope


@register_scope(Agency, "view")
def _agency_view(scope: Scope) -> Q | None:
    # The directory of public institutions is visible to every signed-in officer (to pick recipients).
    if not scope.is_authenticated:
        return None
    return Q(is_active=True) if not scope.is_national else Q()


@register_scope(Agency, "change")
def _agency_change(scope: Scope) -> Q | None:
    if not scope.can("agencies.change_agency"):
        return None
    return Q() if scope.is_national else Q(pk__in=scope.agency_ids)


@register_scope(User, "view")
def _user_view(scope: Scope) -> Q | None:
    if not scope.can("agencies.view_user"):
        return None
    if scope.is_national and scope.can("agencies.change_agency"):
        return Q()
    return Q(agency_id__in=scope.agency_ids) if scope.agency_ids else None


@register_scope(User, "change")
def _user_change(scope: Scope) -> Q | None:
    if not scope.can("agencies.change_user"):
        return None
    if scope.is_national and scope.can("agencies.change_agency"):
        return Q()
    return Q(agency_id__in=scope.agency_ids) if scope.agency_ids else None
