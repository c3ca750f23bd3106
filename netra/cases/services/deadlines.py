"""Open, meet, extend and cancel a case's legal clocks (`Deadline` rows).

Every due time comes from `netra.clocks.selectors.deadline_for`, in the responsible office's time zone
with its holidays. A clock without a configured rule (e.g. no election known) is not invented: the
timeline says so instead.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from netra.agencies.models import Agency
from netra.cases.models import Case, CaseEvent, Deadline, DeadlineState, EventKind
from netra.clocks.models import DeadlineKind
from netra.clocks.selectors import RuleNotFoundError, deadline_for, deadline_rule_get
from netra.core.exceptions import ApplicationError
from netra.regions.timezones import in_office_tz

OPEN_STATES = (DeadlineState.OPEN, DeadlineState.BREACHED)


def deadline_open(
    *, case: Case, kind: str, start: dt.datetime, agency: Agency, actor=None
) -> Deadline | None:
    """Start clock `kind` for `agency` at `start`. Returns None (and notes it) when no rule applies."""
    election_kind = case.election.kind if case.election else ""
    try:
        rule = deadline_rule_get(kind=kind, election_kind=election_kind)
    except RuleNotFoundError:
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.DEADLINE,
            actor=actor,
            text=_("Tenggat %(kind)s tidak dihitung: belum ada aturan untuk jenis pemilihan ini.")
            % {"kind": DeadlineKind(kind).label},
            data={"kind": kind, "no_rule": True},
        )
        return None
    result = deadline_for(kind, start, case.election, agency, rule=rule)
    deadline = Deadline.objects.create(
        case=case,
        kind=kind,
        agency=agency,
        starts_at=start,
        due_at=result.due_at,
        rule=rule,
        basis=rule.legal_basis,
        explanation=result.explanation,
    )
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.DEADLINE,
        actor=actor,
        agency=agency,
        text=_("Tenggat dimulai: %(kind)s, paling lambat %(due)s (%(agency)s).")
        % {"kind": deadline.get_kind_display(), "due": _fmt_local(result.due_at, agency), "agency": agency},
        data={"kind": kind, "deadline_id": deadline.pk, "due_at": result.due_at.isoformat()},
    )
    return deadline


def deadline_record_closed(
    *, case: Case, kind: str, start: dt.datetime, end: dt.datetime, agency: Agency
) -> None:
    """A clock that ran before the case existed (the reporter's filing window): kept as met or late."""
    election_kind = case.election.kind if case.election else ""
    try:
        rule = deadline_rule_get(kind=kind, election_kind=election_kind)
    except RuleNotFoundError:
        return
    result = deadline_for(kind, start, case.election, agency, rule=rule)
    late = end > result.due_at
    Deadline.objects.create(
        case=case,
        kind=kind,
        agency=agency,
        starts_at=start,
        due_at=result.due_at,
        rule=rule,
        basis=rule.legal_basis,
        explanation=result.explanation,
        state=DeadlineState.MET_LATE if late else DeadlineState.MET,
        met_at=end,
        breached_at=result.due_at if late else None,
    )


def deadlines_meet(*, case: Case, kinds: tuple[str, ...], now: dt.datetime) -> list[Deadline]:
    """The stage's work is done: running clocks of `kinds` are met (late if already breached)."""
    met = []
    for deadline in case.deadlines.filter(kind__in=kinds, state__in=OPEN_STATES):
        late = deadline.state == DeadlineState.BREACHED or now > deadline.due_at
        deadline.state = DeadlineState.MET_LATE if late else DeadlineState.MET
        deadline.met_at = now
        if late and deadline.breached_at is None:
            deadline.breached_at = deadline.due_at
        deadline.save(update_fields=["state", "met_at", "breached_at"])
        met.append(deadline)
    return met


def deadlines_cancel(*, case: Case, now: dt.datetime) -> int:
    """The case ended (stopped, merged, closed): clocks still running no longer apply."""
    return case.deadlines.filter(state=DeadlineState.OPEN).update(state=DeadlineState.CANCELLED, met_at=now)


def deadline_extend(*, case: Case, actor, reason: str, now: dt.datetime | None = None) -> Deadline | None:
    """Additional information is needed (UU 7/2017 Pasal 454 ayat 8; UU 1/2015 Pasal 134): the
    follow-up clock becomes the extended one, counted from the same registration moment."""
    now = now or timezone.now()
    if not reason.strip():
        raise ApplicationError(_("Alasan perpanjangan wajib diisi."), extra={"field": "reason"})
    current = case.deadlines.filter(kind=DeadlineKind.FOLLOW_UP, state__in=OPEN_STATES).first()
    if current is None:
        raise ApplicationError(
            _("Tidak ada tenggat tindak lanjut yang berjalan untuk diperpanjang."), code="no_running_clock"
        )
    current.state = DeadlineState.CANCELLED
    current.met_at = now
    current.save(update_fields=["state", "met_at"])
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.DEADLINE,
        actor=actor,
        agency=getattr(actor, "agency", None),
        text=_("Tenggat tindak lanjut diperpanjang karena memerlukan keterangan tambahan: %(reason)s")
        % {"reason": reason.strip()},
        data={"kind": DeadlineKind.FOLLOW_UP_EXTENDED, "reason": reason.strip()},
    )
    return deadline_open(
        case=case,
        kind=DeadlineKind.FOLLOW_UP_EXTENDED,
        start=current.starts_at,
        agency=current.agency,
        actor=actor,
    )


def _fmt_local(moment: dt.datetime, agency: Agency) -> str:
    return in_office_tz(moment, agency.timezone)
