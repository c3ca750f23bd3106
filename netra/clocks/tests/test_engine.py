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

    def test_last_day_on_sunday_stands(self):
        """Issue 10: was Fri 11 Oct 16.30 (a walk-back to the last open day: 5 days, not 7).
        Known Sun 6 Oct, not counted: day 1 = Mon 7 … day 7 = Sun 13 Oct. The period stands: it ends on
        its last day, 23.59.59 (the office being shut cannot end it earlier)."""
        result = self.run(dt.datetime(2024, 10, 6, 11, 0, tzinfo=WITA))
        assert result.due_at == dt.datetime(2024, 10, 13, 23, 59, 59, tzinfo=WITA)
        assert "tetap pada hari terakhir" in result.explanation

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

    def test_christmas_holiday_stands_or_rolls_past_joint_leave(self):
        """Issue 10: was Tue 24 Dec 16.00 (walk-back, 6 days). Known Wed 18 Dec → day 7 = Wed 25 Dec (Natal).
        Stands: Wed 25 Dec 23.59.59. Rolls forward: 26 Dec cuti bersama (closed) → Fri 27 Dec, 16.30."""
        result = self.run(dt.datetime(2024, 12, 18, 9, 0, tzinfo=WITA))
        assert result.due_at == dt.datetime(2024, 12, 25, 23, 59, 59, tzinfo=WITA)
        rolled = self.run(
            dt.datetime(2024, 12, 18, 9, 0, tzinfo=WITA),
            spec=calendar_days(7, ends_at="office_close", roll_to_working_day=True),
        )
        assert rolled.due_at == dt.datetime(2024, 12, 27, 16, 30, tzinfo=WITA)
        assert "digeser" in rolled.explanation

    @pytest.mark.parametrize(
        ("start_day", "stands", "rolls"),
        [
            # Sat 5 Oct: day 1 = Sun 6 … day 7 = Sat 12 Oct (shut). Old answer Fri 11 Oct (6 days).
            # Stands: Sat 12 Oct 23.59.59; rolls: Sun 13 shut → Mon 14 Oct 16.00.
            (
                dt.date(2024, 10, 5),
                dt.datetime(2024, 10, 12, 23, 59, 59, tzinfo=WITA),
                dt.datetime(2024, 10, 14, 16, 0, tzinfo=WITA),
            ),
            # Sun 6 Oct: day 7 = Sun 13 Oct. Old answer Fri 11 Oct (5 days). Rolls → Mon 14 Oct 16.00.
            (
                dt.date(2024, 10, 6),
                dt.datetime(2024, 10, 13, 23, 59, 59, tzinfo=WITA),
                dt.datetime(2024, 10, 14, 16, 0, tzinfo=WITA),
            ),
        ],
    )
    def test_issue_examples_are_never_shorter_than_seven_days(self, start_day, stands, rolls):
        start = dt.datetime.combine(start_day, dt.time(11), tzinfo=WITA)
        assert self.run(start).due_at == stands
        rolled = self.run(start, spec=calendar_days(7, ends_at="office_close", roll_to_working_day=True))
        assert rolled.due_at == rolls

    def test_friday_before_a_closed_week_is_not_a_zero_day_window(self):
        """Lebaran 2024: 8, 9, 12, 15 Apr cuti bersama, 10–11 Apr Idulfitri. Known Fri 5 Apr: day 7 = Fri
        12 Apr (cuti). The old walk-back found no open day after the start and returned Fri 5 Apr 16.30, a
        zero-day window. Stands: Fri 12 Apr 23.59.59. Rolls: 13–14 weekend, 15 cuti → Tue 16 Apr 16.00."""
        cal = WorkingCalendar.from_days(
            [dt.date(2024, 4, 10), dt.date(2024, 4, 11)], [dt.date(2024, 4, d) for d in (8, 9, 12, 15)]
        )
        start = dt.datetime(2024, 4, 5, 9, 0, tzinfo=WITA)
        kw = {"start": start, "tz_name": "Asia/Makassar", "calendar": cal, "intake": INTAKE}
        assert compute_deadline(spec=self.spec, **kw).due_at == dt.datetime(
            2024, 4, 12, 23, 59, 59, tzinfo=WITA
        )
        rolled = compute_deadline(
            spec=calendar_days(7, ends_at="office_close", roll_to_working_day=True), **kw
        )
        assert rolled.due_at == dt.datetime(2024, 4, 16, 16, 0, tzinfo=WITA)

    def test_roll_lands_on_a_round_the_clock_weekend_day(self):
        """Known Fri 15 Nov 2024 → day 7 = Fri 22 Nov: open, 16.30. Known Sat 16 Nov → day 7 = Sat 23 Nov
        (shut, last day of the campaign) → rolls to Sun 24 Nov, masa tenang: open round the clock, 23.59.59."""
        spec = calendar_days(7, ends_at="office_close", roll_to_working_day=True)
        friday = self.run(dt.datetime(2024, 11, 15, 9, 0, tzinfo=WITA), spec=spec)
        assert friday.due_at == dt.datetime(2024, 11, 22, 16, 30, tzinfo=WITA)
        saturday = self.run(dt.datetime(2024, 11, 16, 9, 0, tzinfo=WITA), spec=spec)
        assert saturday.due_at == dt.datetime(2024, 11, 24, 23, 59, 59, tzinfo=WITA)


