"""Deadline arithmetic: a pure function of (start, rule, zone, calendar, intake hours, election days).

Kept free of the database so that it can be tested exhaustively against hand-computed dates; the
`deadline_for` selector gathers these inputs from the database and calls `compute_deadline`.
"""

import datetime as dt
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netra.clocks.calendar import WorkingCalendar
from netra.regions.timezones import zone_abbreviation

END_OF_DAY = dt.time(23, 59, 59)


@dataclass(frozen=True)
class ClockSpec:
    """The parts of a DeadlineRule the arithmetic needs (so tests need no database)."""

    amount: int
    unit: str  # "calendar_days" | "working_days" | "hours"
    ends_at: str = "end_of_day"  # | "office_close"
    # If the last day is one the office is closed: False = the period stands (it ends on its last day);
    # True = it rolls forward to the next day the office is open. Never backwards: an office's hours
    # cannot shorten a statutory period (UU 12/2011 Pasal 7, hierarchy of legislation).
    roll_to_working_day: bool = False
    cuti_bersama_is_holiday: bool = True
    # False: the start day (day of knowledge/receipt) is not counted, day 1 is the day after it (Netra's
    # reading of "sejak"/"setelah"); True: the start day is day 1 (the reading of Bawaslu Kab. Bogor, 2019).
    counts_start_day: bool = False
    legal_basis: str = ""
    verification: str = "verified"

    @classmethod
    def from_rule(cls, rule) -> "ClockSpec":
        return cls(
            amount=rule.amount,
            unit=rule.unit,
            ends_at=rule.ends_at,
            roll_to_working_day=rule.roll_to_working_day,
            cuti_bersama_is_holiday=rule.cuti_bersama_is_holiday,
            counts_start_day=rule.counts_start_day,
            legal_basis=rule.legal_basis,
            verification=rule.verification,
        )


# weekday (0 = Monday) → (opens, closes)
IntakeSchedule = Mapping[int, tuple[dt.time, dt.time]]


@dataclass(frozen=True)
class DeadlineResult:
    due_at: dt.datetime  # aware, in the office's zone
    start_local: dt.datetime
    timezone: str
    spec: ClockSpec
    closed_days: tuple[dt.date, ...] = field(default=())
    explanation: str = ""

    @property
    def due_date(self) -> dt.date:
        return self.due_at.date()


def _fmt(moment: dt.datetime, tz_name: str) -> str:
    return f"{formats.date_format(moment, 'l, j F Y H.i')} {zone_abbreviation(tz_name)}"


def compute_deadline(
    *,
    start: dt.datetime,
    spec: ClockSpec,
    tz_name: str,
    calendar: WorkingCalendar,
    intake: IntakeSchedule | None = None,
    round_the_clock: Callable[[dt.date], bool] = lambda day: False,
) -> DeadlineResult:
    """When a step that starts at `start` must be done, in the office's zone `tz_name`."""
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    if spec.amount <= 0:
        raise ValueError("amount must be positive")
    tz = zoneinfo.ZoneInfo(tz_name)
    start_local = start.astimezone(tz)
    if spec.unit == "hours":
        return _hours_deadline(start_local, spec, tz_name)

    closed_joint = spec.cuti_bersama_is_holiday
    start_day = start_local.date()
    first_day = _first_counted_day(start_day, spec, calendar)
    nominal_day = _last_counted_day(first_day, spec, calendar)
    due_day, due_time, shift_note = _period_end(nominal_day, spec, calendar, intake, round_the_clock)
    due = dt.datetime.combine(due_day, due_time, tzinfo=tz)
    closed = tuple(calendar.closed_days_between(start_day, nominal_day, joint_leave_closed=closed_joint))
    explanation = _days_explanation(
        spec=spec,
        start_local=start_local,
        first_day=first_day,
        due=due,
        tz_name=tz_name,
        closed_count=len(closed),
        shift_note=shift_note,
    )
    return DeadlineResult(due, start_local, tz_name, spec, closed, explanation)


def _hours_deadline(start_local: dt.datetime, spec: ClockSpec, tz_name: str) -> DeadlineResult:
    """A period in hours runs round the clock from the start: no calendar, no office hours."""
    due = start_local + dt.timedelta(hours=spec.amount)
    explanation = ngettext(
        "%(n)s jam sejak %(start)s → %(due)s", "%(n)s jam sejak %(start)s → %(due)s", spec.amount
    ) % {
        "n": spec.amount,
        "start": _fmt(start_local, tz_name),
        "due": _fmt(due, tz_name),
    }
    return DeadlineResult(due, start_local, tz_name, spec, (), explanation)


def _last_counted_day(first_day: dt.date, spec: ClockSpec, calendar: WorkingCalendar) -> dt.date:
    """The period's last day (`amount` calendar or working days from day 1), before any roll forward."""
    if spec.unit == "calendar_days":
        return first_day + dt.timedelta(days=spec.amount - 1)
    if spec.unit == "working_days":
        return calendar.add_working_days(
            first_day, spec.amount - 1, joint_leave_closed=spec.cuti_bersama_is_holiday
        )
    raise ValueError(f"Unknown unit {spec.unit!r}")


