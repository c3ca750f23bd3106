"""`deadline_for`: the one place the system asks "by when?". Gathers the rule, the office's zone and
holidays, Bawaslu's intake hours and the election's round-the-clock days, then calls the pure engine."""

import datetime as dt
from typing import Protocol

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from netra.clocks.calendar import WorkingCalendar
from netra.clocks.engine import ClockSpec, DeadlineResult, IntakeSchedule, compute_deadline
from netra.clocks.models import DeadlineRule, Holiday, IntakeHours
from netra.core.cache import ttl_memoize
from netra.elections.models import Election
from netra.elections.selectors import election_is_round_the_clock
from netra.regions.codes import region_code_lineage
from netra.regions.timezones import WIB


class Office(Protocol):
    """Anything with a time zone and a region code: an Agency, or a region-only stand-in."""

    timezone: str
    region_id: str | None


class RuleNotFoundError(ObjectDoesNotExist):
    pass


@ttl_memoize(60)
def deadline_rule_get(*, kind: str, election_kind: str = "") -> DeadlineRule:
    """The active rule for this kind and election kind, falling back to the "any election" rule."""
    rules = {
        r.election_kind: r
        for r in DeadlineRule.objects.filter(kind=kind, is_active=True, election_kind__in=[election_kind, ""])
    }
    rule = rules.get(election_kind) or rules.get("")
    if rule is None:
        raise RuleNotFoundError(f"No active deadline rule for {kind!r} ({election_kind or 'any'})")
    return rule


@ttl_memoize(60)
def _holiday_rows(region_code: str | None) -> tuple[tuple[dt.date, str, str], ...]:
    """Every active holiday of the region chain (a few hundred rows), memoised per process."""
    rows = Holiday.objects.filter(is_active=True).filter(
        Q(region__isnull=True) | Q(region_id__in=region_code_lineage(region_code))
    )
    return tuple(rows.values_list("date", "kind", "name"))


def working_calendar_for(*, region_code: str | None, start: dt.date, end: dt.date) -> WorkingCalendar:
    """National holidays plus those of the office's region and its parents, between start and end."""
    holidays, joint, names = set(), set(), {}
    for date, kind, name in _holiday_rows(region_code):
        if not start <= date <= end:
            continue
        (joint if kind == Holiday.Kind.JOINT_LEAVE else holidays).add(date)
        names.setdefault(date, name)
    return WorkingCalendar.from_days(holidays, joint - holidays, names)


@ttl_memoize(60)
def intake_schedule() -> IntakeSchedule:
    return {row.weekday: (row.opens_at, row.closes_at) for row in IntakeHours.objects.all()}


def deadline_for(
    kind: str,
    start: dt.datetime,
    election: Election | None,
    office: Office | None,
    *,
    rule: DeadlineRule | None = None,
) -> DeadlineResult:
    """By when must step `kind`, started at `start`, be done by `office` in `election`?

    Counted in the office's local time zone with its holidays (national and regional), Bawaslu's
    intake hours and the election's round-the-clock stages. `office=None` counts in WIB, nationally.
    """
    election_kind = election.kind if election is not None else ""
    rule = rule or deadline_rule_get(kind=kind, election_kind=election_kind)
    spec = ClockSpec.from_rule(rule)
    tz_name = getattr(office, "timezone", None) or WIB
    region_code = getattr(office, "region_id", None)
    start_day = start.date()
    # A year either side covers any legal clock (the longest is 14 working days) and any walk-back.
    calendar = working_calendar_for(
        region_code=region_code,
        start=start_day - dt.timedelta(days=60),
        end=start_day + dt.timedelta(days=366),
    )

    def round_the_clock(day: dt.date) -> bool:
        return election is not None and election_is_round_the_clock(election=election, on=day)

    return compute_deadline(
        start=start,
        spec=spec,
        tz_name=tz_name,
        calendar=calendar,
        intake=intake_schedule() if spec.ends_at == DeadlineRule.EndsAt.OFFICE_CLOSE else None,
        round_the_clock=round_the_clock,
    )
