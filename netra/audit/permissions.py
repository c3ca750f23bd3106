"""Who may read the audit log: platform admins everything, an agency its own members' actions."""

from django.db.models import Q

from netra.audit.models import AuditLogEntry
from netra.core.scoping import Scope, register_scope


@register_scope(AuditLogEntry, "view")
def _audit_view(scope: Scope) -> Q | None:
    if not scope.can("audit.view_auditlogentry"):
        return None
    if scope.is_national:
        return Q()
    return Q(actor_agency_id__in=scope.agency_ids)