def _period_end(
    due_day: dt.date,
    spec: ClockSpec,
    calendar: WorkingCalendar,
    intake: IntakeSchedule | None,
    round_the_clock: Callable[[dt.date], bool],
) -> tuple[dt.date, dt.time, str]:
    """The day and time the period ends, and why it moved (if it did).

    The period ends on its last day (`due_day`). It never moves backwards: a walk-back to the last day the
    office was open would make the window shorter than the law gives (UU 10/2016 Pasal 134(4): 7 days; an
    office's intake hours, set by a Perbawaslu, cannot shorten it — UU 12/2011 Pasal 7).
    """
    closed_joint = spec.cuti_bersama_is_holiday
    if spec.ends_at != "office_close":
        if spec.roll_to_working_day and not calendar.is_working_day(due_day, joint_leave_closed=closed_joint):
            due_day = calendar.next_working_day(due_day, joint_leave_closed=closed_joint)
            return (
                due_day,
                END_OF_DAY,
                _("hari terakhir jatuh pada hari libur; digeser ke hari kerja berikutnya"),
            )
        return due_day, END_OF_DAY, ""
    if _office_open(due_day, calendar, intake, round_the_clock, closed_joint):
        return due_day, _office_end(due_day, intake, round_the_clock), ""
    if spec.roll_to_working_day:
        due_day = _next_open_day(due_day, calendar, intake, round_the_clock, closed_joint)
        note = _("hari terakhir kantor tutup; digeser ke hari kantor buka berikutnya")
        return due_day, _office_end(due_day, intake, round_the_clock), note
    return due_day, END_OF_DAY, _("hari terakhir kantor tutup; tenggat tetap pada hari terakhir")


def _office_end(
    day: dt.date, intake: IntakeSchedule | None, round_the_clock: Callable[[dt.date], bool]
) -> dt.time:
    """When an open office stops receiving on `day`: midnight on a round-the-clock day, else closing."""
    return END_OF_DAY if round_the_clock(day) else _closing(intake, day)


def _days_explanation(
    *,
    spec: ClockSpec,
    start_local: dt.datetime,
    first_day: dt.date,
    due: dt.datetime,
    tz_name: str,
    closed_count: int,
    shift_note: str,
) -> str:
    """The sentence shown beside a day-counted deadline: the count, the convention, what was skipped."""
    if spec.unit == "working_days":
        template = ngettext(
            "%(n)s hari kerja sejak %(start)s → %(due)s",
            "%(n)s hari kerja sejak %(start)s → %(due)s",
            spec.amount,
        )
    else:
        template = ngettext(
            "%(n)s hari sejak %(start)s → %(due)s", "%(n)s hari sejak %(start)s → %(due)s", spec.amount
        )
    explanation = template % {
        "n": spec.amount,
        "start": formats.date_format(start_local, "l, j F Y"),
        "due": _fmt(due, tz_name),
    }
    # Which day-counting convention produced the date (a per-rule setting, see docs/domain/clocks.md).
    if spec.counts_start_day:
        convention = _("hari mulai dihitung sebagai hari ke-1")
    else:
        convention = _("hari mulai tidak dihitung, hari ke-1 = %(day)s") % {
            "day": formats.date_format(first_day, "l, j F Y")
        }
    explanation += f" ({convention})"
    if spec.unit == "working_days" and closed_count:
        explanation += " " + _("(tidak termasuk %(k)s hari libur/akhir pekan)") % {"k": closed_count}
    if shift_note:
        explanation += f"; {shift_note}"
    return explanation


def _first_counted_day(start_day: dt.date, spec: ClockSpec, calendar: WorkingCalendar) -> dt.date:
    """Day 1 of the period. The start day is day 1 only when the rule counts it and, for working days,
    when it is itself a working day; otherwise day 1 is the first (working) day after it."""
    closed_joint = spec.cuti_bersama_is_holiday
    if spec.counts_start_day and (
        spec.unit != "working_days" or calendar.is_working_day(start_day, joint_leave_closed=closed_joint)
    ):
        return start_day
    if spec.unit == "working_days":
        return calendar.add_working_days(start_day, 1, joint_leave_closed=closed_joint)
    return start_day + dt.timedelta(days=1)


def _office_open(
    day: dt.date,
    calendar: WorkingCalendar,
    intake: IntakeSchedule | None,
    round_the_clock: Callable[[dt.date], bool],
    joint_leave_closed: bool,
) -> bool:
    """Does the office receive reports on `day` (round the clock, or a working day with intake hours)?"""
    if round_the_clock(day):
        return True
    return calendar.is_working_day(day, joint_leave_closed=joint_leave_closed) and (
        intake is None or day.weekday() in intake
    )


def _next_open_day(
    day: dt.date,
    calendar: WorkingCalendar,
    intake: IntakeSchedule | None,
    round_the_clock: Callable[[dt.date], bool],
    joint_leave_closed: bool,
) -> dt.date:
    """The first day after `day` on which the office receives reports."""
    probe = day + dt.timedelta(days=1)
    for _attempt in range(3660):
        if _office_open(probe, calendar, intake, round_the_clock, joint_leave_closed):
            return probe
        probe += dt.timedelta(days=1)
    raise ValueError("The office receives no reports within ten years")


def _closing(intake: IntakeSchedule | None, day: dt.date) -> dt.time:
    if intake and day.weekday() in intake:
        return intake[day.weekday()][1]
    return END_OF_DAY
