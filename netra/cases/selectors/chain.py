"""Where a case stands in the chain Bawaslu → oversight body → PPK (issue 14): the case page's stepper
and the printable summary. Pure: it reads only what the case page has already loaded (the case with
its office and recipient, its clocks with their statuses, its terlapor with their recommendations), so
it adds no query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from netra.cases import workflow
from netra.cases.models import Case, CaseState
from netra.cases.models import DeadlineState as D
from netra.rules.models import Destination

S = CaseState
# The chain's steps, in order: which case states mean the case is at that step.
PHASE_OF_STATE: dict[str, int] = {
    **{s: 0 for s, owner in workflow.STAGE_OWNER.items() if owner == workflow.BAWASLU},
    S.FORWARDED: 1,
    S.EXAMINATION: 1,
    S.RECOMMENDED: 2,
    S.ESCALATED: 2,
    S.SANCTIONED: 2,
    S.CLOSED: 3,
    S.STOPPED: 3,
    S.MERGED: 3,
}
RUNNING = (D.OPEN, D.BREACHED)


@dataclass
class ChainStep:
    key: str  # bawaslu | oversight | recipient | ppk | end
    label: str
    status: str  # done | current | upcoming | skipped
    holder: str  # who holds the case at this step
    since: dt.datetime | None = None
    clock: object | None = None  # the running Deadline (with `.status`) of the current step

    @property
    def is_current(self) -> bool:
        return self.status == "current"


def _employers(subjects) -> list[str]:
    seen: list[str] = []
    for s in subjects:
        for r in s.recommendations.all():
            name = str(r.addressed_to)
            if name not in seen:
                seen.append(name)
    return seen


def _first_recommendation_at(subjects) -> dt.datetime | None:
    times = [r.created_at for s in subjects for r in s.recommendations.all()]
    return min(times) if times else None


def _statuses(case: Case, reached: list[bool]) -> list[str]:
    """done / current / upcoming for an open case; for an ended one, done where it got to, skipped after."""
    phase = PHASE_OF_STATE.get(case.state, 0)
    statuses = []
    for i, got_there in enumerate(reached):
        if case.is_open:
            statuses.append("done" if i < phase else "current" if i == phase else "upcoming")
        elif i == len(reached) - 1:
            statuses.append("current")
        else:
            statuses.append("done" if got_there else "skipped")
    return statuses


def case_chain(*, case: Case, subjects: list, deadlines: list) -> list[ChainStep]:
    """The steps of this case's chain with their holder, start and (for the current one) the clock."""
    to_oversight = case.destination in ("", Destination.OVERSIGHT_BODY)
    employers = _employers(subjects)
    recommended_at = _first_recommendation_at(subjects)
    steps = [
        ChainStep("bawaslu", _("Bawaslu"), "", str(case.office), case.created_at),
        ChainStep(
            "oversight" if to_oversight else "recipient",
            _("Pengawas ASN") if to_oversight else _("Penerima penerusan"),
            "",
            str(case.recipient) if case.recipient_id else _("belum diteruskan"),
            case.forwarded_at,
        ),
    ]
    if to_oversight:
        steps.append(
            ChainStep("ppk", _("PPK"), "", ", ".join(employers) or _("belum ada rekomendasi"), recommended_at)
        )
    end = ChainStep(
        "end", _("Selesai"), "", case.get_state_display() if not case.is_open else "—", case.closed_at
    )
    steps.append(end)
    reached = [True, case.forwarded_at is not None, recommended_at is not None][: len(steps) - 1] + [True]
    for step, status in zip(steps, _statuses(case, reached), strict=True):
        step.status = status
    current = next((s for s in steps if s.is_current), None)
    running = sorted((d for d in deadlines if d.state in RUNNING), key=lambda d: d.due_at)
    if current is not None and case.is_open and running:
        current.clock = running[0]
    return steps
