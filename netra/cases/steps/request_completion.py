"""request_completion: the reporter is told what is missing and may complete the laporan within the
window (Perbawaslu 7/2022 Pasal 15 jo. 16); the request reaches them through the message channel."""

from __future__ import annotations

from netra.cases.steps.base import Step, StepContext, StepInput, StepResult


def ask_reporters(ctx: StepContext, data: StepInput, result: StepResult) -> None:
    from netra.cases.services.reporters import reporters_ask_to_complete

    if ctx.user is not None:
        reporters_ask_to_complete(case=ctx.case, officer=ctx.user, what=data.reason)


STEP = Step("request_completion", effects=(ask_reporters,))
