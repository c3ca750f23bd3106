"""Property: a filing window (any deadline counted in days) is never shorter than the law gives (issue 10).

For every shipped rule, every start date 2019–2027 and every zone (WIB/WITA/WIT), with the real national
holidays and cuti bersama, Bawaslu's intake hours and the round-the-clock stages of the 2019 and 2024
elections, the deadline's last day is never before the n-th counted day, and when it is later, only
closed days lie in between (a roll forward, never a walk back). A second test lets hypothesis pick any
settings an administrator could choose. The oracle counts days one by one, independently of the engine.
"""

import datetime as dt
import json
import zoneinfo
from functools import cache
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.clocks import engine
from netra.clocks.calendar import WorkingCalendar
from netra.clocks.engine import ClockSpec, compute_deadline
from netra.clocks.loader import DATA_DIR, holidays_for_year

ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
FIRST, LAST = dt.date(2019, 1, 1), dt.date(2027, 12, 31)


def _span(first: dt.date, last: dt.date) -> set[dt.date]:
    return {first + dt.timedelta(days=i) for i in range((last - first).days + 1)}


# Round the clock (masa tenang, voting, rekapitulasi): Pemilu 2019, Pemilu 2024, Pilkada 2020 and 2024.
ROUND_THE_CLOCK = (
    _span(dt.date(2019, 4, 14), dt.date(2019, 5, 22))
    | _span(dt.date(2020, 12, 6), dt.date(2020, 12, 26))
    | _span(dt.date(2024, 2, 11), dt.date(2024, 3, 20))
    | _span(dt.date(2024, 11, 24), dt.date(2024, 12, 16))
)


@cache
def real_calendar() -> WorkingCalendar:
    holidays, joint = set(), set()
    for year in range(2019, 2029):  # 2028 too: a deadline started late in 2027 ends in 2028
        for row in holidays_for_year(year):
            (joint if row["kind"] == "cuti_bersama" else holidays).add(row["date"])
    return WorkingCalendar.from_days(holidays, joint - holidays)


@cache
def intake() -> dict[int, tuple[dt.time, dt.time]]:
    rows = json.loads((DATA_DIR / "intake_hours.json").read_text())
    return {
        r["weekday"]: (dt.time.fromisoformat(r["opens_at"]), dt.time.fromisoformat(r["closes_at"]))
        for r in rows
    }


def shipped_day_specs() -> set[ClockSpec]:
    """Every shipped rule counted in days, reduced to what the arithmetic reads (identical rules once)."""
    specs = set()
    for row in json.loads((DATA_DIR / "deadline_rules.json").read_text()):
        if row["unit"] == "hours":
            continue
        specs.add(
            ClockSpec(
                amount=row["amount"],
                unit=row["unit"],
                ends_at=row["ends_at"],
                roll_to_working_day=row["roll_to_working_day"],
                cuti_bersama_is_holiday=row.get("cuti_bersama_is_holiday", True),
                counts_start_day=row["counts_start_day"],
            )
        )
    return specs


def _open(day: dt.date, spec: ClockSpec, cal: WorkingCalendar) -> bool:
    joint = spec.cuti_bersama_is_holiday
    if spec.ends_at == "office_close":
        return day in ROUND_THE_CLOCK or (
            cal.is_working_day(day, joint_leave_closed=joint) and day.weekday() in intake()
        )
    return cal.is_working_day(day, joint_leave_closed=joint)


def check_window(spec: ClockSpec, start: dt.datetime, tz_name: str, cal: WorkingCalendar) -> None:
    result = compute_deadline(
        start=start,
        spec=spec,
        tz_name=tz_name,
        calendar=cal,
        intake=intake() if spec.ends_at == "office_close" else None,
        round_the_clock=ROUND_THE_CLOCK.__contains__,
    )
    start_day = start.astimezone(zoneinfo.ZoneInfo(tz_name)).date()
    joint = spec.cuti_bersama_is_holiday

    def counts(day: dt.date) -> bool:
        if spec.unit == "working_days" and not cal.is_working_day(day, joint_leave_closed=joint):
            return False
        return day > start_day or (day == start_day and spec.counts_start_day)

    # The n-th counted day, found by walking forward one day at a time.
    day, counted = start_day, int(counts(start_day))
    while counted < spec.amount:
        day += dt.timedelta(days=1)
        counted += int(counts(day))
    last_day = day
    due_day = result.due_at.date()
    context = f"{spec} from {start_day} in {tz_name}: due {result.due_at}, statutory last day {last_day}"
    assert due_day >= last_day, "window shorter than the law gives: " + context
    assert result.due_at.tzinfo is not None
    assert result.due_at.utcoffset() == start.astimezone(zoneinfo.ZoneInfo(tz_name)).utcoffset()
    if due_day > last_day:  # only a roll forward over days the office is closed
        assert spec.roll_to_working_day, context
        assert not _open(last_day, spec, cal), context
        between = [last_day + dt.timedelta(days=i) for i in range(1, (due_day - last_day).days)]
        assert not any(_open(d, spec, cal) for d in between), context
        assert _open(due_day, spec, cal), context
    elif not _open(last_day, spec, cal):  # the period stands on a closed last day: to its very end
        assert result.due_at.time() == dt.time(23, 59, 59), context


@pytest.fixture
def plain_text(monkeypatch):
    """The explanation's localised dates and translations take two thirds of the time and play no part in
    the arithmetic this test checks (test_engine checks the text): replaced by plain stand-ins here."""
    monkeypatch.setattr(engine, "formats", SimpleNamespace(date_format=lambda value, fmt: ""))
    monkeypatch.setattr(engine, "_fmt", lambda moment, tz_name: "")
    monkeypatch.setattr(engine, "_", str)
    monkeypatch.setattr(engine, "ngettext", lambda singular, plural, n: singular)


@pytest.mark.usefixtures("plain_text")
def test_no_shipped_rule_gives_less_than_the_law_on_any_day_in_any_zone():
    """~10 distinct day-counted rules × 3,287 start days × 3 zones (about 100,000 deadlines)."""
    cal = real_calendar()
    specs = shipped_day_specs()
    assert any(s.ends_at == "office_close" for s in specs)  # the Pilkada filing window is among them
    for spec in specs:
        day = FIRST
        while day <= LAST:
            # 23.30 WIB is already the next day in WITA and WIT: the office's zone decides the start day.
            start = dt.datetime.combine(day, dt.time(23, 30), tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
            for tz_name in ZONES:
                check_window(spec, start, tz_name, cal)
            day += dt.timedelta(days=1)


@settings(max_examples=400, deadline=None)
@given(
    amount=st.integers(min_value=1, max_value=21),
    unit=st.sampled_from(["calendar_days", "working_days"]),
    ends_at=st.sampled_from(["end_of_day", "office_close"]),
    roll=st.booleans(),
    counts_start_day=st.booleans(),
    cuti=st.booleans(),
    day=st.dates(min_value=FIRST, max_value=LAST),
    minutes=st.integers(min_value=0, max_value=24 * 60 - 1),
    tz_name=st.sampled_from(ZONES),
)
def test_any_admin_setting_gives_at_least_the_statutory_length(
    amount, unit, ends_at, roll, counts_start_day, cuti, day, minutes, tz_name
):
    spec = ClockSpec(
        amount=amount,
        unit=unit,
        ends_at=ends_at,
        roll_to_working_day=roll,
        counts_start_day=counts_start_day,
        cuti_bersama_is_holiday=cuti,
    )
    start = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=zoneinfo.ZoneInfo(tz_name))
    check_window(spec, start, tz_name, real_calendar())
