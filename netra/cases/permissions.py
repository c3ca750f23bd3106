"""Who sees which case (netra.core.scoping): deny by default, out of scope is 404.

- Bawaslu: cases whose incident region lies in its jurisdiction, or that its office handles.
- ASN oversight (BKN, KASN, Satgas members KemenPANRB/Kemendagri): cases forwarded to the oversight
  body, from the moment of forwarding (a regional office within its region).
- Employers (PPK with its BKPSDM/Inspektorat): cases with a recommendation addressed to them.
- Other recipients (TNI, Polri, Gakkumdu, KPU, DKPP, regional heads): cases forwarded to them.
A reporter's identity is never reachable through a case: it stays behind `intake.reveal_identity`.

A terlapor record (`Person`) is reachable only through a case: visible when the person is a subject of a
case the user may view; changeable only when *every* case the person appears in is one the user may
change (the same NIP can tie a Balikpapan case to a Purbalingga one, and neither office may edit the
other's record). What one case recorded about a subject lives on its `CaseSubject`.
"""

from django.db.models import Q

from netra.agencies.models import AgencyFamily
from netra.cases.models import Case, CaseSubject, Person, Recommendation
from netra.core.scoping import Scope, register_scope
from netra.rules.models import Destination


def _case_q(scope: Scope, perm: str) -> Q | None:
    if not scope.can(perm):
        return None
    family = scope.agency_family
    if family == AgencyFamily.BAWASLU:
        region = scope.region_q("incident_region__code")
        if region is None:
            return None
        return Q() if scope.is_national else region | Q(office_id__in=scope.agency_ids)
    if family == AgencyFamily.OVERSIGHT:
        region = scope.region_q("incident_region__code")
        if region is None:
            return None
        return Q(destination=Destination.OVERSIGHT_BODY, forwarded_at__isnull=False) & region
    if family == AgencyFamily.EMPLOYER:
        addressed = Recommendation.objects.filter(addressed_to_id__in=scope.agency_ids).values(
            "subject__case_id"
        )
        return Q(pk__in=addressed)
    if family == AgencyFamily.RECIPIENT:
        return Q(recipient_id__in=scope.agency_ids, forwarded_at__isnull=False)
    return None


@register_scope(Case, "view")
def _view(scope: Scope) -> Q | None:
    return _case_q(scope, "cases.view_case")


@register_scope(Case, "change")
def _change(scope: Scope) -> Q | None:
    return _case_q(scope, "cases.change_case")


@register_scope(Person, "view")
def _person_view(scope: Scope) -> Q | None:
    cases = _case_q(scope, "cases.view_case")
    if cases is None:
        return None
    return Q(pk__in=CaseSubject.objects.filter(case__in=Case.objects.filter(cases)).values("person_id"))


@register_scope(Person, "change")
def _person_change(scope: Scope) -> Q | None:
    cases = _case_q(scope, "cases.change_case")
    if cases is None:
        return None
    changeable = Case.objects.filter(cases)
    inside = CaseSubject.objects.filter(case__in=changeable).values("person_id")
    outside = CaseSubject.objects.exclude(case__in=changeable).values("person_id")
    return Q(pk__in=inside) & ~Q(pk__in=outside)
