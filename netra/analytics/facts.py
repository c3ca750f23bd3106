"""Project live cases into `SubjectFact` rows: one per terlapor (or one for a case without a terlapor
yet), rewritten whole on every refresh so a row never disagrees with its case.

Why a fact table and not GROUP BYs over the live tables: the dashboard's questions (where does it wait,
since when, how far did it get, who was the PPK) need the case, its subjects, their recommendations and
sanctions, its clarifications and its timeline at once; joining them per request costs seconds at a
million cases, and historical cases from spreadsheets have no live rows to join. Refreshing is cheap
(a handful of queries per batch of cases) and happens after commit, off the request's critical path.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from netra.analytics.models import Stage, SubjectFact
from netra.cases import workflow
from netra.cases.models import (
    Attendance,
    Case,
    CaseEvent,
    CaseState,
    Clarification,
    EventKind,
    SanctionDeviation,
)

_OWNER_STAGE = {
    "bawaslu": Stage.BAWASLU,
    "oversight": Stage.OVERSIGHT,
    "employer": Stage.EMPLOYER,
}


def _day(value) -> dt.date | None:
    """A stored instant as the calendar day it fell on in Indonesia's western zone (a day count's
    unit; the office's own zone differs by at most two hours)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date()
    return value


def _stage(case: Case) -> Stage:
    if case.state == CaseState.SANCTIONED:
        return Stage.SANCTIONED
    if case.state == CaseState.STOPPED:
        return Stage.STOPPED
    if case.state in (CaseState.CLOSED, CaseState.MERGED):
        return Stage.CLOSED
    return _OWNER_STAGE.get(workflow.STAGE_OWNER.get(case.state, ""), Stage.BAWASLU)


def _registered_days(case_ids: list[int]) -> dict[int, dt.date]:
    """The day each case was registered (its first 'register' move on the timeline)."""
    days: dict[int, dt.date] = {}
    events = CaseEvent.objects.filter(
        case_id__in=case_ids, kind=EventKind.TRANSITION, data__transition="register"
    ).order_by("created_at")
    for case_id, created_at in events.values_list("case_id", "created_at"):
        days.setdefault(case_id, _day(created_at))
    return days


def _clarifications(case_ids: list[int]) -> dict[int | None, tuple[int, int]]:
    """Per terlapor (subject id): summonses sent and unheeded (non-attendance, a chronic gap)."""
    counts: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    rows = Clarification.objects.filter(case_id__in=case_ids, subject__isnull=False).exclude(
        attendance__in=(Attendance.CANCELLED, Attendance.RESCHEDULED)
    )
    for subject_id, attendance in rows.values_list("subject_id", "attendance"):
        counts[subject_id][0] += 1
        counts[subject_id][1] += attendance == Attendance.ABSENT
    return {k: (v[0], v[1]) for k, v in counts.items()}


def _case_values(case: Case, registered: dt.date | None) -> dict:
    election = case.election
    region = case.incident_region_id or ""
    stage = _stage(case)
    return {
        "case": case,
        "is_imported": False,
        "election_code": election.code if election else "",
        "election_kind": election.kind if election else "",
        "election_year": election.voting_day.year if election else None,
        "region_code": region,
        "province_code": region[:2],
        "office_id": case.office_id,
        "recipient_id": case.recipient_id,
        "received_on": _received_on(case),
        "registered_on": registered,
        "decided_on": case.decided_on,
        "forwarded_on": _day(case.forwarded_at),
        "closed_on": _day(case.closed_at),
        "stage": stage,
        "outcome": case.stop_reason or case.decision_outcome,
    }


def _received_on(case: Case) -> dt.date | None:
    """When the matter reached Bawaslu: its first report's receipt (a temuan's report is dated when the
    supervisor recorded it), else when the case opened."""
    received = [link.report.received_at for link in case.case_reports.all()]
    return _day(min(received)) if received else _day(case.created_at)


