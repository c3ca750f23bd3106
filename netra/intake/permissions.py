"""Who sees which reports: the Bawaslu offices whose jurisdiction covers the incident (or that received
it). Oversight bodies and employers see reports only once a case is forwarded to them (issue 4)."""

from django.db.models import Q

from netra.agencies.models import AgencyFamily
from netra.core.scoping import Scope, register_scope
from netra.intake.models import Report


def _bawaslu_reports(scope: Scope) -> Q | None:
    if not scope.can("intake.view_report") or scope.agency_family not in ("", AgencyFamily.BAWASLU):
        return None
    region = scope.region_q("incident_region__code")
    if region is None:
        return None
    if scope.is_national:
        return Q()
    return region | Q(office_id__in=scope.agency_ids)


register_scope(Report, "view")(_bawaslu_reports)


@register_scope(Report, "reveal_identity")
def _reveal(scope: Scope) -> Q | None:
    if not scope.can("intake.reveal_identity"):
        return None
    return _bawaslu_reports(scope)


@register_scope(Report, "message")
def _message(scope: Scope) -> Q | None:
    if not scope.can("intake.change_report"):
        return None
    return _bawaslu_reports(scope)
