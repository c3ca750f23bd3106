"""Indonesia's three time zones by province (Keppres No. 41 Tahun 1987 tentang Pembagian Wilayah
Republik Indonesia Menjadi 3 (Tiga) Wilayah Waktu), and times shown in an office's own zone.

- WIB (UTC+7, Asia/Jakarta): Sumatra, Kepulauan Riau, Bangka Belitung, Java, Kalimantan Barat and
  Kalimantan Tengah.
- WITA (UTC+8, Asia/Makassar): Bali, NTB, NTT, Kalimantan Selatan, Kalimantan Timur, Kalimantan Utara
  and all of Sulawesi.
- WIT (UTC+9, Asia/Jayapura): Maluku, Maluku Utara and the six Papua provinces.

Every deadline is counted in the handling office's zone, so this table decides what "hari ke-7" means.

This is the one module for "a moment in the office's zone" (CONVENTIONS §14): the zone of an office
(`office_zone`, from `Agency.timezone`, filled from its province), its local date (`office_today`), the
short label "14.30 WITA" (`time_label`), the interface's "13 Maret 2026 16:00 WITA" (`in_office_tz`, in
the reader's language; the template filter of the same name wraps it) and the letters' Indonesian
"Senin, 14 Oktober 2024 pukul 09.00 WITA" (`datetime_id`, `date_id`: always Indonesian, as an official
letter is). An office is anything with a `timezone` attribute (an `Agency`): regions sit below agencies.
"""

import datetime as dt
import zoneinfo

from django.utils import formats, timezone

WIB = "Asia/Jakarta"
WITA = "Asia/Makassar"
WIT = "Asia/Jayapura"

# Asia/Pontianak (Kalimantan Barat) is WIB too; timezone_for_region never yields it, but IANA has it.
ZONE_ABBREVIATIONS = {WIB: "WIB", "Asia/Pontianak": "WIB", WITA: "WITA", WIT: "WIT"}

_WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96"}

# Indonesian names for letters and the officer's own words (independent of the interface language).
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def timezone_for_region(code: str) -> str:
    """IANA zone for any region code (province, kab/kota, kecamatan): decided by its province."""
    province = code.split(".", 1)[0]
    if len(province) != 2 or not province.isdigit():
        raise ValueError(f"Not a Kemendagri region code: {code!r}")
    if province in _WITA_PROVINCES:
        return WITA
    if province in _WIT_PROVINCES:
        return WIT
    return WIB


def zone_abbreviation(tz_name: str) -> str:
    """WIB / WITA / WIT; an unknown zone is shown by its IANA name."""
    return ZONE_ABBREVIATIONS.get(tz_name, tz_name)


def office_zone(agency) -> zoneinfo.ZoneInfo:
    """The zone an office counts and dates in (a national office without one: WIB)."""
    return zoneinfo.ZoneInfo(agency.timezone or WIB)


def office_local(value: dt.datetime, agency) -> dt.datetime:
    """`value` (aware) on the office's clock."""
    return value.astimezone(office_zone(agency))


def office_today(agency, now: dt.datetime | None = None) -> dt.date:
    """The office's calendar date at `now` (default: this moment)."""
    return office_local(now or timezone.now(), agency).date()


def time_label(value: dt.datetime, agency) -> str:
    """14.30 WITA."""
    zone = office_zone(agency)
    return f"{value.astimezone(zone):%H.%M} {zone_abbreviation(str(zone))}"


def in_office_tz(value: dt.datetime | None, tz_name: str | None = None) -> str:
    """'13 Maret 2026 16:00 WITA' in zone `tz_name` (default WIB), month named in the active language;
    "" for no value. The template filter `in_office_tz` is this function."""
    if value is None:
        return ""
    tz_name = tz_name or WIB
    local = timezone.localtime(value, zoneinfo.ZoneInfo(tz_name))
    return f"{formats.date_format(local, 'j F Y H:i')} {zone_abbreviation(tz_name)}"


def date_id(value: dt.date) -> str:
    """12 Oktober 2024."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def datetime_id(value: dt.datetime, agency) -> str:
    """Senin, 14 Oktober 2024 pukul 09.00 WITA (in the office's zone)."""
    local = office_local(value, agency)
    return f"{DAYS[local.weekday()]}, {date_id(local.date())} pukul {time_label(value, agency)}"
