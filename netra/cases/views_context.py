"""The case page's context (issue 9: split out of netra.cases.views): the case with its terlapor,
clocks, reports and timeline, the moves this reader may make with their forms, and the documents,
clarifications and duplicate proposals this reader may see."""

import datetime as dt
import zoneinfo

from django.http import HttpRequest
from django.utils import timezone

from netra.agencies.models import Agency, AgencyFamily
from netra.agencies.selectors import employer_choices
from netra.cases import workflow
from netra.cases.models import Case, ClarificationRole, DecisionOutcome, ParticipantRole, PositionCategory
from netra.cases.selectors.casefile import case_file_for
from netra.cases.selectors.cases import case_timeline
from netra.cases.selectors.chain import case_chain
from netra.cases.selectors.clarifications import clarification_list_visible
from netra.cases.selectors.deadlines import deadline_statuses
from netra.cases.selectors.documents import document_list_visible
from netra.cases.selectors.duplicates import duplicate_candidates
from netra.cases.services import documents as document_services
from netra.cases.services import merge as merge_services
from netra.cases.services.clarifications import absences_before_request
from netra.cases.services.subjects import subject_gaps
from netra.cases.services.transitions import transitions_for_user
from netra.cases.steps import step_for
from netra.cases.steps.forward import RECIPIENT_KINDS
from netra.core.scoping import action_refusal, scope_for
from netra.elections.selectors import contestant_label, contestant_list_for_incident, party_list_for_incident
from netra.rules.models import LEVEL_SEVERITY, Destination, EmploymentType, SubjectType, ViolationClass
from netra.rules.selectors.catalogue import conduct_list, sanctions_by_level


def _detail_context(request: HttpRequest, case: Case) -> dict:
    user = request.user
    scope = scope_for(user)
    case = (
        Case.objects.select_related("election", "office", "recipient", "incident_region", "merged_into")
        .prefetch_related(
            "subjects__person",
            "subjects__agency",
            "subjects__violation",
            "subjects__conduct",
            "subjects__recommendations__addressed_to",
            "subjects__recommendations__sanction",
            "subjects__sanctions",
        )
        .get(pk=case.pk)
    )
    transitions = transitions_for_user(case=case, user=user)
    subjects = list(case.subjects.all())
    on = case.incident_date or timezone.localdate()
    catalogue: dict[str, dict] = {}  # one catalogue read per employment type, whatever the subjects
    for subject in subjects:
        subject.form_id = f"subject_edit-{subject.pk}"
        subject.gaps = subject_gaps(subject) if case.is_open else []
        _sanction_options(subject, on, catalogue)
    deadlines = list(case.deadlines.select_related("agency", "escalated_to"))
    for d, status in zip(deadlines, deadline_statuses(deadlines, timezone.now()), strict=True):
        d.status = status
    reports = [cr.report for cr in case.case_reports.select_related("report")]
    context = {
        "case": case,
        "scope": scope,
        "owner": workflow.STAGE_OWNER.get(case.state, ""),
        "transitions": transitions,
        "subjects": subjects,
        "deadlines": deadlines,
        "chain": case_chain(case=case, subjects=subjects, deadlines=deadlines),
        "reports": reports,
        "events": case_timeline(case=case, user=user),
        "is_bawaslu": scope.acts_as(AgencyFamily.BAWASLU),
        "outcomes": DecisionOutcome,
        "violation_classes": ViolationClass,
        "destinations": [(d, Destination(d).label) for d in RECIPIENT_KINDS],
        "recipients": Agency.objects.filter(
            kind__in={k for kinds in RECIPIENT_KINDS.values() for k in kinds}, is_active=True
        ).order_by("name"),
        "subject_gaps_any": any(s.gaps for s in subjects),
        "can_extend": action_refusal(user, Case, "extend_deadline", case) is None,
        "can_classify": action_refusal(user, Case, "classify", case) is None,
        **_assignment_context(user, case, scope),
        "moves": _moves(transitions, case),
        "conducts": conduct_list(),
        "employers": employer_choices(),
        "position_categories": PositionCategory,
        "employment_types": SubjectType,
        **_contest_choices(case),
        "today": timezone.localdate(timezone=zoneinfo.ZoneInfo(case.office.timezone)).isoformat(),
    }
    context.update(_area_context(request, case))
    return context


