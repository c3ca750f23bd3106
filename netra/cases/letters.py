"""Official letters: numbering, Indonesian dates in the issuing office's time zone, PDF rendering.

Pure helpers used by `services.documents`; nothing here writes to the database except through the
locked counter passed in by the service.

Letter numbers follow `NETRA_LETTER_NUMBER_FORMAT` (default `{seq:03d}/{code}/{office}/{month_roman}/{year}`,
e.g. `001/PM.00.02/64.71/X/2024`). `{code}` is the classification code of the letter's kind from
`NETRA_LETTER_CLASSIFICATION_CODES`. Bawaslu's real codes come from its Perbawaslu on *tata naskah
dinas* and its classification of archives (PM = penanganan pelanggaran); the defaults below are
placeholders an operator replaces in settings, as is `{office}` (the issuing office's region code
unless `NETRA_LETTER_OFFICE_CODES` maps the agency code to its official office code).
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from netra.agencies.models import Agency, AgencyFamily
from netra.core.services import in_record_language

DEFAULT_NUMBER_FORMAT = "{seq:03d}/{code}/{office}/{month_roman}/{year}"
# Placeholders (configurable): PM.00.02 = penanganan pelanggaran; KP = kepegawaian (oversight body).
DEFAULT_CLASSIFICATION_CODES = {
    "undangan_klarifikasi": "PM.00.02",
    "permintaan_menghadirkan": "PM.00.02",
    "penerusan": "PM.00.02",
    "pemberitahuan_status": "PM.00.02",
    "rekomendasi": "KP.10.00",
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
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
ZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def office_zone(agency: Agency) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(agency.timezone or "Asia/Jakarta")


def office_today(agency: Agency, now: dt.datetime | None = None) -> dt.date:
    return (now or timezone.now()).astimezone(office_zone(agency)).date()


def date_id(value: dt.date) -> str:
    """12 Oktober 2024."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def datetime_id(value: dt.datetime, agency: Agency) -> str:
    """Senin, 14 Oktober 2024 pukul 09.00 WITA (in the office's zone)."""
    zone = office_zone(agency)
    local = value.astimezone(zone)
    abbr = ZONE_ABBREVIATIONS.get(str(zone), str(zone))
    return f"{DAYS[local.weekday()]}, {date_id(local.date())} pukul {local:%H.%M} {abbr}"


def place_name(agency: Agency) -> str:
    """The city a letter is dated in: "Balikpapan" for Bawaslu Kota Balikpapan; Jakarta for national."""
    region = agency.region
    if region is None:
        return "Jakarta"
    name = region.name.strip()
    for prefix in ("KABUPATEN ADMINISTRASI ", "KOTA ADMINISTRASI ", "KABUPATEN ", "KOTA ", "PROVINSI "):
        if name.upper().startswith(prefix):
            name = name[len(prefix) :]
            break
    return name.title() if name.isupper() else name


def signer_title(agency: Agency) -> str:
    """Ketua Bawaslu Kota Balikpapan; Kepala Badan Kepegawaian Negara."""
    lead = "Ketua" if agency.family == AgencyFamily.BAWASLU else "Kepala"
    return f"{lead} {agency.name}"


def office_code(agency: Agency) -> str:
    codes = getattr(settings, "NETRA_LETTER_OFFICE_CODES", {}) or {}
    return codes.get(agency.code) or agency.region_id or "RI"


def letter_number(*, agency: Agency, kind: str, seq: int, on: dt.date) -> str:
    codes = {
        **DEFAULT_CLASSIFICATION_CODES,
        **(getattr(settings, "NETRA_LETTER_CLASSIFICATION_CODES", {}) or {}),
    }
    fmt = getattr(settings, "NETRA_LETTER_NUMBER_FORMAT", "") or DEFAULT_NUMBER_FORMAT
    return fmt.format(
        seq=seq,
        code=codes.get(kind, "PM.00.02"),
        office=office_code(agency),
        month=on.month,
        month_roman=ROMAN[on.month - 1],
        year=on.year,
        kind=kind,
    )


@dataclass(frozen=True)
class Letterhead:
    """What every letter shares: kop surat, number block, place and date, addressee, signature."""

    agency: Agency
    number: str
    dated: dt.date
    subject_line: str  # Perihal
    addressee: str  # after "Yth."
    attachment: str = "-"  # Lampiran
    nature: str = "Penting"  # Sifat

    def context(self) -> dict:
        return {
            "office_name": self.agency.name,
            "office_address": self.agency.address,
            "office_email": self.agency.email,
            "is_bawaslu": self.agency.family == AgencyFamily.BAWASLU,
            "number": self.number,
            "nature": self.nature,
            "attachment": self.attachment,
            "subject_line": self.subject_line,
            "place_date": f"{place_name(self.agency)}, {date_id(self.dated)}",
            "addressee": self.addressee,
            "signer_title": signer_title(self.agency),
        }


@in_record_language
def render_pdf(*, template: str, head: Letterhead, context: dict) -> bytes:
    """Render `templates/cases/letters/<template>` to PDF bytes with WeasyPrint (fonts: Noto)."""
    from weasyprint import HTML  # imported lazily: it loads fonts and Pango on first use

    html = render_to_string(f"cases/letters/{template}", {**head.context(), **context})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
