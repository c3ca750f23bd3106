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
    tz = zoneinfo.ZoneInfo(tz_name)
    local = submitted_at.astimezone(tz)
    pemilu = election is not None and election.kind == ElectionKind.PEMILU
    hours_basis = BASIS_PEMILU_HOURS if election is None or pemilu else BASIS_PILKADA_HOURS

    def stages(day: dt.date) -> set[str]:
        if election is None:
            return set()
        return set(election_stages_on(election=election, on=day)) & set(ROUND_THE_CLOCK_STAGES)

    def result(counts_from, reason, basis, verification) -> ReceiptResult:
        return ReceiptResult(local, counts_from.astimezone(tz), tz_name, reason, basis, verification)

    today = stages(local.date())
    if today:
        labels = ", ".join(str(StageKind(k).label).lower() for k in sorted(today))
        # Perbawaslu 7/2022 names masa tenang and voting/counting; recapitulation alone is our reading.
        recap_only = today == {StageKind.RECAPITULATION}
        return result(
            local,
            _("Bawaslu menerima laporan 24 jam pada %(stages)s") % {"stages": labels},
            BASIS_PEMILU_24H if pemilu else BASIS_PILKADA_24H,
            (Verification.UNVERIFIED if recap_only else Verification.SECONDARY)
            if pemilu
            else Verification.VERIFIED,
        )
    schedule = intake_schedule()
    if not schedule:
        return result(local, _("jam penerimaan laporan tidak diatur"), hours_basis, Verification.UNVERIFIED)
    calendar = working_calendar_for(
        region_code=getattr(office, "region_id", None),
        start=local.date(),
        end=local.date() + dt.timedelta(days=_SCAN_DAYS),
    )

    def desk_open(day: dt.date) -> bool:
        return calendar.is_working_day(day) and day.weekday() in schedule

    day = local.date()
    if desk_open(day):
        opens, closes = schedule[day.weekday()]
        hours = f"{opens:%H.%M}–{closes:%H.%M} {zone_abbreviation(tz_name)}"
        if opens <= local.time() <= closes:
            return result(
                local,
                _("laporan diserahkan dalam jam penerimaan laporan (%(hours)s)") % {"hours": hours},
                hours_basis,
                Verification.VERIFIED if not pemilu and election is not None else Verification.UNVERIFIED,
            )
        if local.time() < opens:
            return result(
                dt.datetime.combine(day, opens, tzinfo=tz),
                _("laporan diserahkan sebelum jam penerimaan laporan dibuka (%(hours)s)") % {"hours": hours},
                hours_basis,
                Verification.UNVERIFIED,
            )
        why = _("laporan diserahkan setelah jam penerimaan laporan ditutup (%(hours)s)") % {"hours": hours}
    elif day in calendar.names:
        why = _("laporan diserahkan pada hari libur (%(name)s)") % {"name": calendar.names[day]}
    else:
        why = _("laporan diserahkan pada akhir pekan")
    for _attempt in range(_SCAN_DAYS):
        day += dt.timedelta(days=1)
        if stages(day):
            opening = dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)
            break
        if desk_open(day):
            opening = dt.datetime.combine(day, schedule[day.weekday()][0], tzinfo=tz)
            break
    else:
        raise ValueError("The office receives no reports within the scanned period")
    reason = _("%(why)s; dihitung sejak kantor buka kembali, %(when)s") % {
        "why": why,
        "when": _fmt(opening, tz_name),
    }
    return result(opening, reason, hours_basis, Verification.UNVERIFIED)
