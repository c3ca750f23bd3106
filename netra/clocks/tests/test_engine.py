"""The pure deadline arithmetic, against dates computed by hand from the SKB 3 Menteri calendars.

2026 closures used below (lokal-id, SKB 1497/2025): 18 Mar (cuti bersama Nyepi), 19 Mar (Nyepi),
20 Mar (cuti Idulfitri), 21–22 Mar (Idulfitri, weekend), 23–24 Mar (cuti Idulfitri), 3 Apr (Wafat Yesus),
14 May (Kenaikan), 15 May (cuti bersama).
"""

import datetime as dt
import zoneinfo

import pytest

from netra.clocks.calendar import WorkingCalendar
from netra.clocks.engine import ClockSpec, compute_deadline

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WITA = zoneinfo.ZoneInfo("Asia/Makassar")
WIT = zoneinfo.ZoneInfo("Asia/Jayapura")

HOLIDAYS_2026 = {dt.date(2026, 3, d) for d in (19, 21, 22)} | {dt.date(2026, 4, 3), dt.date(2026, 5, 14)}
JOINT_2026 = {dt.date(2026, 3, d) for d in (18, 20, 23, 24)} | {dt.date(2026, 5, 15)}
CAL_2026 = WorkingCalendar.from_days(HOLIDAYS_2026, JOINT_2026)
INTAKE = {
    0: (dt.time(8), dt.time(16)),
    1: (dt.time(8), dt.time(16)),
    2: (dt.time(8), dt.time(16)),
    3: (dt.time(8), dt.time(16)),
    4: (dt.time(8), dt.time(16, 30)),
}


def working(n, **kw):
    return ClockSpec(amount=n, unit="working_days", **kw)


def calendar_days(n, **kw):
    return ClockSpec(amount=n, unit="calendar_days", **kw)


class TestWorkingCalendar:
    def test_weekend_and_holidays_are_closed(self):
        assert not CAL_2026.is_working_day(dt.date(2026, 3, 14))  # Saturday
        assert not CAL_2026.is_working_day(dt.date(2026, 3, 19))  # Nyepi
        assert not CAL_2026.is_working_day(dt.date(2026, 3, 18))  # cuti bersama
        assert CAL_2026.is_working_day(dt.date(2026, 3, 18), joint_leave_closed=False)
        assert CAL_2026.is_working_day(dt.date(2026, 3, 17))

    def test_add_working_days_does_not_count_the_start_day(self):
        assert CAL_2026.add_working_days(dt.date(2026, 3, 16), 1) == dt.date(2026, 3, 17)
        assert CAL_2026.add_working_days(dt.date(2026, 3, 16), 0) == dt.date(2026, 3, 16)

    def test_next_and_previous_working_day(self):
        assert CAL_2026.next_working_day(dt.date(2026, 3, 18)) == dt.date(2026, 3, 25)
        assert CAL_2026.previous_working_day(dt.date(2026, 3, 24)) == dt.date(2026, 3, 17)

    def test_negative_days_rejected(self):
        with pytest.raises(ValueError, match="n must be"):
            CAL_2026.add_working_days(dt.date(2026, 3, 16), -1)


