"""The one service that changes `Case.state`: authorise, check the edge, run the step, set the state, timeline and audit, effects."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.cases import workflow
from netra.cases.models import (
    TERMINAL_STATES,
    Case,
    CaseState,
    DecisionOutcome,
    EventKind,
    StopReason,
)
from netra.cases.services.common import case_bump, case_lock_for, check_version, event_add, now_or
from netra.cases.services.deadlines import (
    deadline_open,
    deadlines_cancel,
    deadlines_meet,
)
from netra.cases.services.steps import _decide, _forward, _recommend, _record_sanction, _register
from netra.cases.signals import case_transitioned, sanction_below_recommendation
from netra.clocks.models import DeadlineKind
from netra.core.clock import recorded_at
from netra.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from netra.core.scoping import scope_for
from netra.core.services import in_record_language


def transitions_for_user(*, case: Case, user) -> list[workflow.Transition]:
    """The moves this user may make now (for buttons and the API's `allowed_transitions`)."""
    return [t for t in workflow.transitions_from(case) if _refusal(t, user) is None]


def _refusal(transition: workflow.Transition, user) -> PermissionDeniedError | None:
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
    payload: dict | None = None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
    system_reason: str = "",
) -> Case:
    """Move a case along the workflow table. `user=None` is the system (deadline escalation) and may
    only make moves the table gives to no person in particular (escalate); it must say why."""
    now = now_or(now)
    payload = dict(payload or {})
    transition = workflow.transition_get(name)
    if transition is None:
        raise ApplicationError(
            _("Langkah tidak dikenal: %(name)s.") % {"name": name}, code="unknown_transition"
        )
    with transaction.atomic(), recorded_at(now):
        case = case_lock_for(case_id=case_id, user=user)
        check_version(case, expected_version)
        if user is None:
            if name != "escalate" or not system_reason:
                raise PermissionDeniedError(_("Langkah ini harus dilakukan oleh petugas."))
            payload.setdefault("reason", system_reason)
        elif (refusal := _refusal(transition, user)) is not None:
            raise refusal
        if case.state not in transition.sources:
            raise ConflictError(
                _("Langkah “%(move)s” tidak dapat dilakukan pada tahap “%(state)s”.")
                % {"move": transition.label, "state": case.get_state_display()},
                code="invalid_transition",
            )
        if transition.guard is not None and not transition.guard(case) and name not in _GUARD_AFTER_PAYLOAD:
            raise ConflictError(str(transition.guard_message), code="invalid_transition")
        for key in transition.requires:
            value = payload.get(key)
            if value in (None, "", [], {}):
                raise ApplicationError(
                    _("%(field)s wajib diisi untuk langkah ini.") % {"field": workflow.field_label(key)},
                    extra={"field": key},
                )
        before_state = case.state
        handler = _HANDLERS.get(name)
        side = handler(case=case, user=user, payload=payload, now=now) if handler else {}
        if transition.guard is not None and name in _GUARD_AFTER_PAYLOAD and not transition.guard(case):
            raise ConflictError(str(transition.guard_message), code="invalid_transition")
        target = transition.target or case.state_before_end or CaseState.STUDY
        if target in TERMINAL_STATES and before_state not in TERMINAL_STATES:
            case.state_before_end = before_state
        case.state = target
        if target in TERMINAL_STATES:
            case.closed_at = now
            deadlines_meet(case=case, kinds=transition.closes, now=now)
            deadlines_cancel(case=case, now=now)
        else:
            case.closed_at = None
            deadlines_meet(case=case, kinds=transition.closes, now=now)
        if "stop_reason" in transition.extra:
            case.stop_reason = transition.extra["stop_reason"]
        elif name == "stop":
            case.stop_reason = (
                StopReason.NOT_VIOLATION
                if case.decision_outcome == DecisionOutcome.NOT_VIOLATION
                else StopReason.NOT_PROVEN
            )
        case_bump(case, "state", "state_before_end", "closed_at", "stop_reason", *side.get("fields", ()))
        reason = str(payload.get("reason", "")).strip()
        text = _("%(move)s: %(from)s → %(to)s.") % {
            "move": transition.label,
            "from": CaseState(before_state).label,
            "to": case.get_state_display(),
        }
        if side.get("text"):
            text = f"{text} {side['text']}"
        if reason:
            text = f"{text} {_('Alasan')}: {reason}"
        event = event_add(
            case,
            EventKind.TRANSITION,
            text,
            actor=user,
            data={"transition": name, "reason": reason, **side.get("data", {})},
            from_state=before_state,
            to_state=case.state,
            agency=side.get("agency"),
        )
        for kind in transition.opens:
            _open_clock(case=case, kind=kind, now=now, user=user, side=side)
        for kind in side.get("opens", ()):
            _open_clock(case=case, kind=kind, now=now, user=user, side=side)
        audit_record(
            actor=user,
            action=f"case.{name}",
            instance=case,
            before={"state": before_state},
            after={"state": case.state, "version": case.version, **side.get("data", {})},
        )
        case_transitioned.send(
            sender=Case, case=case, transition=transition, actor=user, payload=payload, event=event, now=now
        )
        for record in side.get("lighter", ()):
            sanction_below_recommendation.send(sender=Case, case=case, sanction=record, actor=user)
    return case


def _open_clock(*, case: Case, kind: str, now: dt.datetime, user, side: dict) -> None:
    if kind == DeadlineKind.PPK_FOLLOW_UP:
        for agency in side.get("employers", ()):
            deadline_open(case=case, kind=kind, start=now, agency=agency, actor=user)
        return
    agency = case.recipient if kind == DeadlineKind.SATGAS_VERIFICATION else case.office
    deadline_open(case=case, kind=kind, start=now, agency=agency, actor=user)


_HANDLERS = {
    "register": _register,
    "decide": _decide,
    "forward": _forward,
    "recommend": _recommend,
    "record_sanction": _record_sanction,
}
# Guards that depend on what the payload sets (none today; kept explicit).
_GUARD_AFTER_PAYLOAD: frozenset[str] = frozenset()
