"""How a clock reads to an officer in WITA (Bawaslu Kota Balikpapan): working days left around weekends
and a regional holiday, "hari ini", "terlewat N hari" — and the day boundary of the office's zone."""

import datetime as dt
import zoneinfo

import pytest

from netra.cases.models import Deadline, DeadlineState
from netra.cases.selectors.deadlines import Severity, deadline_status
from netra.clocks.models import DeadlineKind
from netra.clocks.tests.factories import HolidayFactory
from netra.core.cache import clear_all

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
THU = dt.datetime(2024, 10, 10, 10, 0, tzinfo=WITA)  # Thursday


def due(day: int, hour: int = 23, minute: int = 59) -> dt.datetime:
    return dt.datetime(2024, 10, day, hour, minute, 59 if hour == 23 else 0, tzinfo=WITA)


@pytest.fixture
def clock(case_world):
    def make(due_at: dt.datetime, state: str = DeadlineState.OPEN) -> Deadline:
        return Deadline(
            case=case_world["case"],
            kind=DeadlineKind.FOLLOW_UP,
            agency=case_world["agencies"]["bpp"],  # WITA, region 64.71
            starts_at=THU,
            due_at=due_at,
            state=state,
        )

    return make


@pytest.mark.django_db
def test_working_days_left_skip_the_weekend(clock):
    monday = deadline_status(clock(due(14)), THU)  # Fri, Mon
    assert (monday.working_days_left, monday.label, monday.severity) == (
        2,
        "jatuh tempo 2 hari kerja lagi",
        Severity.SOON,
    )
    sunday = deadline_status(clock(due(13)), THU)  # only Friday is left to work
    assert (sunday.working_days_left, sunday.label, sunday.severity) == (
        1,
        "jatuh tempo 1 hari kerja lagi",
        Severity.URGENT,
    )
    week = deadline_status(clock(due(17)), THU)  # Fri, Mon, Tue, Wed, Thu
    assert (week.working_days_left, week.severity) == (5, Severity.OK)


@pytest.mark.django_db
def test_a_weekend_deadline_seen_on_saturday_has_no_working_day_left(clock):
    status = deadline_status(clock(due(13)), dt.datetime(2024, 10, 12, 9, 0, tzinfo=WITA))
    assert status.working_days_left == 0
    assert status.label == "jatuh tempo 1 hari lagi, tanpa hari kerja tersisa"
    assert status.severity == Severity.URGENT


@pytest.mark.django_db
def test_a_regional_holiday_of_the_office_counts_as_closed(clock):
    HolidayFactory(date=dt.date(2024, 10, 11), name="Libur daerah uji", region_code="64.71")
    # A holiday of another province does not touch Balikpapan's count.
    HolidayFactory(date=dt.date(2024, 10, 14), name="Libur daerah Jawa Tengah", region_code="33")
    clear_all()  # holidays are memoised per process for a minute; the fixture's case already read them
    status = deadline_status(clock(due(14)), THU)
    assert (status.working_days_left, status.label) == (1, "jatuh tempo 1 hari kerja lagi")


@pytest.mark.django_db
def test_due_today_and_overdue(clock):
    today = deadline_status(clock(due(10)), THU)
    assert (today.working_days_left, today.label, today.severity) == (
        0,
        "jatuh tempo hari ini",
        Severity.URGENT,
    )
    late = deadline_status(clock(due(13)), dt.datetime(2024, 10, 16, 9, 0, tzinfo=WITA))
    assert (late.working_days_left, late.days_overdue, late.label, late.severity) == (
        None,
        3,
        "terlewat 3 hari",
        Severity.OVERDUE,
    )
    just = deadline_status(clock(due(10, 12, 0)), THU.replace(hour=13))
    assert just.label == "terlewat hari ini"


@pytest.mark.django_db
def test_days_are_the_office_days_not_utc_or_wib(clock):
    # Due Fri 11 Oct 00.30 WITA (= Thu 10 Oct 23.30 WIB, 16.30 UTC), seen Thu 10 Oct 23.00 WITA: for the
    # Balikpapan office that is tomorrow, one working day away — not "today" as Jakarta's clock would say.
    status = deadline_status(clock(due(11, 0, 30)), dt.datetime(2024, 10, 10, 23, 0, tzinfo=WITA))
    assert (status.working_days_left, status.label) == (1, "jatuh tempo 1 hari kerja lagi")
    assert status.due_local.tzinfo.key == "Asia/Makassar"


@pytest.mark.django_db
def test_a_met_clock_is_done(clock):
    status = deadline_status(clock(due(13), DeadlineState.MET), dt.datetime(2024, 10, 20, tzinfo=WITA))
    assert (status.severity, status.label) == (Severity.DONE, "terpenuhi")