def _assignment_context(user, case: Case, scope) -> dict:
    """Who is assigned to the case, and (for whoever may assign) the officers of the reader's office."""
    from netra.agencies.models import User

    assigned = [
        p.user
        for p in case.participants.filter(role=ParticipantRole.ASSIGNEE, active=True, user__isnull=False)
        .select_related("user")
        .order_by("added_at")
    ]
    can_assign = case.is_open and action_refusal(user, Case, "assign", case) is None
    officers = (
        list(User.objects.filter(agency_id__in=scope.agency_ids, is_active=True).order_by("username"))
        if can_assign and scope.agency_ids
        else []
    )
    return {"assignees": assigned, "can_assign": can_assign and bool(officers), "assignable": officers}


def _moves(transitions: list[workflow.Transition], case: Case) -> list[dict]:
    """Each move's form: its row in the table, its step's own fields and what to heed before it."""
    moves = []
    for t in transitions:
        step = step_for(t.name)
        moves.append(
            {"t": t, "form": step.form_template, "concerns": step.concerns(case) if step.concerns else []}
        )
    return moves


def _contest_choices(case: Case) -> dict:
    """Who can benefit, for this case's election and the incident's region only, labelled by ballot;
    kolom kosong is offered once (as the checkbox), and only where it is on the ballot."""
    if not case.election_id:
        return {"contestants": [], "parties": [], "empty_box_possible": False}
    pairs = contestant_list_for_incident(election=case.election, region_code=case.incident_region_id)
    return {
        "contestants": [(c.pk, contestant_label(c)) for c in pairs if not c.is_empty_box],
        "parties": party_list_for_incident(election=case.election, region_code=case.incident_region_id),
        "empty_box_possible": any(c.is_empty_box for c in pairs),
    }


def _sanction_options(subject, on: dt.date, catalogue: dict[str, dict]) -> None:
    """The punishments that may be recommended or recorded for this terlapor: the law in force on the
    incident date (PP 53/2010 until 30 Aug 2021, then PP 94/2021), the subject's employment type (PNS or
    PPPK; unknown counts as PNS) and, for the recommendation, the classified level."""
    employment = subject.employment_type if subject.employment_type in EmploymentType.values else "pns"
    if employment not in catalogue:
        catalogue[employment] = sanctions_by_level(employment_type=employment, on=on)
    by_level = catalogue[employment]
    every = [
        x for level in sorted(by_level, key=lambda lv: LEVEL_SEVERITY.get(lv, 9)) for x in by_level[level]
    ]
    subject.sanction_options = every
    level = subject.violation.level if subject.violation_id else ""
    subject.recommend_options = by_level.get(level, every) if level else every
    subject.law_note = f"{EmploymentType(employment).label}, {on:%d-%m-%Y}"


def _area_context(request: HttpRequest, case: Case) -> dict:
    """Documents, clarifications and duplicate proposals for this reader."""
    scope = scope_for(request.user)
    extra: dict = {
        "documents": document_list_visible(case=case, user=request.user),
        "clarifications": list(clarification_list_visible(case=case, user=request.user)),
        "duplicates": [],
        "case_file": case_file_for(case=case, user=request.user),
    }
    if case.is_open and scope.acts_as(AgencyFamily.BAWASLU):
        extra["duplicates"] = [
            {
                "case": c.case,
                "reasons": c.reasons,
                "can_merge": merge_services.case_merge_refusal(source=case, target=c.case, user=request.user)
                is None,
            }
            for c in duplicate_candidates(case=case, user=request.user)
        ]
    extra["can_notify_reporter"] = (
        document_services.status_notice_refusal(case=case, user=request.user) is None
    )
    extra["absences_needed"] = absences_before_request()
    extra["clarification_roles"] = ClarificationRole
    return extra
