"""Case lists, the case page's timeline and a subject's history across cases and elections."""

from django.db.models import Q, QuerySet

from netra.agencies.models import AgencyFamily
from netra.cases.models import Case, CaseEvent, CaseSubject, Person
from netra.core.scoping import restrict, scope_for


def case_list_visible_to(
    *, user, state: str = "", q: str = "", office_id: int | None = None
) -> QuerySet[Case]:
    qs = restrict(Case.objects.all(), user, "view").select_related(
        "office", "recipient", "election", "incident_region"
    )
    if state:
        qs = qs.filter(state=state)
    if office_id:
        qs = qs.filter(office_id=office_id)
    if q:
        qs = qs.filter(
            Q(reference__icontains=q)
            | Q(title__icontains=q)
            | Q(subjects__person__name__icontains=q)
            | Q(subjects__person__nip=q)
        ).distinct()
    return qs


def case_get_visible(*, user, case_id: int) -> Case | None:
    return case_list_visible_to(user=user).filter(pk=case_id).first()


def case_timeline(*, case: Case, user) -> QuerySet[CaseEvent]:
    """Events this user may read: internal notes kept to one agency family are shown only to it.
    Employers and other recipients do not read Bawaslu's exchanges with the reporter."""
    scope = scope_for(user)
    qs = case.events.select_related("actor", "agency")
    if scope.is_superuser:
        return qs
    qs = qs.filter(Q(visible_to="") | Q(visible_to=scope.agency_family))
    if scope.agency_family != AgencyFamily.BAWASLU:
        qs = qs.exclude(kind="pesan")
    return qs


def person_latest_subject(*, person: Person, user) -> CaseSubject | None:
    """The latest subject record of `person` in a case the user may see: what the user's own cases
    recorded (name, agency, position), never another jurisdiction's entries about the same NIP."""
    return (
        CaseSubject.objects.filter(person=person, case__in=restrict(Case.objects.all(), user, "view"))
        .select_related("agency", "person")
        .order_by("-added_at", "-pk")
        .first()
    )


def person_history(*, person: Person, user) -> QuerySet[Case]:
    """Every case (across elections) this user may see in which the person is a subject."""
    return (
        restrict(Case.objects.all(), user, "view")
        .filter(subjects__person=person)
        .select_related("election", "office")
        .distinct()
        .order_by("-created_at")
    )
