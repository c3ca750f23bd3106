"""stop: a plenary decision of no violation, or not proven, ends the case (the stop reason follows the
decision). Other moves that end a case carry their stop reason in the workflow table."""

from __future__ import annotations

from netra.cases.models import DecisionOutcome, StopReason
from netra.cases.steps.base import Step, StepContext, StepInput, StepResult


def stop(ctx: StepContext, data: StepInput) -> StepResult:
    not_violation = ctx.case.decision_outcome == DecisionOutcome.NOT_VIOLATION
    ctx.case.stop_reason = StopReason.NOT_VIOLATION if not_violation else StopReason.NOT_PROVEN
    return StepResult()  # `stop_reason` is among the fields every move saves


STEP = Step("stop", handler=stop)
