"""`receipt_counted`: the moment a submission counts as received by a Bawaslu office.

Bawaslu's desk receives reports during its intake hours (Perbawaslu 9/2024, amending Perbawaslu 8/2020:
Mon–Fri 08.00–16.00, Friday to 16.30 local time), except in masa tenang, on voting day and during
rekapitulasi, when it receives round the clock. A report handed in (e.g. online) while the desk is shut
counts as received when it next opens: Netra's reading, no article found that says so in words
[UNVERIFIED]. Perbawaslu 7/2022 (Pemilu) names no hours in the text available here; it lets reports be
received 1×24 jam in masa tenang and voting/counting (Pasal 11(4) [SECONDARY]), which implies office
hours otherwise, so the same desk hours apply [UNVERIFIED].

What the counted moment is for (docs/domain/clocks.md, *When a report counts as received*): the clocks
that start at receipt (kajian awal). Timeliness is not judged by it: the reporter meets the statutory
filing window by *submitting* within it (UU 7/2017 Ps. 454(6), UU 10/2016 Ps. 134(4): "disampaikan");
the desk's hours cannot shorten that period (UU 12/2011 Pasal 7) [UNVERIFIED reading].

Uses the database only through the clocks' and elections' selectors, so the engine stays pure.
"""

import datetime as dt
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from netra.clocks.selectors import Office, intake_schedule, working_calendar_for
from netra.core.models import Verification
from netra.elections.models import ROUND_THE_CLOCK_STAGES, Election, ElectionKind, StageKind
from netra.elections.selectors import election_stages_on
from netra.regions.timezones import WIB, zone_abbreviation

BASIS_PILKADA_HOURS = "Perbawaslu 9/2024 (perubahan Perbawaslu 8/2020): jam penerimaan laporan"
BASIS_PILKADA_24H = (
    "Perbawaslu 9/2024 (perubahan Perbawaslu 8/2020): laporan diterima 24 jam pada masa tenang, "
    "hari pemungutan suara dan rekapitulasi"
)
BASIS_PEMILU_24H = (
    "Perbawaslu 7/2022 Pasal 11 ayat (4): laporan dapat diterima 1×24 jam pada masa tenang dan "
    "pemungutan/penghitungan suara"
)
BASIS_PEMILU_HOURS = (
    "Perbawaslu 7/2022 Pasal 11 ayat (4) (penerimaan 24 jam hanya pada masa tenang dan pemungutan suara, "
    "selebihnya jam kantor); jam penerimaan mengikuti Perbawaslu 9/2024"
)
_SCAN_DAYS = 400  # longer than any run of closed days (Lebaran with cuti bersama is about 10)


@dataclass(frozen=True)
class ReceiptResult:
    """When a submission counts as received, why, on what basis and how sure we are."""

    submitted_at: dt.datetime  # in the office's zone
    counts_from: dt.datetime  # aware, in the office's zone
    timezone: str
    reason: str  # Indonesian, reads after "karena …"
    basis: str
    verification: str  # Verification value

    @property
    def deferred(self) -> bool:
        return self.counts_from > self.submitted_at

    def summary(self) -> str:
        """One line for the record: the reason with its basis and certainty."""
        return f"{self.reason} ({self.basis}; {Verification(self.verification).label})"


def _fmt(moment: dt.datetime, tz_name: str) -> str:
    return f"{formats.date_format(moment, 'l, j F Y H.i')} {zone_abbreviation(tz_name)}"


@dataclass(frozen=True)
class _Submission:
    """One submission seen from the office: its local moment, the election and the basis of the hours."""

    local: dt.datetime
    tz_name: str
    election: Election | None

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.tz_name)

    @property
    def pemilu(self) -> bool:
        return self.election is not None and self.election.kind == ElectionKind.PEMILU

    @property
    def hours_basis(self) -> str:
        return BASIS_PEMILU_HOURS if self.election is None or self.pemilu else BASIS_PILKADA_HOURS

    def stages(self, day: dt.date) -> set[str]:
        """The election's round-the-clock stages on `day` (none without an election)."""
        if self.election is None:
            return set()
        return set(election_stages_on(election=self.election, on=day)) & set(ROUND_THE_CLOCK_STAGES)

    def result(self, counts_from: dt.datetime, reason: str, basis: str, verification: str) -> ReceiptResult:
        return ReceiptResult(
            self.local, counts_from.astimezone(self.tz), self.tz_name, reason, basis, verification
        )