def _subject_stage(case_stage: Stage, recommended: bool, sanctioned: bool) -> Stage:
    """Once recommendations went to the PPKs, each ASN's own stage: sanctioned, or still waiting for
    their PPK (the case moves on when the first PPK records a sanction; the others still owe theirs)."""
    if case_stage in (Stage.EMPLOYER, Stage.SANCTIONED) and recommended:
        return Stage.SANCTIONED if sanctioned else Stage.EMPLOYER
    return case_stage


def _waiting_since(values: dict) -> dt.date | None:
    return {
        Stage.BAWASLU: values["received_on"],
        Stage.OVERSIGHT: values["forwarded_on"],
        Stage.EMPLOYER: values.get("recommended_on") or values["forwarded_on"],
    }.get(values["stage"])


def _subject_values(subject, base: dict, clar: dict) -> dict:
    recs = sorted(subject.recommendations.all(), key=lambda r: r.issued_at)
    sanctions = sorted(subject.sanctions.all(), key=lambda s: s.decision_date)
    rec, sanction = (recs[0] if recs else None), (sanctions[0] if sanctions else None)
    employer = rec.addressed_to if rec else subject.agency
    invited, absent = clar.get(subject.pk, (0, 0))
    values = {
        **base,
        "row_key": f"live:{subject.pk}",
        "subject": subject,
        "employer_id": employer.pk if employer else None,
        "employer_name": employer.name if employer else subject.agency_name,
        "violation_code": subject.violation.code if subject.violation else "",
        "violation_category": subject.conduct.code if subject.conduct else "",
        "level": subject.level,
        "position_category": subject.position_category,
        "employment_type": subject.employment_type,
        "proven": subject.is_proven if subject.is_proven is not None else _proven(base),
        "recommended_on": _day(rec.issued_at) if rec else None,
        "sanctioned_on": sanction.decision_date if sanction else None,
        "recommended_level": (rec.sanction.level if rec.sanction else rec.level) if rec else "",
        "imposed_level": sanction.sanction.level if sanction and sanction.sanction else "",
        "deviation": sanction.deviation if sanction and sanction.deviation != SanctionDeviation.SAME else "",
        "clarification_invited": invited,
        "clarification_absent": absent,
    }
    values["stage"] = _subject_stage(base["stage"], rec is not None, sanction is not None)
    values["waiting_since"] = _waiting_since(values)
    return values


def _proven(base: dict) -> bool | None:
    from netra.cases.models import DecisionOutcome

    outcome = base["outcome"]
    if outcome == DecisionOutcome.VIOLATION:
        return True
    return False if outcome else None


def _rows_for(case: Case, registered: dt.date | None, clar: dict) -> list[SubjectFact]:
    base = _case_values(case, registered)
    subjects = list(case.subjects.all())
    if not subjects:
        values = {**base, "row_key": f"live-case:{case.pk}", "proven": _proven(base)}
        values["waiting_since"] = _waiting_since({**values, "recommended_on": None})
        return [SubjectFact(**values)]
    return [SubjectFact(**_subject_values(s, base, clar)) for s in subjects]


def facts_refresh(*, case_ids: Iterable[int]) -> int:
    """Rewrite the facts of these cases (deleted cases and removed subjects lose theirs). Returns the
    number of rows written."""
    ids = sorted({pk for pk in case_ids if pk})
    if not ids:
        return 0
    cases = list(
        Case.objects.filter(pk__in=ids)
        .select_related("election")
        .prefetch_related(
            "subjects__agency",
            "subjects__violation",
            "subjects__conduct",
            "subjects__recommendations__addressed_to",
            "subjects__recommendations__sanction",
            "subjects__sanctions__sanction",
            "case_reports__report",
        )
    )
    registered = _registered_days(ids)
    clar = _clarifications(ids)
    rows = [row for case in cases for row in _rows_for(case, registered.get(case.pk), clar)]
    with transaction.atomic():
        SubjectFact.objects.filter(case_id__in=ids, is_imported=False).delete()
        SubjectFact.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def facts_rebuild(*, batch: int = 2000) -> int:
    """Re-project every live case (after a deployment that changed the projection)."""
    written = 0
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        written += facts_refresh(case_ids=ids[start : start + batch])
    return written
