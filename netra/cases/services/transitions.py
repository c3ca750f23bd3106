"""The one service that changes `Case.state`, as a short pipeline:

    authorise → check the edge → required input → the step's handler → set the state
    → timeline + audit → clocks → effects (explicit) → `case_transitioned` for other apps

What varies per move is declared in two places only: its row in `workflow.TRANSITIONS` (stages, who,
clocks) and its `netra.cases.steps` module (input, handler, effects, form).
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.cases import workflow
from netra.cases.models import TERMINAL_STATES, Case, CaseState, EventKind
from netra.cases.services.common import case_bump, case_lock_for, check_version, event_add, now_or
from netra.cases.services.deadlines import deadline_open, deadlines_cancel, deadlines_meet
from netra.cases.signals import case_transitioned, sanction_below_recommendation
from netra.cases.steps import StepContext, StepInput, StepResult, step_for
from netra.cases.steps.base import Step, with_reason
from netra.clocks.models import DeadlineKind
from netra.core.clock import recorded_at
from netra.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from netra.core.scoping import scope_for
from netra.core.services import in_record_language


def transitions_for_user(*, case: Case, user) -> list[workflow.Transition]:
    """The moves this user may make now (for buttons and the API's `allowed_transitions`)."""
    return [t for t in workflow.transitions_from(case) if transition_refusal(t, user) is None]


def transition_refusal(transition: workflow.Transition, user) -> PermissionDeniedError | None:
    """Why this user may not make this move at all (whatever the case's stage), or None."""
    if not scope_for(user).acts_as(*transition.families):
        return PermissionDeniedError(_("Tahap ini bukan kewenangan instansi Anda."), code="not_your_stage")
    if not user.has_perm(transition.permission):
        return PermissionDeniedError(_("Anda tidak berwenang melakukan langkah ini."), code="no_permission")
    return None


@in_record_language
def case_transition(
    *,
    case_id: int,
    user,
    name: str,
    payload: Mapping[str, Any] | StepInput | None = None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
    system_reason: str = "",
) -> Case:
    """Move a case along the workflow table. `payload` is the move's input: its step's dataclass, or
    the same as a mapping (the page's form and the API). `user=None` is the system (deadline escalation)
    and may only make moves the table gives to the system; it must say why."""
    now = now_or(now)
    transition = _transition(name)
    step = step_for(name)
    with transaction.atomic(), recorded_at(now):
        case = case_lock_for(case_id=case_id, user=user)
        check_version(case, expected_version)
        _authorise(transition, user, system_reason)
        _check_edge(case, transition)
        data = step.parse(payload)
        if user is None:
            data = with_reason(data, system_reason)
        _check_required(transition, data)
        ctx = StepContext(case=case, user=user, now=now, name=name)
        before = case.state
        result = step.run(ctx, data)
        _set_state(case, transition, before, now)
        case_bump(case, "state", "state_before_end", "closed_at", "stop_reason", *result.fields)
        _timeline(ctx, transition, before, data, result)
        _open_clocks(ctx, transition, result)
        _audit(ctx, before, result)
        _effects(ctx, step, data, result)
        case_transitioned.send(
            sender=Case, case=case, transition=transition, actor=user, result=result, now=now
        )
        for record in result.lighter_sanctions:
            sanction_below_recommendation.send(sender=Case, case=case, sanction=record, actor=user)
    return case


def _transition(name: str) -> workflow.Transition:
    transition = workflow.transition_get(name)
    if transition is None:
        raise ApplicationError(
            _("Langkah tidak dikenal: %(name)s.") % {"name": name}, code="unknown_transition"
        )
    return transition


def _authorise(transition: workflow.Transition, user, system_reason: str) -> None:
    if user is None:
        if not transition.by_system or not system_reason:
            raise PermissionDeniedError(_("Langkah ini harus dilakukan oleh petugas."))
    elif (refusal := transition_refusal(transition, user)) is not None:
        raise refusal


def _check_edge(case: Case, transition: workflow.Transition) -> None:
    if case.state not in transition.sources:
        raise ConflictError(
            _("Langkah “%(move)s” tidak dapat dilakukan pada tahap “%(state)s”.")
            % {"move": transition.label, "state": case.get_state_display()},
            code="invalid_transition",
        )
    if transition.guard is not None and not transition.guard(case):
        raise ConflictError(str(transition.guard_message), code="invalid_transition")


def _check_required(transition: workflow.Transition, data: StepInput) -> None:
    for key in transition.requires:
        if not data.given(key):
            raise ApplicationError(
                _("%(field)s wajib diisi untuk langkah ini.") % {"field": workflow.field_label(key)},
                extra={"field": key},
            )


def _set_state(case: Case, transition: workflow.Transition, before: str, now: dt.datetime) -> None:
    """The target stage (a reopened case returns to where it ended), closing or reopening, the clocks
    the move meets, and the stop reason the table gives."""
    target = transition.target or case.state_before_end or CaseState.STUDY
    if target in TERMINAL_STATES and before not in TERMINAL_STATES:
        case.state_before_end = before
    case.state = target
    case.closed_at = now if target in TERMINAL_STATES else None
    deadlines_meet(case=case, kinds=transition.closes, now=now)
    if target in TERMINAL_STATES:
        deadlines_cancel(case=case, now=now)
    if transition.stop_reason:
        case.stop_reason = transition.stop_reason


def _timeline(
    ctx: StepContext, transition: workflow.Transition, before: str, data: StepInput, result: StepResult
) -> None:
    """The move's line on the case's timeline."""
    case = ctx.case
    text = _("%(move)s: %(from)s → %(to)s.") % {
        "move": transition.label,
        "from": CaseState(before).label,
        "to": case.get_state_display(),
    }
    if result.text:
        text = f"{text} {result.text}"
    if data.reason:
        text = f"{text} {_('Alasan')}: {data.reason}"
    event_add(
        case,
        EventKind.TRANSITION,
        text,
        actor=ctx.user,
        data={"transition": ctx.name, "reason": data.reason, **result.data},
        from_state=before,
        to_state=case.state,
    )


def _audit(ctx: StepContext, before: str, result: StepResult) -> None:
    case = ctx.case
    audit_record(
        actor=ctx.user,
        action=f"case.{ctx.name}",
        instance=case,
        before={"state": before},
        after={"state": case.state, "version": case.version, **result.data},
    )


def _open_clocks(ctx: StepContext, transition: workflow.Transition, result: StepResult) -> None:
    """The table's clocks and those the input opened; the PPK's follow-up runs per addressed PPK."""
    case = ctx.case
    for kind in (*transition.opens, *result.opens):
        if kind == DeadlineKind.PPK_FOLLOW_UP:
            agencies = list(result.employers)
        elif kind == DeadlineKind.SATGAS_VERIFICATION:
            agencies = [case.recipient] if case.recipient else []
        else:
            agencies = [case.office]
        for agency in agencies:
            deadline_open(case=case, kind=kind, start=ctx.now, agency=agency, actor=ctx.user)


def _effects(ctx: StepContext, step: Step, data: StepInput, result: StepResult) -> None:
    """The step's own effects (letters, messages), then what every move does: reporters see their
    case's stage in plain words."""
    from netra.cases.services.reporters import reports_sync

    for effect in step.effects:
        effect(ctx, data, result)
    reports_sync(case=ctx.case, user=ctx.user)
