"""The transition table, exhaustively: every allowed move from every source stage by the agency family
and role that owns it, and for each move the forbidden ones (wrong family, missing permission, wrong
stage, failed guard)."""

import pytest
from django.utils import timezone

from netra.cases import workflow
from netra.cases.models import Case, CaseOrigin, CaseState, DecisionOutcome, Recommendation
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import classify_subjects
from netra.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError

S = CaseState
# Stages a case reaches only after it was forwarded (the oversight body sees it from then on).
FORWARDED_STAGES = frozenset(
    {S.FORWARDED, S.EXAMINATION, S.RECOMMENDED, S.SANCTIONED, S.ESCALATED, S.CLOSED, S.STOPPED}
)

# Who makes each move (a user key of case_world) and what the move needs.
ACTOR = {
    "start_review": "bpp_officer",
    "request_completion": "bpp_officer",
    "completion_received": "bpp_officer",
    "register": "bpp_officer",
    "not_register": "bpp_officer",
    "withdraw": "bpp_officer",
    "start_clarification": "bpp_officer",
    "start_study": "bpp_officer",
    "decide": "bpp_head",
    "forward": "bpp_head",
    "stop": "bpp_head",
    "examine": "bkn_officer",
    "recommend": "bkn_officer",
    "dismiss": "bkn_officer",
    "record_sanction": "bkpsdm_officer",
    "escalate": "bkn_officer",
    "close": "bkn_officer",
    "close_forwarded": "bpp_officer",
    "reopen": "bpp_head",
}
# A user of another family (the stage is not theirs) and one of the right family without the permission.
FAMILY_HEADS = {"bawaslu": "bpp_head", "oversight": "bkn_head", "employer": "bkpsdm_officer"}
NO_PERMISSION = {"bawaslu": "bpp_viewer", "oversight": "bkn_viewer", "employer": "bkpsdm"}


def _payload(name: str, case: Case, w) -> dict:
    subject = case.subjects.first()
    return {
        "reason": "Alasan yang cukup",
        "outcome": DecisionOutcome.NOT_PROVEN if name == "stop" else DecisionOutcome.VIOLATION,
        "decided_on": "2024-10-12",
        "destination": "oversight_body",
        "recipient_id": w["agencies"]["bkn"].pk,
        "forwarding_summary": "Ringkasan petugas",
        "recommendations": [
            {"subject_id": subject.pk, "level": "moral", "legal_basis": "PP 42/2004 Pasal 15"}
        ],
        "sanctions": [
            {
                "subject_id": subject.pk,
                "decision_number": "800/1/2024",
                "decision_date": "2024-10-20",
                "punishment": "Pernyataan secara terbuka",
                "sanction_code": "pns-moral-terbuka",
            }
        ],
    }


def _put(case: Case, state: str, name: str, w) -> Case:
    """Force the case into `state` with what the move's guard and the family's scope need (tests only)."""
    fields = {"state": state, "origin": CaseOrigin.REPORT, "state_before_end": S.STUDY}
    if name == "register" and state == S.RECEIVED:
        fields["origin"] = CaseOrigin.FINDING
    if name in {"withdraw", "start_review", "request_completion"}:
        fields["origin"] = CaseOrigin.REPORT
    if name == "forward":
        fields["decision_outcome"] = DecisionOutcome.VIOLATION
    if name == "stop":
        fields["decision_outcome"] = DecisionOutcome.NOT_PROVEN
    if state in FORWARDED_STAGES and name != "close_forwarded":
        fields.update(
            destination="oversight_body", recipient=w["agencies"]["bkn"], forwarded_at=timezone.now()
        )
    if name == "close_forwarded":
        fields.update(destination="gakkumdu", recipient=None, forwarded_at=timezone.now())
    Case.objects.filter(pk=case.pk).update(**fields)
    if name in {"record_sanction"} and not Recommendation.objects.filter(subject__case=case).exists():
        Recommendation.objects.create(
            subject=case.subjects.first(),
            issued_by=w["agencies"]["bkn"],
            addressed_to=w["agencies"]["pemkot"],
            level="moral",
            legal_basis="PP 42/2004",
            issued_at=timezone.now(),
        )
    case.refresh_from_db()
    if name == "forward" and state == S.DECIDED and case.subjects.filter(violation__isnull=True).exists():
        case = classify_subjects(case, w["users"]["bpp_officer"])  # an ASN case leaves Bawaslu classified
    return case


ALLOWED = [(t.name, source) for t in workflow.TRANSITIONS for source in sorted(t.sources)]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "source"), ALLOWED, ids=[f"{n}:{s}" for n, s in ALLOWED])
def test_every_allowed_move(case_world, name, source):
    w = case_world
    transition = workflow.transition_get(name)
    case = _put(w["case"], source, name, w)
    moved = case_transition(
        case_id=case.pk, user=w["users"][ACTOR[name]], name=name, payload=_payload(name, case, w)
    )
    expected = transition.target or S.STUDY
    assert moved.state == expected
    last = moved.events.filter(kind="tahap").last()
    assert last.from_state == source
    assert last.to_state == expected


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(workflow.BY_NAME), ids=list(workflow.BY_NAME))
def test_forbidden_moves_per_role(case_world, name):
    w = case_world
    transition = workflow.transition_get(name)
    source = sorted(transition.sources)[0]
    case = _put(w["case"], source, name, w)
    family = sorted(transition.families)[0]
    payload = _payload(name, case, w)
    # Another agency's stage: refused (or not even visible to that agency: not found).
    wrong_user = next(u for f, u in FAMILY_HEADS.items() if f not in transition.families)
    with pytest.raises(ApplicationError) as wrong:
        case_transition(case_id=case.pk, user=w["users"][wrong_user], name=name, payload=payload)
    assert wrong.value.status in (403, 404)
    # The right agency without the role's permission.
    with pytest.raises(ApplicationError) as no_perm:
        case_transition(case_id=case.pk, user=w["users"][NO_PERMISSION[family]], name=name, payload=payload)
    assert no_perm.value.status in (403, 404)
    # A stage the move does not start from.
    wrong_stage = next(
        s for s in (S.CLOSED, S.MERGED, S.RECEIVED, S.EXAMINATION) if s not in transition.sources
    )
    case = _put(case, wrong_stage, name, w)
    with pytest.raises((ConflictError, PermissionDeniedError, ApplicationError)):
        case_transition(case_id=case.pk, user=w["users"][ACTOR[name]], name=name, payload=payload)
    case.refresh_from_db()
    assert case.state == wrong_stage


