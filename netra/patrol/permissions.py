"""Who reaches what in the patrol (netra.core.scoping): deny by default, out of scope is 404.

Patrol is supervisors' work (Bawaslu): the same permissions as their casework, so no role gains a power
it did not have. Reading needs `cases.view_case`; capturing, loading, registering accounts and
deciding on queue items need `cases.add_case` (the permission that records a temuan).

- ASN accounts, captures, loads and queue items: those of the user's jurisdiction (their `region` under
  one of the user's region prefixes) or recorded by the user's own office — like cases.
- The election registry of a contestant: editable by supervisors whose jurisdiction holds the race's
  region (the presidency: national offices only); readable by every supervisor.

Named actions on a queue item: `dismiss` and `make_finding`, refused once the item is decided.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netra.agencies.models import AgencyFamily
from netra.core.exceptions import ApplicationError, ConflictError
from netra.core.scoping import Action, Scope, register_action, register_scope
from netra.elections.models import Contestant
from netra.patrol.models import AsnAccount, Capture, ItemStatus, LoadBatch, PatrolItem

VIEW, CHANGE = "cases.view_case", "cases.add_case"


def _office_q(scope: Scope, perm: str) -> Q | None:
    """Rows of the user's jurisdiction or recorded by their office (Bawaslu supervisors only)."""
    if not scope.can(perm) or not scope.acts_as(AgencyFamily.BAWASLU):
        return None
    if scope.is_national:
        return Q()
    region = scope.region_q("region__code")
    if region is None:
        return Q(office_id__in=scope.agency_ids) if scope.agency_ids else None
    return region | Q(office_id__in=scope.agency_ids)


for _model in (AsnAccount, Capture, LoadBatch, PatrolItem):
    register_scope(_model, "view")(lambda scope: _office_q(scope, VIEW))
    register_scope(_model, "change")(lambda scope: _office_q(scope, CHANGE))


@register_scope(Contestant, "patrol_view")
def _registry_view(scope: Scope) -> Q | None:
    if not scope.can(VIEW) or not scope.acts_as(AgencyFamily.BAWASLU):
        return None
    return Q()


@register_scope(Contestant, "patrol_edit")
def _registry_edit(scope: Scope) -> Q | None:
    if not scope.can(CHANGE) or not scope.acts_as(AgencyFamily.BAWASLU):
        return None
    if scope.is_national:
        return Q()
    region = scope.region_q("region__code")
    # The race's region inside the jurisdiction (a province's office edits its governor race and its
    # kab/kota races); the presidency has no region and is national.
    return None if region is None else region & Q(region__isnull=False)


def _still_open(item: PatrolItem, user) -> ApplicationError | None:
    if item.status != ItemStatus.OPEN:
        return ConflictError(_("Butir ini sudah diputuskan."), code="item_decided")
    return None


register_action(
    PatrolItem,
    Action(
        "dismiss",
        CHANGE,
        families=(AgencyFamily.BAWASLU,),
        no_permission=_("Anda tidak berwenang menelaah butir patroli."),
        not_family=_("Butir patroli ditelaah oleh pengawas pemilu."),
        check=_still_open,
    ),
)
register_action(
    PatrolItem,
    Action(
        "make_finding",
        CHANGE,
        families=(AgencyFamily.BAWASLU,),
        no_permission=_("Anda tidak berwenang mencatat temuan."),
        not_family=_("Temuan hanya dicatat oleh pengawas pemilu."),
        check=_still_open,
    ),
)