class TestWorkingDays:
    def test_friday_before_a_holiday_week_wita_office(self):
        """Reported Friday 13 Mar 2026 in Balikpapan (WITA); 7 working days skip Nyepi and Lebaran:
        16(1) 17(2) [18–24 closed] 25(3) 26(4) 27(5) 30(6) 31(7) → Tuesday 31 Mar 23.59.59 WITA."""
        start = dt.datetime(2026, 3, 13, 10, 0, tzinfo=WITA)
        result = compute_deadline(start=start, spec=working(7), tz_name="Asia/Makassar", calendar=CAL_2026)
        assert result.due_at == dt.datetime(2026, 3, 31, 23, 59, 59, tzinfo=WITA)
        assert result.due_at.utcoffset() == dt.timedelta(hours=8)
        assert dt.date(2026, 3, 19) in result.closed_days
        assert "WITA" in result.explanation

    def test_cuti_bersama_counted_as_working_when_configured(self):
        """Same start, cuti bersama open: 16 17 18 20 23 24 25 → Wednesday 25 Mar."""
        start = dt.datetime(2026, 3, 13, 10, 0, tzinfo=WITA)
        spec = working(7, cuti_bersama_is_holiday=False)
        result = compute_deadline(start=start, spec=spec, tz_name="Asia/Makassar", calendar=CAL_2026)
        assert result.due_date == dt.date(2026, 3, 25)

    def test_thursday_before_ascension_long_weekend(self):
        """Wed 13 May 2026, 2 working days: 14 (Kenaikan) and 15 (cuti) closed, weekend → 18(1) 19(2)."""
        start = dt.datetime(2026, 5, 13, 9, 0, tzinfo=WIB)
        result = compute_deadline(start=start, spec=working(2), tz_name="Asia/Jakarta", calendar=CAL_2026)
        assert result.due_at == dt.datetime(2026, 5, 19, 23, 59, 59, tzinfo=WIB)

    def test_the_office_zone_decides_the_start_day(self):
        """16:30 UTC on Mon 16 Mar 2026 is still Monday 23.30 in Jakarta but Tuesday 00.30 in Balikpapan.
        WIB office: 17(1) 25 26 27 30 31 Apr-1(7) → 1 Apr. WITA office: 25(1) … 1 Apr(6), 2 Apr(7) → 2 Apr
        (3 Apr is Good Friday, irrelevant here)."""
        start = dt.datetime(2026, 3, 16, 16, 30, tzinfo=dt.UTC)
        wib = compute_deadline(start=start, spec=working(7), tz_name="Asia/Jakarta", calendar=CAL_2026)
        wita = compute_deadline(start=start, spec=working(7), tz_name="Asia/Makassar", calendar=CAL_2026)
        assert wib.due_at == dt.datetime(2026, 4, 1, 23, 59, 59, tzinfo=WIB)
        assert wita.due_at == dt.datetime(2026, 4, 2, 23, 59, 59, tzinfo=WITA)

    def test_wit_office(self):
        """Jayapura (WIT): 23.00 UTC Thu 2 Apr 2026 = 08.00 Fri 3 Apr WIT (Good Friday). 1 working day → Mon 6 Apr."""
        start = dt.datetime(2026, 4, 2, 23, 0, tzinfo=dt.UTC)
        result = compute_deadline(start=start, spec=working(1), tz_name="Asia/Jayapura", calendar=CAL_2026)
        assert result.due_at == dt.datetime(2026, 4, 6, 23, 59, 59, tzinfo=WIT)


class TestCalendarDays:
    def test_seven_days_since_known(self):
        start = dt.datetime(2026, 3, 13, 15, 0, tzinfo=WIB)
        result = compute_deadline(
            start=start, spec=calendar_days(7), tz_name="Asia/Jakarta", calendar=CAL_2026
        )
        assert result.due_at == dt.datetime(2026, 3, 20, 23, 59, 59, tzinfo=WIB)

    def test_calendar_days_ignore_holidays_unless_rolled(self):
        start = dt.datetime(2026, 3, 12, 9, 0, tzinfo=WIB)  # +7 = Thu 19 Mar, Nyepi
        plain = compute_deadline(
            start=start, spec=calendar_days(7), tz_name="Asia/Jakarta", calendar=CAL_2026
        )
        rolled = compute_deadline(
            start=start,
            spec=calendar_days(7, roll_to_working_day=True),
            tz_name="Asia/Jakarta",
            calendar=CAL_2026,
        )
        assert plain.due_date == dt.date(2026, 3, 19)
        assert rolled.due_date == dt.date(2026, 3, 25)
        assert "digeser" in rolled.explanation


