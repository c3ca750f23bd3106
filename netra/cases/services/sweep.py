"""The periodic job that makes legal clocks act (Celery beat → `cases.deadlines_sweep`).

Three passes, each over its own candidates, each deadline in its own transaction:

1. **Breach**: a running clock past its due time becomes BREACHED (timeline event, audit row,
   `deadline_breached` → the responsible office is notified).
2. **Remind**: a running clock due within `NETRA_DEADLINE_REMIND_BEFORE_HOURS` is announced once
   (`reminded_at`; `deadline_reminder_due`).
3. **Escalate**: a breached clock goes once to the level above (`escalated_at`/`escalated_to`, an
   ESCALATION participant, `deadline_escalated`):
   - a Bawaslu office's clock → its parent Bawaslu (kab/kota → provinsi → RI);
   - the oversight body's Satgas verification → the other Satgas Netralitas members (KemenPANRB,
     Kemendagri; alur BKN 2024), else the body's parent office;
   - the PPK's follow-up → the oversight body that recommended (`case.recipient`) and, while the case
     is still RECOMMENDED, the automatic `escalate` transition (UU 5/2014 Pasal 33: the oversight body
     acts when the PPK does not).

Idempotent: every pass re-reads its condition under `SELECT … FOR UPDATE SKIP LOCKED`, so a second run
(or a concurrent one on another worker) finds nothing left to do. One failing row is logged and
rolled back alone; the others go on.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.agencies.models import Agency, AgencyFamily, AgencyKind
from netra.audit.services import audit_record
from netra.cases.models import (
    Case,
    CaseEvent,
    CaseState,
    Deadline,
    DeadlineState,
    EventKind,
    Participant,
    ParticipantRole,
)
from netra.cases.signals import deadline_breached, deadline_escalated, deadline_reminder_due
from netra.clocks.models import DeadlineKind
from netra.core.services import in_record_language
from netra.regions.timezones import in_office_tz

logger = logging.getLogger(__name__)

# The reporter's own windows: their lapse is not the office's fault, so they are marked and announced
# to the office but neither reminded nor escalated.
REPORTER_CLOCKS = (DeadlineKind.FILING_WINDOW, DeadlineKind.COMPLETION_WINDOW)
SATGAS_MEMBER_KINDS = (AgencyKind.KEMENPANRB, AgencyKind.KEMENDAGRI)
BATCH = 500


@dataclass
class SweepResult:
    breached: list[int] = field(default_factory=list)
    reminded: list[int] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)
    cases_escalated: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return len(self.breached) + len(self.reminded) + len(self.escalated)


@in_record_language
def deadlines_sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """Breach, remind and escalate what is due at `now` (default: the current time)."""
    now = now or timezone.now()
    result = SweepResult()
    remind_until = now + dt.timedelta(hours=float(settings.NETRA_DEADLINE_REMIND_BEFORE_HOURS))
    running = Deadline.objects.filter(state=DeadlineState.OPEN, case__state__in=_open_states())

    overdue = running.filter(due_at__lte=now)
    _each(overdue, lambda d: _breach(d, now), result.breached, result)

    soon = running.filter(due_at__gt=now, due_at__lte=remind_until, reminded_at__isnull=True).exclude(
        kind__in=REPORTER_CLOCKS
    )
    _each(soon, lambda d: _remind(d, now), result.reminded, result)

    unescalated = Deadline.objects.filter(state=DeadlineState.BREACHED, escalated_at__isnull=True).exclude(
        kind__in=REPORTER_CLOCKS
    )
    _each(unescalated, lambda d: _escalate(d, now, result), result.escalated, result)
    if result.changed or result.failed:
        logger.info(
            "deadlines_sweep: %s breached, %s reminded, %s escalated (%s cases), %s failed",
            len(result.breached),
            len(result.reminded),
            len(result.escalated),
            len(result.cases_escalated),
            len(result.failed),
        )
    return result


def _open_states() -> list[str]:
    return [s for s in CaseState.values if s not in (CaseState.CLOSED, CaseState.STOPPED, CaseState.MERGED)]


def _each(candidates, act: Callable[[Deadline], bool], done: list[int], result: SweepResult) -> None:
    """Run `act` on each candidate in its own transaction, re-checking the candidate's condition under a
    row lock that concurrent sweeps skip. A failure rolls back that deadline only."""
    ids = list(candidates.order_by("due_at", "pk").values_list("pk", flat=True)[:BATCH])
    for pk in ids:
        try:
            with transaction.atomic():
                deadline = (
                    candidates.select_for_update(skip_locked=True, of=("self",))
                    .select_related("case", "agency", "agency__parent")
                    .filter(pk=pk)
                    .first()
                )
                if deadline is None:  # done meanwhile, or another sweep holds it
                    continue
                if act(deadline):
                    done.append(pk)
        except Exception:
            logger.exception("deadlines_sweep: deadline %s failed", pk)
            result.failed.append(pk)


def _breach(deadline: Deadline, now: dt.datetime) -> bool:
    case = deadline.case
    deadline.state = DeadlineState.BREACHED
    deadline.breached_at = deadline.due_at
    deadline.save(update_fields=["state", "breached_at"])
    event = CaseEvent.objects.create(
        case=case,
        kind=EventKind.DEADLINE,
        agency=deadline.agency,
        text=_("Tenggat terlewat: %(kind)s. Batasnya %(due)s, belum diselesaikan oleh %(agency)s.")
        % {
            "kind": deadline.get_kind_display(),
            "due": _local(deadline.due_at, deadline.agency),
            "agency": deadline.agency,
        },
        data={"deadline_id": deadline.pk, "kind": deadline.kind, "breached": True},
    )
    audit_record(
        actor=None,
        action="deadline.breach",
        instance=deadline,
        before={"state": DeadlineState.OPEN},
        after={"state": deadline.state, "breached_at": deadline.breached_at, "detected_at": now},
    )
    deadline_breached.send(sender=Deadline, case=case, kind=deadline.kind, deadline=deadline, event=event)
    return True


def _remind(deadline: Deadline, now: dt.datetime) -> bool:
    deadline.reminded_at = now
    deadline.save(update_fields=["reminded_at"])
    CaseEvent.objects.create(
        case=deadline.case,
        kind=EventKind.DEADLINE,
        agency=deadline.agency,
        text=_("Pengingat dikirim kepada %(agency)s: tenggat %(kind)s berakhir %(due)s.")
        % {
            "agency": deadline.agency,
            "kind": deadline.get_kind_display(),
            "due": _local(deadline.due_at, deadline.agency),
        },
        data={"deadline_id": deadline.pk, "kind": deadline.kind, "reminder": True},
    )
    audit_record(actor=None, action="deadline.remind", instance=deadline, after={"reminded_at": now})
    deadline_reminder_due.send(sender=Deadline, case=deadline.case, deadline=deadline)
    return True


def escalation_targets(deadline: Deadline) -> list[Agency]:
    """The level above the office responsible for `deadline` (see the module docstring)."""
    agency, case = deadline.agency, deadline.case
    if deadline.kind == DeadlineKind.PPK_FOLLOW_UP:
        return [case.recipient] if case.recipient and case.recipient.is_active else []
    if deadline.kind == DeadlineKind.SATGAS_VERIFICATION:
        members = list(
            Agency.objects.filter(kind__in=SATGAS_MEMBER_KINDS, is_active=True)
            .exclude(pk=agency.pk)
            .order_by("kind", "pk")
        )
        if members:
            return members
    parent = agency.parent
    while parent is not None and not parent.is_active:
        parent = parent.parent
    if parent is None:
        return []
    if agency.family == AgencyFamily.BAWASLU and parent.family != AgencyFamily.BAWASLU:
        return []
    return [parent]


def _escalate(deadline: Deadline, now: dt.datetime, result: SweepResult) -> bool:
    from netra.cases.services.transitions import case_transition

    case = deadline.case
    targets = escalation_targets(deadline)
    deadline.escalated_at = now
    deadline.escalated_to = targets[0] if targets else None
    deadline.save(update_fields=["escalated_at", "escalated_to"])
    for agency in targets:
        Participant.objects.get_or_create(
            case=case, agency=agency, role=ParticipantRole.ESCALATION, user=None, defaults={"active": True}
        )
    if targets:
        text = _("Tenggat %(kind)s terlewat: dieskalasikan kepada %(to)s.") % {
            "kind": deadline.get_kind_display(),
            "to": ", ".join(str(a) for a in targets),
        }
    else:
        text = _("Tenggat %(kind)s terlewat; tidak ada tingkat di atas %(agency)s untuk eskalasi.") % {
            "kind": deadline.get_kind_display(),
            "agency": deadline.agency,
        }
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.DEADLINE,
        agency=deadline.agency,
        text=text,
        data={"deadline_id": deadline.pk, "kind": deadline.kind, "escalated_to": [a.pk for a in targets]},
    )
    audit_record(
        actor=None,
        action="deadline.escalate",
        instance=deadline,
        after={"escalated_at": now, "escalated_to": [a.pk for a in targets]},
    )
    if targets:
        deadline_escalated.send(sender=Deadline, case=case, deadline=deadline, agencies=targets)
    if (
        deadline.kind == DeadlineKind.PPK_FOLLOW_UP
        and Case.objects.filter(pk=case.pk, state=CaseState.RECOMMENDED).exists()
    ):
        case_transition(
            case_id=case.pk,
            user=None,
            name="escalate",
            now=now,
            system_reason=_("PPK %(ppk)s belum menindaklanjuti rekomendasi sampai %(due)s.")
            % {"ppk": deadline.agency, "due": _local(deadline.due_at, deadline.agency)},
        )
        result.cases_escalated.append(case.pk)
    return True


def _local(moment: dt.datetime, agency: Agency) -> str:
    return in_office_tz(moment, agency.timezone)
