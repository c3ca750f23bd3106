"""The step registry (netra.cases.steps): every declared step belongs to a move of the workflow table,
its form exists, its input parses any payload without raising, and a typed input works as well as the
page's or the API's mapping."""

import datetime as dt

import pytest
from django.template.loader import get_template

from netra.cases import workflow
from netra.cases.models import CaseState, DecisionOutcome
from netra.cases.services.transitions import case_transition
from netra.cases.steps import STEPS, StepInput, step_for
from netra.cases.steps.decide import DecideIn
from netra.cases.steps.recommend import RecommendIn
from netra.cases.steps.record_sanction import RecordSanctionIn
from netra.cases.tests.fixtures import NOW, days
from netra.core.exceptions import ApplicationError


def test_every_step_is_a_move_of_the_table_and_its_form_exists():
    assert set(STEPS) <= set(workflow.BY_NAME)
    for step in STEPS.values():
        if step.has_form:
            assert get_template(step.form_template).template.name == f"cases/steps/{step.name}.html"


def test_a_move_without_a_module_is_a_plain_move():
    step = step_for("start_study")
    assert step.input is StepInput
    assert step.handler is None
    assert step.effects == ()
    assert step.form_template == ""


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"decided_on": "12-10-2024", "outcome": None},
        {"recommendations": "semua", "sanctions": {"x": 1}},
        {"recommendations": [1, None, {"subject_id": "abc"}], "sanctions": [{"decision_date": 5}]},
        {"recipient_id": "12a", "reason": None},
    ],
)
def test_parsing_a_payload_never_raises(payload):
    for step in STEPS.values():
        data = step.parse(payload)
        assert isinstance(data, StepInput)
        assert data.reason == ""


def test_decide_input_takes_a_date_or_iso_text_and_keeps_an_invalid_one_as_given():
    assert DecideIn.parse({"decided_on": dt.date(2024, 10, 12)}).decided_on == dt.date(2024, 10, 12)
    assert DecideIn.parse({"decided_on": "2024-10-12"}).decided_on == dt.date(2024, 10, 12)
    typo = DecideIn.parse({"decided_on": "12/10/2024"})
    assert typo.decided_on is None
    assert typo.given("decided_on")
    assert not DecideIn.parse({}).given("decided_on")


def test_item_lists_distinguish_missing_from_not_a_list():
    assert RecommendIn.parse({}).recommendations == ()
    assert not RecommendIn.parse({"recommendations": []}).given("recommendations")
    assert RecommendIn.parse({"recommendations": "x"}).recommendations is None
    items = RecordSanctionIn.parse(
        {"sanctions": [{"subject_id": "7", "decision_date": "2024-10-20"}]}
    ).sanctions
    assert items[0].subject_id == 7
    assert items[0].decision_date == dt.date(2024, 10, 20)


@pytest.mark.django_db
def test_a_typed_input_moves_the_case_like_the_mapping_does(case_world):
    u = case_world["users"]
    case = case_world["case"]
    for name in ("register", "start_study"):
        case = case_transition(case_id=case.pk, user=u["bpp_officer"], name=name, now=NOW + days(1))
    case = case_transition(
        case_id=case.pk,
        user=u["bpp_head"],
        name="decide",
        payload=DecideIn(
            outcome=DecisionOutcome.NOT_PROVEN, decided_on=dt.date(2024, 10, 12), decided_on_given=True
        ),
        now=NOW + days(2),
    )
    assert case.state == CaseState.DECIDED
    assert case.decided_on == dt.date(2024, 10, 12)
    event = case.events.filter(kind="tahap").last()
    assert event.data["outcome"] == DecisionOutcome.NOT_PROVEN
    assert event.data["decided_on"] == "2024-10-12"


@pytest.mark.django_db
def test_a_bad_payload_is_a_field_error_not_a_crash(case_world):
    u = case_world["users"]
    case = case_world["case"]
    for name in ("register", "start_study"):
        case = case_transition(case_id=case.pk, user=u["bpp_officer"], name=name, now=NOW + days(1))
    with pytest.raises(ApplicationError) as caught:
        case_transition(
            case_id=case.pk,
            user=u["bpp_head"],
            name="decide",
            payload={"outcome": "terbukti", "decided_on": "besok"},
            now=NOW + days(2),
        )
    assert caught.value.extra == {"field": "decided_on"}
    assert str(caught.value) == "Tanggal pleno tidak valid."