@pytest.mark.django_db
def test_guards_and_required_fields(case_world):
    w = case_world
    case = w["case"]
    officer = w["users"]["bpp_officer"]
    with pytest.raises(ApplicationError) as missing:
        case_transition(case_id=case.pk, user=officer, name="not_register", payload={})
    assert missing.value.extra == {"field": "reason"}
    # A laporan cannot skip kajian awal.
    case = _put(case, S.RECEIVED, "start_review", w)
    with pytest.raises(ConflictError):
        case_transition(case_id=case.pk, user=officer, name="register")
    # A proven case is forwarded, not stopped.
    case = _put(case, S.DECIDED, "forward", w)
    with pytest.raises(ConflictError):
        case_transition(case_id=case.pk, user=w["users"]["bpp_head"], name="stop")
    # Forwarding to an agency of the wrong kind is refused.
    with pytest.raises(ApplicationError) as wrong_recipient:
        case_transition(
            case_id=case.pk,
            user=w["users"]["bpp_head"],
            name="forward",
            payload={
                "destination": "oversight_body",
                "recipient_id": w["agencies"]["pemkot"].pk,
                "forwarding_summary": "Ringkasan petugas",
            },
        )
    assert wrong_recipient.value.extra == {"field": "recipient_id"}
    with pytest.raises(ApplicationError):
        case_transition(case_id=case.pk, user=officer, name="no_such_move")


@pytest.mark.django_db
def test_the_system_may_only_escalate(case_world):
    w = case_world
    case = _put(w["case"], S.STUDY, "decide", w)
    with pytest.raises(PermissionDeniedError):
        case_transition(case_id=case.pk, user=None, name="decide", system_reason="tenggat")
    case = _put(case, S.RECOMMENDED, "escalate", w)
    moved = case_transition(case_id=case.pk, user=None, name="escalate", system_reason="Tenggat PPK terlewat")
    assert moved.state == S.ESCALATED


@pytest.mark.django_db
def test_employer_sees_a_case_only_once_recommended(case_world):
    from netra.cases.selectors import case_get_visible

    w = case_world
    case = w["case"]
    ppk = w["users"]["bkpsdm_officer"]
    bkn = w["users"]["bkn_officer"]
    assert case_get_visible(user=ppk, case_id=case.pk) is None
    assert case_get_visible(user=bkn, case_id=case.pk) is None  # not forwarded yet
    case = _put(case, S.FORWARDED, "examine", w)
    assert case_get_visible(user=bkn, case_id=case.pk) is not None
    assert case_get_visible(user=ppk, case_id=case.pk) is None
    case = _put(case, S.RECOMMENDED, "record_sanction", w)
    assert case_get_visible(user=ppk, case_id=case.pk) is not None
    assert case_get_visible(user=w["users"]["pbg_head"], case_id=case.pk) is None


def test_table_is_consistent():
    states = set(CaseState.values)
    for t in workflow.TRANSITIONS:
        assert t.sources <= states, t.name
        assert t.target is None or t.target in states, t.name
        assert t.permission.startswith("cases."), t.name
    # Every non-terminal stage has a way forward; every stage but MERGED is reachable.
    reachable = {t.target for t in workflow.TRANSITIONS if t.target} | {S.RECEIVED, S.INITIAL_REVIEW}
    assert states - reachable == {S.MERGED}
    for state in states - {S.CLOSED, S.STOPPED, S.MERGED}:
        assert any(state in t.sources for t in workflow.TRANSITIONS), state
    # A new stage names the agency family that owns it (the clock and "waiting for" point at it).
    assert set(workflow.STAGE_OWNER) == states
    # Only the escalation may be made by the system, and it must give a reason.
    assert {t.name for t in workflow.TRANSITIONS if t.by_system} == {"escalate"}
    assert all("reason" in t.requires for t in workflow.TRANSITIONS if t.by_system)


def test_every_required_field_has_a_label_for_officers():
    """Messages name fields as officers know them ("Sanksi …"), never "sanctions" (issue 15 item 13)."""
    for transition in workflow.TRANSITIONS:
        for key in transition.requires:
            assert key in workflow.FIELD_LABELS, (transition.name, key)


@pytest.mark.django_db
def test_missing_field_message_uses_the_label(case_world):
    w = case_world
    case = _put(w["case"], S.RECOMMENDED, "record_sanction", w)
    with pytest.raises(ApplicationError) as missing:
        case_transition(
            case_id=case.pk, user=w["users"]["bkpsdm_officer"], name="record_sanction", payload={}
        )
    assert missing.value.extra == {"field": "sanctions"}
    assert "sanctions" not in missing.value.message
    assert missing.value.message.startswith("Sanksi (isi nomor keputusan")
