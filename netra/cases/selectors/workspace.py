"""The officer's workspace (issue 14): my queue, the stages of my scope, my office's load.

Every read goes through the one scoping registry (`restrict`): a case the reader may not view is never
counted or listed. Each part is one query (bounded lists), so the page's query count does not grow with
the number of cases (tested with `django_assert_max_num_queries`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from netra.cases import workflow
from netra.cases.models import TERMINAL_STATES, Case, CaseState, DeadlineState, Participant, ParticipantRole
from netra.cases.selectors.deadlines import deadline_queue_overdue, deadline_queue_upcoming, deadline_statuses
from netra.core.scoping import restrict, scope_for

QUEUE_LIMIT = 10
DUE_SOON_DAYS = 7


@dataclass
class StageCount:
    state: str
    label: str
    count: int
    owner: str  # the agency family that acts at this stage ("" for a terminal stage)


@dataclass
class OfficerLoad:
    user_id: int
    name: str
    open_cases: int
    overdue_cases: int


@dataclass
class Workspace:
    assigned: list[Case] = field(default_factory=list)
    waiting: list[Case] = field(default_factory=list)
    waiting_total: int = 0
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    stages: list[StageCount] = field(default_factory=list)
    notifications: list = field(default_factory=list)
    load: list[OfficerLoad] | None = None  # for leaders only


def _open(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.exclude(state__in=TERMINAL_STATES)


def cases_assigned_to(*, user) -> QuerySet[Case]:
    """Open cases this officer is assigned to (and may view), most recently changed first."""
    mine = Participant.objects.filter(
        case=OuterRef("pk"), user_id=user.pk, role=ParticipantRole.ASSIGNEE, active=True
    )
    return _open(restrict(Case.objects.all(), user, "view")).filter(Exists(mine))


def cases_waiting_for_agency(*, user) -> QuerySet[Case]:
    """Open cases at a stage that the reader's kind of agency acts on (workflow.STAGE_OWNER), within
    the reader's scope: Bawaslu's handling stages, the oversight body's examination, the PPK's follow-up."""
    scope = scope_for(user)
    states = [s for s, owner in workflow.STAGE_OWNER.items() if owner and owner == scope.agency_family]
    if not states:
        return Case.objects.none()
    return restrict(Case.objects.all(), user, "view").filter(state__in=states)


def case_overdue_q(now: dt.datetime) -> Q:
    """A case with a running clock past its due time."""
    return Q(
        deadlines__state__in=(DeadlineState.OPEN, DeadlineState.BREACHED),
        deadlines__due_at__lte=now,
        deadlines__met_at__isnull=True,
    )


def stage_counts(*, user) -> list[StageCount]:
    """How many cases of the reader's scope sit at each stage, in the workflow's order (one query)."""
    rows = dict(
        restrict(Case.objects.all(), user, "view")
        .order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    return [
        StageCount(
            state=s.value, label=str(s.label), count=rows.get(s.value, 0), owner=workflow.STAGE_OWNER[s]
        )
        for s in CaseState
        if rows.get(s.value) or s not in TERMINAL_STATES
    ]


def office_load(*, user, now: dt.datetime) -> list[OfficerLoad]:
    """For the office's leadership: each active officer of the reader's office (and the units under it)
    with the open cases assigned to them and how many of those are overdue (one query)."""
    from netra.agencies.models import User

    scope = scope_for(user)
    visible = restrict(Case.objects.all(), user, "view").exclude(state__in=TERMINAL_STATES)
    assigned = Q(
        case_assignments__role=ParticipantRole.ASSIGNEE,
        case_assignments__active=True,
        case_assignments__case__in=visible,
    )
    late = Q(
        case_assignments__case__deadlines__state__in=(DeadlineState.OPEN, DeadlineState.BREACHED),
        case_assignments__case__deadlines__due_at__lte=now,
    )
    officers = (
        User.objects.filter(agency_id__in=scope.agency_ids, is_active=True)
        .annotate(
            open_cases=Count("case_assignments__case", filter=assigned, distinct=True),
            overdue_cases=Count("case_assignments__case", filter=assigned & late, distinct=True),
        )
        .order_by("-open_cases", "username")
    )
    return [
        OfficerLoad(
            user_id=u.pk,
            name=str(u),  # the full name, else the username
            open_cases=u.open_cases,
            overdue_cases=u.overdue_cases,
        )
        for u in officers[:50]
    ]


def is_leader(user) -> bool:
    """The office's leadership (pimpinan) sees its officers' load: those who take the plenary decision."""
    return scope_for(user).can("cases.decide_case")


def workspace_for(*, user, now: dt.datetime | None = None) -> Workspace:
    from netra.notifications.selectors import notification_list_for

    now = now or timezone.now()
    related = ("office", "election", "incident_region")
    waiting = cases_waiting_for_agency(user=user)
    overdue = list(deadline_queue_overdue(user, now=now, responsible_only=True)[:QUEUE_LIMIT])
    due_soon = list(
        deadline_queue_upcoming(user, within_days=DUE_SOON_DAYS, now=now, responsible_only=True)[:QUEUE_LIMIT]
    )
    for d, status in zip(overdue + due_soon, deadline_statuses(overdue + due_soon, now), strict=True):
        d.status = status  # type: ignore[attr-defined]  # the list template reads it
    return Workspace(
        assigned=list(
            cases_assigned_to(user=user).select_related(*related).order_by("-updated_at")[:QUEUE_LIMIT]
        ),
        waiting=list(waiting.select_related(*related).order_by("created_at", "pk")[:QUEUE_LIMIT]),
        waiting_total=waiting.count(),
        overdue=overdue,
        due_soon=due_soon,
        stages=stage_counts(user=user),
        notifications=list(notification_list_for(user=user)[:5]),
        load=office_load(user=user, now=now) if is_leader(user) else None,
    )
