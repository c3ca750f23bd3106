"""Who counts which facts (netra.core.scoping): the same reach as the cases they come from
(netra/cases/permissions.py), so a dashboard never counts what its reader could not open.

- Bawaslu: facts whose incident region lies in its jurisdiction, or that its office handles.
- The ASN oversight body: facts of cases forwarded to it, within its region.
- A PPK (with its BKPSDM/Inspektorat): facts of its own employees.
- Other recipients: facts of cases forwarded to them.
Imported history follows the same rules on its region and agencies. The public never reads this table:
the public page reads suppressed aggregates only (netra.analytics.public).
"""

from django.db.models import Q

from netra.agencies.models import AgencyFamily
from netra.analytics.models import SubjectFact
from netra.core.scoping import Scope, register_scope


@register_scope(SubjectFact, "view")
def _view(scope: Scope) -> Q | None:
    if not scope.can("cases.view_case"):
        return None
    family = scope.agency_family
    if family == AgencyFamily.BAWASLU:
        region = scope.region_q("region_code")
        if region is None:
            return None
        return Q() if scope.is_national else region | Q(office_id__in=scope.agency_ids)
    if family == AgencyFamily.OVERSIGHT:
        region = scope.region_q("region_code")
        return None if region is None else Q(forwarded_on__isnull=False) & region
    if family == AgencyFamily.EMPLOYER:
        return Q(employer_id__in=scope.agency_ids)
    if family == AgencyFamily.RECIPIENT:
        return Q(recipient_id__in=scope.agency_ids, forwarded_on__isnull=False)
    return None
