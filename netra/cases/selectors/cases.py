"""Case lists, the case page's timeline and a subject's history across cases and elections."""

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Concat
from django.db.models.lookups import IContains

from netra.agencies.models import AgencyFamily
from netra.cases import search
from netra.cases.models import Case, CaseEvent, CaseReport, CaseSubject, Person
from netra.core.scoping import restrict, scope_for
from netra.intake.models import Report


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
        qs = _search(qs, q=q, user=user)
    return qs


def _matches(terms: list[search.Term], fields: tuple[str, ...]) -> Q:
    """Every term found in `fields` (one text, or two joined): full-text on PostgreSQL ('simple' tsvector
    of the Python-stemmed text, prefix query), word-start `icontains` elsewhere; identifiers as substrings."""
    text = F(fields[0]) if len(fields) == 1 else Concat(*[F(f) for f in fields], output_field=TextField())
    condition = Q()
    words = search.tsquery(terms)
    if words and connection.vendor == "postgresql":
        vector = SearchVector(text, config="simple")
        condition &= Q(SearchVectorExact(vector, SearchQuery(words, config="simple", search_type="raw")))
    elif words:
        for term in terms:
            if term.prefixes:
                alternatives = Q()
                for prefix in term.prefixes:
                    alternatives |= Q(IContains(text, f" {prefix}"))
                condition &= alternatives
    for term in terms:
        if term.substring:
            condition &= Q(IContains(text, term.substring))
    return condition


def _search(qs: QuerySet[Case], *, q: str, user) -> QuerySet[Case]:
    """Cases whose number, title, subjects (name, agency, position, NIP, as recorded in the case) or
    reports (number, description, place, terlapor as named) match every word of `q` — the reports' text
    only for a user who may read that case's reports. Never the reporter's sealed identity (not indexed:
    `netra.cases.services.search`)."""
    terms = search.query_terms(q)
    if not terms:
        return qs.none()
    readable_report = CaseReport.objects.filter(
        case=OuterRef("pk"), report__in=restrict(Report.objects.all(), user, "view")
    )
    return qs.filter(
        _matches(terms, ("search_text",))
        | (Q(Exists(readable_report)) & _matches(terms, ("search_text", "search_text_reports")))
    )


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


def sanction_follow_up_stats(*, cases: QuerySet[Case]) -> dict:
    """How PPKs followed the recommendations on `cases` (already scoped by the caller): subjects
    recommended, sanctioned, and sanctioned lighter or heavier than recommended — the gap between
    proven and sanctioned (issue 15 item 6)."""
    from netra.cases.models import Recommendation, SanctionDeviation, SanctionRecord

    records = SanctionRecord.objects.filter(subject__case__in=cases)
    return {
        "recommended": Recommendation.objects.filter(subject__case__in=cases)
        .values("subject")
        .distinct()
        .count(),
        "sanctioned": records.values("subject").distinct().count(),
        "lighter": records.filter(deviation=SanctionDeviation.LIGHTER).count(),
        "heavier": records.filter(deviation=SanctionDeviation.HEAVIER).count(),
    }
