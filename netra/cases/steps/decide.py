"""decide: Bawaslu's plenary decision (Perbawaslu 7/2022: rapat pleno, status laporan). A proven
criminal matter opens the 1×24-hour clock to Sentra Gakkumdu."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from netra.cases.models import Case, DecisionOutcome
from netra.cases.steps.base import Step, StepContext, StepInput, StepResult, as_date, text
from netra.clocks.models import DeadlineKind
from netra.core.exceptions import ApplicationError
from netra.rules.models import ViolationClass


@dataclass(frozen=True)
class DecideIn(StepInput):
    outcome: str = ""
    decided_on: dt.date | None = None
    decided_on_given: bool = False  # a date was typed (an invalid one parses to None)
    summary: str = ""
    violation_class: str = ""

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> DecideIn:
        return cls(
            reason=text(payload.get("reason")),
            outcome=text(payload.get("outcome")),
            decided_on=as_date(payload.get("decided_on")),
            decided_on_given=bool(text(payload.get("decided_on"))),
            summary=text(payload.get("summary")),
            violation_class=text(payload.get("violation_class")),
        )

    @classmethod
    def from_post(cls, post: Mapping[str, Any], case: Case) -> dict[str, Any]:
        return {
            **StepInput.from_post(post, case),
            "outcome": post.get("outcome", ""),
            "decided_on": post.get("decided_on", ""),
            "summary": post.get("summary", ""),
            "violation_class": post.get("violation_class", ""),
        }

    def given(self, key: str) -> bool:
        return self.decided_on_given if key == "decided_on" else super().given(key)


def decide(ctx: StepContext, data: DecideIn) -> StepResult:
    case = ctx.case
    if data.outcome not in DecisionOutcome.values:
        raise ApplicationError(_("Putusan pleno tidak dikenal."), extra={"field": "outcome"})
    if data.decided_on is None:
        raise ApplicationError(_("Tanggal pleno tidak valid."), extra={"field": "decided_on"})
    if data.decided_on > timezone.localdate(ctx.now) + dt.timedelta(days=1):
        raise ApplicationError(_("Tanggal pleno tidak boleh di masa depan."), extra={"field": "decided_on"})
    violation_class = data.violation_class or case.violation_class
    if violation_class not in ViolationClass.values:
        raise ApplicationError(_("Jenis pelanggaran tidak dikenal."), extra={"field": "violation_class"})
    case.decision_outcome = data.outcome
    case.decided_on = data.decided_on
    case.decision_summary = data.summary
    case.violation_class = violation_class
    criminal = data.outcome == DecisionOutcome.VIOLATION and violation_class == ViolationClass.CRIMINAL
    return StepResult(
        fields=("decision_outcome", "decided_on", "decision_summary", "violation_class"),
        data={
            "outcome": data.outcome,
            "decided_on": data.decided_on.isoformat(),
            "violation_class": violation_class,
        },
        text=_("Putusan: %(outcome)s.") % {"outcome": DecisionOutcome(data.outcome).label},
        opens=(DeadlineKind.CRIMINAL_FORWARD,) if criminal else (),
    )


STEP = Step("decide", input=DecideIn, handler=decide, has_form=True)
