"""A working-day calendar: pure, built from a set of holiday dates (no database access)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

SATURDAY, SUNDAY = 5, 6
_MAX_SCAN_DAYS = 3660  # ten years: protects against a calendar with no working days at all


@dataclass(frozen=True)
class WorkingCalendar:
    """Weekends and holidays are closed days; cuti bersama count as closed only if asked to."""

    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    joint_leave: frozenset[dt.date] = field(default_factory=frozenset)
    weekend: frozenset[int] = frozenset({SATURDAY, SUNDAY})
    names: dict[dt.date, str] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_days(
        cls,
        holidays: Iterable[dt.date] = (),
        joint_leave: Iterable[dt.date] = (),
        names: dict[dt.date, str] | None = None,
    ) -> "WorkingCalendar":
        return cls(holidays=frozenset(holidays), joint_leave=frozenset(joint_leave), names=dict(names or {}))

    def is_working_day(self, day: dt.date, *, joint_leave_closed: bool = True) -> bool:
        if day.weekday() in self.weekend or day in self.holidays:
            return False
        return not (joint_leave_closed and day in self.joint_leave)

    def add_working_days(self, start: dt.date, n: int, *, joint_leave_closed: bool = True) -> dt.date:
        """The n-th working day after `start` (start itself not counted). n=0 returns `start`."""
        if n < 0:
            raise ValueError("n must be >= 0")
        day, counted = start, 0
        for _ in range(_MAX_SCAN_DAYS):
            if counted == n:
                return day
            day += dt.timedelta(days=1)
            if self.is_working_day(day, joint_leave_closed=joint_leave_closed):
                counted += 1
        raise ValueError("No working days found within ten years")

    def next_working_day(self, day: dt.date, *, joint_leave_closed: bool = True) -> dt.date:
        """`day` if it is a working day, else the first working day after it."""
        if self.is_working_day(day, joint_leave_closed=joint_leave_closed):
            return day
        return self.add_working_days(day, 1, joint_leave_closed=joint_leave_closed)

    def previous_working_day(self, day: dt.date, *, joint_leave_closed: bool = True) -> dt.date:
        """`day` if it is a working day, else the last working day before it."""
        for _ in range(_MAX_SCAN_DAYS):
            if self.is_working_day(day, joint_leave_closed=joint_leave_closed):
                return day
            day -= dt.timedelta(days=1)
        raise ValueError("No working days found within ten years")

    def closed_days_between(
        self, start: dt.date, end: dt.date, *, joint_leave_closed: bool = True
    ) -> list[dt.date]:
        """Closed days strictly after `start` up to and including `end` (for explanations)."""
        days, day = [], start
        while day < end:
            day += dt.timedelta(days=1)
            if not self.is_working_day(day, joint_leave_closed=joint_leave_closed):
                days.append(day)
        return days