def _round_the_clock(sub: _Submission, today: set[str]) -> ReceiptResult:
    """Submitted on a round-the-clock day: it counts at once."""
    labels = ", ".join(str(StageKind(k).label).lower() for k in sorted(today))
    # Perbawaslu 7/2022 names masa tenang and voting/counting; recapitulation alone is our reading.
    recap_only = today == {StageKind.RECAPITULATION}
    return sub.result(
        sub.local,
        _("Bawaslu menerima laporan 24 jam pada %(stages)s") % {"stages": labels},
        BASIS_PEMILU_24H if sub.pemilu else BASIS_PILKADA_24H,
        (Verification.UNVERIFIED if recap_only else Verification.SECONDARY)
        if sub.pemilu
        else Verification.VERIFIED,
    )


def _on_an_open_day(sub: _Submission, opens: dt.time, closes: dt.time) -> ReceiptResult | str:
    """On a day the desk opens: the result if it counts that day, else why it waits for the next opening."""
    local = sub.local
    hours = f"{opens:%H.%M}–{closes:%H.%M} {zone_abbreviation(sub.tz_name)}"
    if opens <= local.time() <= closes:
        return sub.result(
            local,
            _("laporan diserahkan dalam jam penerimaan laporan (%(hours)s)") % {"hours": hours},
            sub.hours_basis,
            Verification.VERIFIED if not sub.pemilu and sub.election is not None else Verification.UNVERIFIED,
        )
    if local.time() < opens:
        return sub.result(
            dt.datetime.combine(local.date(), opens, tzinfo=sub.tz),
            _("laporan diserahkan sebelum jam penerimaan laporan dibuka (%(hours)s)") % {"hours": hours},
            sub.hours_basis,
            Verification.UNVERIFIED,
        )
    return _("laporan diserahkan setelah jam penerimaan laporan ditutup (%(hours)s)") % {"hours": hours}


def _next_opening(
    sub: _Submission,
    day: dt.date,
    desk_open: Callable[[dt.date], bool],
    schedule: Mapping[int, tuple[dt.time, dt.time]],
) -> dt.datetime:
    """The next moment after `day` the desk receives: 00.00 of a round-the-clock day or an opening hour."""
    for _attempt in range(_SCAN_DAYS):
        day += dt.timedelta(days=1)
        if sub.stages(day):
            return dt.datetime.combine(day, dt.time(0, 0), tzinfo=sub.tz)
        if desk_open(day):
            return dt.datetime.combine(day, schedule[day.weekday()][0], tzinfo=sub.tz)
    raise ValueError("The office receives no reports within the scanned period")


def receipt_counted(
    *, submitted_at: dt.datetime, office: Office | None, election: Election | None
) -> ReceiptResult:
    """On which moment a submission made at `submitted_at` counts as received by `office`.

    In the office's zone (WIB/WITA/WIT) with its holidays (national, regional, cuti bersama: government
    offices are shut on cuti bersama, SKB 3 Menteri): the instant itself on a round-the-clock day of
    `election` or within intake hours; otherwise the next opening of the desk (a round-the-clock day
    opens at 00.00)."""
    if submitted_at.tzinfo is None:
        raise ValueError("submitted_at must be timezone-aware")
    tz_name = getattr(office, "timezone", None) or WIB
    local = submitted_at.astimezone(zoneinfo.ZoneInfo(tz_name))
    sub = _Submission(local=local, tz_name=tz_name, election=election)
    today = sub.stages(local.date())
    if today:
        return _round_the_clock(sub, today)
    schedule = intake_schedule()
    if not schedule:
        return sub.result(
            local, _("jam penerimaan laporan tidak diatur"), sub.hours_basis, Verification.UNVERIFIED
        )
    calendar = working_calendar_for(
        region_code=getattr(office, "region_id", None),
        start=local.date(),
        end=local.date() + dt.timedelta(days=_SCAN_DAYS),
    )

    def desk_open(day: dt.date) -> bool:
        return calendar.is_working_day(day) and day.weekday() in schedule

    day = local.date()
    if desk_open(day):
        why = _on_an_open_day(sub, *schedule[day.weekday()])
        if isinstance(why, ReceiptResult):
            return why
    elif day in calendar.names:
        why = _("laporan diserahkan pada hari libur (%(name)s)") % {"name": calendar.names[day]}
    else:
        why = _("laporan diserahkan pada akhir pekan")
    opening = _next_opening(sub, day, desk_open, schedule)
    reason = _("%(why)s; dihitung sejak kantor buka kembali, %(when)s") % {
        "why": why,
        "when": _fmt(opening, tz_name),
    }
    return sub.result(opening, reason, sub.hours_basis, Verification.UNVERIFIED)