class TestDayOneConvention:
    """Whether the start day (day of knowledge) is day 1 is a per-rule setting (issue 10 item 2)."""

    # 2019 closures around the Bawaslu Kabupaten Bogor decision (python-holidays ID): 19 May Waisak (Sun),
    # 30 May Kenaikan Isa Almasih (Thu), 1 Jun Pancasila (Sat), 3–4 Jun cuti bersama, 5–6 Jun Idulfitri.
    cal_2019 = WorkingCalendar.from_days(
        [dt.date(2019, 5, 19), dt.date(2019, 5, 30), dt.date(2019, 6, 1), dt.date(2019, 6, 5)],
        [dt.date(2019, 6, 3), dt.date(2019, 6, 4)],
    )

    def test_bawaslu_kabupaten_bogor_2019_counted_the_day_of_knowledge(self):
        """Known Tue 21 May 2019, "paling lambat 29 Mei 2019" (Pemilu: UU 7/2017 Pasal 454(6), 7 hari kerja).
        Counting 21 May as day 1: 21(1) 22(2) 23(3) 24(4) [25–26 weekend] 27(5) 28(6) 29(7) → Wed 29 May,
        the decision's date. Netra's reading (day 1 = 22 May): 22 23 24 27 28 29 [30 Kenaikan] 31 → Fri
        31 May. Calendar days would give 27 May (counted) or 28 May (not): neither matches, so the decision
        implies 7 working days with the day of knowledge as day 1."""
        start = dt.datetime(2019, 5, 21, 10, 0, tzinfo=WIB)
        kw = {"start": start, "tz_name": "Asia/Jakarta", "calendar": self.cal_2019}
        bogor = compute_deadline(spec=working(7, counts_start_day=True), **kw)
        netra = compute_deadline(spec=working(7), **kw)
        assert bogor.due_at == dt.datetime(2019, 5, 29, 23, 59, 59, tzinfo=WIB)
        assert netra.due_at == dt.datetime(2019, 5, 31, 23, 59, 59, tzinfo=WIB)
        assert "hari mulai dihitung sebagai hari ke-1" in bogor.explanation
        assert "hari mulai tidak dihitung, hari ke-1 = Rabu, 22 Mei 2019" in netra.explanation
        assert compute_deadline(spec=calendar_days(7, counts_start_day=True), **kw).due_date == dt.date(
            2019, 5, 27
        )
        assert compute_deadline(spec=calendar_days(7), **kw).due_date == dt.date(2019, 5, 28)

    def test_counted_start_day_that_is_closed_is_not_a_working_day(self):
        """Known Sat 25 May 2019, counted, 2 working days: Saturday is no working day, so day 1 = Mon 27,
        day 2 = Tue 28 May (the same as not counting it)."""
        start = dt.datetime(2019, 5, 25, 10, 0, tzinfo=WIB)
        result = compute_deadline(
            start=start,
            spec=working(2, counts_start_day=True),
            tz_name="Asia/Jakarta",
            calendar=self.cal_2019,
        )
        assert result.due_date == dt.date(2019, 5, 28)

    def test_one_day_counted_ends_on_the_start_day(self):
        """1 calendar day, start counted: day 1 is the start day itself → Tue 21 May 2019 23.59.59."""
        start = dt.datetime(2019, 5, 21, 10, 0, tzinfo=WIB)
        result = compute_deadline(
            start=start,
            spec=calendar_days(1, counts_start_day=True),
            tz_name="Asia/Jakarta",
            calendar=self.cal_2019,
        )
        assert result.due_at == dt.datetime(2019, 5, 21, 23, 59, 59, tzinfo=WIB)


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
