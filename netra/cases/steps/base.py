"""What one move of the case workflow declares, besides its row in the workflow table.

A move (`workflow.Transition`: from which stages, to which, by whom, which clocks) may need more than
the table says: an input of its own (a plenary decision, recommendations, sanctions), a handler that
applies the law to that input, and effects once the case has moved (letters, the reporter's status, a
message). A `Step` declares those three in one module per move (`netra.cases.steps.<move>`), and
`services.transitions.case_transition` runs every move through the same pipeline:

    authorise → check the edge → input required → handler → set the state → timeline + audit → effects

Effects inside the cases app are called here, explicitly and in order; other apps (notifications)
listen to `signals.case_transitioned`, which carries typed arguments (the `StepResult`), never the
timeline row's JSON.

Input parsing is total: a payload from the page's form or the API (or an input built in code) becomes
the step's dataclass without raising, so the handler reports every problem as a field error in the
order the law checks it (forms check shape, services apply the law).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from netra.agencies.models import Agency
from netra.cases.models import Case, Recommendation, SanctionRecord


def text(value: Any) -> str:
    """A payload value as stripped text ("" for None)."""
    return "" if value is None else str(value).strip()


def as_int(value: Any) -> int | None:
    """A payload id as an int, or None when it is missing or not a whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    raw = text(value)
    return int(raw) if raw.isdigit() else None


def as_date(value: Any) -> dt.date | None:
    """A date given as a date or as ISO text (the form's and the API's shapes), or None if invalid."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(text(value))
    except ValueError:
        return None


def items_of(value: Any, parse: Callable[[Mapping[str, Any]], Any]) -> tuple | None:
    """A list of per-terlapor items: () when nothing was given, None when it is not a list (the handler
    refuses it with its own message), else each item parsed (a non-object item parses as empty)."""
    if value in (None, "", [], {}):
        return ()
    if not isinstance(value, list | tuple):
        return None
    return tuple(parse(item if isinstance(item, Mapping) else {}) for item in value)


@dataclass(frozen=True)
class StepInput:
    """What every move may carry: the officer's reason (required by some moves, the recorded
    justification for others, the system's reason for an automatic escalation)."""

    reason: str = ""

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> StepInput:
        return cls(reason=text(payload.get("reason")))

    @classmethod
    def from_post(cls, post: Mapping[str, Any], case: Case) -> dict[str, Any]:
        """The case page's form for this move, as a payload (the same shape the API takes)."""
        return {"reason": text(post.get("reason"))}

    def given(self, key: str) -> bool:
        """Whether a field the workflow table requires was given (an empty list is not given)."""
        return getattr(self, key, None) not in (None, "", [], (), {})


@dataclass
class StepResult:
    """What a handler did, for the pipeline: the case fields it changed, the text and data of the
    timeline line and audit row, extra clocks, and the rows its effects and listeners need."""

    fields: tuple[str, ...] = ()
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    opens: tuple[str, ...] = ()  # DeadlineKinds opened because of the input (besides the table's)
    employers: tuple[Agency, ...] = ()  # PPKs addressed (their follow-up clocks)
    recommendations: tuple[Recommendation, ...] = ()
    sanctions: tuple[SanctionRecord, ...] = ()

    @property
    def lighter_sanctions(self) -> tuple[SanctionRecord, ...]:
        from netra.cases.models import SanctionDeviation

        return tuple(s for s in self.sanctions if s.deviation == SanctionDeviation.LIGHTER)


@dataclass(frozen=True)
class StepContext:
    """The move being made: the locked case, who makes it (None: the system), when, and which."""

    case: Case
    user: Any
    now: dt.datetime
    name: str


Handler = Callable[[StepContext, Any], StepResult]
Effect = Callable[[StepContext, Any, StepResult], None]


@dataclass(frozen=True)
class Step:
    """One move's input, handler, effects and form (see the module docstring)."""

    name: str
    input: type[StepInput] = StepInput
    handler: Handler | None = None
    effects: tuple[Effect, ...] = ()
    # The move's own fields on the case page (templates/cases/steps/<name>.html), if any.
    has_form: bool = False
    # What the case page shows before the move (e.g. why registering needs a justification).
    concerns: Callable[[Case], list[str]] | None = None

    FORM_DIR: ClassVar[str] = "cases/steps"

    @property
    def form_template(self) -> str:
        return f"{self.FORM_DIR}/{self.name}.html" if self.has_form else ""

    def parse(self, payload: Mapping[str, Any] | StepInput | None) -> StepInput:
        if isinstance(payload, StepInput):
            return payload
        return self.input.parse(payload or {})

    def run(self, ctx: StepContext, data: StepInput) -> StepResult:
        return self.handler(ctx, data) if self.handler is not None else StepResult()


def with_reason(data: StepInput, reason: str) -> StepInput:
    """The input with a reason filled in (the system's escalation says why)."""
    return data if data.reason else dataclasses.replace(data, reason=reason)
