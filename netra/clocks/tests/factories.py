"""Factories for the legal clocks. Intake hours and deadline rules are reference data (migration 0002 and
`load_clock_rules` load netra/clocks/data/*.json): their factories fetch the loaded row by its natural key
(`django_get_or_create`), so `DeadlineRuleFactory()` is the rule in force, not a second copy of it. Only a
key the data lacks makes a row, with the values a loaded row would have.

Holidays are partly shipped (national days and cuti bersama, reconciled by `holiday_sync`) and partly
an administrator's: `HolidayFactory` makes the latter, a regional holiday entered by hand. Memoised
reference lookups (`netra.core.cache`) are cleared before each test by the root conftest; a test that
adds a holiday after something already read the calendar calls `clear_all()` itself.
"""

import datetime as dt

import factory

from netra.clocks.models import DeadlineKind, DeadlineRule, Holiday, IntakeHours
from netra.core.models import Verification
from netra.elections.models import ElectionScope
from netra.regions.tests.factories import RegionFactory


class HolidayFactory(factory.django.DjangoModelFactory):
    """A regional holiday an administrator entered: Hari Jadi Kota Balikpapan (10 February) by default.
    `region_code=` places it elsewhere; `date=` moves it."""

    class Meta:
        model = Holiday

    class Params:
        region_code = "64.71"

    date = dt.date(2024, 2, 10)
    kind = Holiday.Kind.REGIONAL
    region = factory.LazyAttribute(lambda o: RegionFactory(code=o.region_code))
    name = factory.LazyAttribute(lambda o: f"Hari Jadi {o.region.name}")
    source = "Keputusan kepala daerah (uji)"
    origin = Holiday.Origin.MANUAL
    is_active = True


class IntakeHoursFactory(factory.django.DjangoModelFactory):
    """A weekday's intake hours (Perbawaslu 9/2024): Monday's loaded row by default."""

    class Meta:
        model = IntakeHours
        django_get_or_create = ("weekday",)

    weekday = 0
    opens_at = dt.time(8, 0)
    closes_at = dt.time(16, 0)
    legal_basis = "Perbawaslu 9/2024 (perubahan Perbawaslu 8/2020): Senin–Jumat 08.00–16.00"


class DeadlineRuleFactory(factory.django.DjangoModelFactory):
    """A deadline rule by (kind, election kind): Pilkada's follow-up (3 days, UU 10/2016 Pasal 134
    ayat (5)) by default, as loaded."""

    class Meta:
        model = DeadlineRule
        django_get_or_create = ("kind", "election_kind")

    kind = DeadlineKind.FOLLOW_UP
    election_kind = ElectionScope.PILKADA
    amount = 3
    unit = DeadlineRule.Unit.CALENDAR_DAYS
    ends_at = DeadlineRule.EndsAt.END_OF_DAY
    legal_basis = "UU 1/2015 jo. UU 10/2016 Pasal 134 ayat (5) (uji)"
    verification = Verification.VERIFIED
    is_active = True
