"""The clocks factories fetch the loaded intake hours and deadline rules, and a holiday made by the
factory is one the calendar reads for its region only."""

import datetime as dt

import pytest

from netra.clocks.models import DeadlineKind, DeadlineRule, Holiday, IntakeHours
from netra.clocks.selectors import deadline_rule_get
from netra.clocks.tests.factories import DeadlineRuleFactory, HolidayFactory, IntakeHoursFactory

pytestmark = pytest.mark.django_db


def test_intake_hours_and_deadline_rules_are_the_loaded_rows():
    rules, hours = DeadlineRule.objects.count(), IntakeHours.objects.count()
    friday = IntakeHoursFactory(weekday=4)
    follow_up = DeadlineRuleFactory()
    assert (DeadlineRule.objects.count(), IntakeHours.objects.count()) == (rules, hours)
    assert friday.closes_at == dt.time(16, 30)  # Perbawaslu 9/2024, as loaded
    assert follow_up == deadline_rule_get(kind=DeadlineKind.FOLLOW_UP, election_kind="pilkada")
    assert (follow_up.amount, follow_up.unit) == (3, DeadlineRule.Unit.CALENDAR_DAYS)
    for row in (friday, follow_up, DeadlineRuleFactory(kind=DeadlineKind.FILING_WINDOW, election_kind="")):
        row.full_clean()


def test_a_regional_holiday_is_valid_and_regional():
    holiday = HolidayFactory()
    holiday.full_clean()
    assert (holiday.kind, holiday.region.code, holiday.origin) == (
        Holiday.Kind.REGIONAL,
        "64.71",
        Holiday.Origin.MANUAL,
    )
    assert holiday.name == f"Hari Jadi {holiday.region.name}"
    jateng = HolidayFactory(region_code="33", date=dt.date(2024, 8, 19))
    jateng.full_clean()
    assert jateng.region.level == 1
