"""The steps of the case workflow: one module per move that needs more than its row in
`netra.cases.workflow` (an input, a handler, effects, a form). See `base.py` for the pipeline.

Adding a move: a row in `workflow.TRANSITIONS`; if it takes input or has effects, a module here with
its `STEP`, listed below; if it has fields on the case page, `templates/cases/steps/<name>.html`; and
its tests. A move without a module is a plain move: a reason, the table's clocks, the common effects.
"""

from netra.cases.steps import decide, forward, recommend, record_sanction, register, request_completion, stop
from netra.cases.steps.base import Step, StepContext, StepInput, StepResult

STEPS: dict[str, Step] = {
    s.name: s
    for s in (
        register.STEP,
        request_completion.STEP,
        decide.STEP,
        forward.STEP,
        stop.STEP,
        recommend.STEP,
        record_sanction.STEP,
    )
}


def step_for(name: str) -> Step:
    """The step declared for a move, or a plain one (a reason and nothing else)."""
    return STEPS.get(name) or Step(name)


__all__ = ["STEPS", "Step", "StepContext", "StepInput", "StepResult", "step_for"]