class TestOfficeClose:
    """Pilkada filing window: 7 calendar days, ending at the intake desk's closing time (Perbawaslu 9/2024)."""

    spec = calendar_days(7, ends_at="office_close")
    cal = WorkingCalendar.from_days([dt.date(2024, 12, 25)], [dt.date(2024, 12, 26)])
    quiet = {dt.date(2024, 11, d) for d in (24, 25, 26, 27)}

    def run(self, start, **kw):
        return compute_deadline(
            start=start,
            spec=kw.pop("spec", self.spec),
            tz_name="Asia/Makassar",
            calendar=self.cal,
            intake=INTAKE,
            round_the_clock=lambda day: day in self.quiet,
        )

    def test_weekday_ends_at_1600(self):
        result = self.run(dt.datetime(2024, 10, 2, 11, 0, tzinfo=WITA))  # Wed → Wed 9 Oct
        assert result.due_at == dt.datetime(2024, 10, 9, 16, 0, tzinfo=WITA)

    def test_friday_ends_at_1630(self):
        result = self.run(dt.datetime(2024, 10, 4, 11, 0, tzinfo=WITA))  # Fri → Fri 11 Oct
        assert result.due_at == dt.datetime(2024, 10, 11, 16, 30, tzinfo=WITA)

    def test_last_day_on_sunday_falls_back_to_friday_close(self):
        result = self.run(dt.datetime(2024, 10, 6, 11, 0, tzinfo=WITA))  # Sun → Sun 13 Oct, office shut
        assert result.due_at == dt.datetime(2024, 10, 11, 16, 30, tzinfo=WITA)
        assert "kantor tutup" in result.explanation

    def test_last_day_on_sunday_rolls_to_monday_when_configured(self):
        spec = calendar_days(7, ends_at="office_close", roll_to_working_day=True)
        result = self.run(dt.datetime(2024, 10, 6, 11, 0, tzinfo=WITA), spec=spec)
        assert result.due_at == dt.datetime(2024, 10, 14, 16, 0, tzinfo=WITA)

    def test_round_the_clock_day_ends_at_midnight(self):
        """Known Mon 18 Nov 2024 → Mon 25 Nov, masa tenang: intake runs 24 hours."""
        result = self.run(dt.datetime(2024, 11, 18, 9, 0, tzinfo=WITA))
        assert result.due_at == dt.datetime(2024, 11, 25, 23, 59, 59, tzinfo=WITA)

    def test_round_the_clock_weekend(self):
        """Known Sun 17 Nov → Sun 24 Nov (first day of masa tenang): open although it is Sunday."""
        result = self.run(dt.datetime(2024, 11, 17, 9, 0, tzinfo=WITA))
        assert result.due_at == dt.datetime(2024, 11, 24, 23, 59, 59, tzinfo=WITA)

    def test_christmas_holiday_falls_back_past_joint_leave(self):
        """Known Wed 18 Dec → Wed 25 Dec (Natal); 24 Dec open → Tue 24 Dec 16.00."""
        result = self.run(dt.datetime(2024, 12, 18, 9, 0, tzinfo=WITA))
        assert result.due_at == dt.datetime(2024, 12, 24, 16, 0, tzinfo=WITA)


class TestHours:
    def test_criminal_forward_is_24_hours_exactly(self):
        start = dt.datetime(2024, 2, 10, 10, 15, tzinfo=WIB)
        result = compute_deadline(
            start=start, spec=ClockSpec(amount=24, unit="hours"), tz_name="Asia/Jakarta", calendar=CAL_2026
        )
        assert result.due_at == dt.datetime(2024, 2, 11, 10, 15, tzinfo=WIB)

    def test_result_is_expressed_in_office_zone(self):
        start = dt.datetime(2024, 2, 10, 10, 0, tzinfo=WIB)
        result = compute_deadline(
            start=start, spec=ClockSpec(amount=24, unit="hours"), tz_name="Asia/Jayapura", calendar=CAL_2026
        )
        assert result.due_at.hour == 12
        assert result.due_at.utcoffset() == dt.timedelta(hours=9)


class TestValidation:
    def test_naive_start_rejected(self):
        with pytest.raises(ValueError, match="aware"):
            compute_deadline(
                start=dt.datetime(2026, 3, 13, 10),  # noqa: DTZ001 (the point of the test)
                spec=working(1),
                tz_name="Asia/Jakarta",
                calendar=CAL_2026,
            )

    def test_unknown_unit_rejected(self):
        with pytest.raises(ValueError, match="Unknown unit"):
            compute_deadline(
                start=dt.datetime(2026, 3, 13, 10, tzinfo=WIB),
                spec=ClockSpec(amount=1, unit="fortnights"),
                tz_name="Asia/Jakarta",
                calendar=CAL_2026,
            )
