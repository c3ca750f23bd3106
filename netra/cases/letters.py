"""Official letters: numbering, the letterhead, the context frozen at issue, PDF rendering.

Pure helpers used by `services.letters_issue` (issue inside the move's transaction) and
`services.letters_render` (the PDF, after the commit); nothing here writes to the database. Dates and
times in the issuing office's zone come from `netra.regions.timezones`.

Letter numbers follow `NETRA_LETTER_NUMBER_FORMAT` (default `{seq:03d}/{code}/{office}/{month_roman}/{year}`,
e.g. `001/PM.00.02/64.71/X/2024`). `{code}` is the classification code of the letter's kind from
`NETRA_LETTER_CLASSIFICATION_CODES`. Bawaslu's real codes come from its Perbawaslu on *tata naskah
dinas* and its classification of archives (PM = penanganan pelanggaran); the defaults below are
placeholders an operator replaces in settings, as is `{office}` (the issuing office's region code
unless `NETRA_LETTER_OFFICE_CODES` maps the agency code to its official office code).
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.functional import Promise

from netra.agencies.models import Agency, AgencyFamily
from netra.core.services import in_record_language

# Dates and times in the issuing office's zone come from the one module for them (netra.regions.timezones);
# `letters.datetime_id` stays the name the clarification services call (hence the re-export).
from netra.regions.timezones import date_id, datetime_id  # noqa: F401

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


def classification_code(kind: str) -> str:
    """The classification code of a letter kind; it is also the letter's numbering series: kinds that
    share a code share one run of numbers in the office's agenda surat keluar."""
    codes = {
        **DEFAULT_CLASSIFICATION_CODES,
        **(getattr(settings, "NETRA_LETTER_CLASSIFICATION_CODES", {}) or {}),
    }
    return codes.get(kind, "PM.00.02")


def letter_number(*, agency: Agency, kind: str, seq: int, on: dt.date) -> str:
    fmt = getattr(settings, "NETRA_LETTER_NUMBER_FORMAT", "") or DEFAULT_NUMBER_FORMAT
    return fmt.format(
        seq=seq,
        code=classification_code(kind),
        office=office_code(agency),
        month=on.month,
        month_roman=ROMAN[on.month - 1],
        year=on.year,
        kind=kind,
    )


def letter_settings(agency: Agency):
    """The office's `OfficeLetterSettings`, or None when an administrator has not filled them in."""
    from netra.agencies.models import OfficeLetterSettings

    return OfficeLetterSettings.objects.filter(agency=agency).first()


def _logo_uri(office_settings) -> str:
    if office_settings is None or not office_settings.logo:
        return ""
    try:
        return Path(office_settings.logo.path).as_uri()
    except (NotImplementedError, ValueError):  # a storage without local paths
        return office_settings.logo.url


# --- the law a letter cites --------------------------------------------------------------------------
# REGULATIONS.md §3.1–3.3: Pemilu cases are handled under UU 7/2017 and Perbawaslu 7/2022; Pilkada cases
# under UU 1/2015 as amended (UU 10/2016) and Perbawaslu 8/2020 as amended by Perbawaslu 9/2024. The ASN
# law in force is UU 20/2023, which replaced UU 5/2014 and moved KASN's functions to KemenPANRB and BKN
# (Pasal 70 ayat (3); Perpres 92/2024; SE MenPANRB 4/2024).
ELECTION_LAW = {
    "pemilu": "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum",
    "pilkada": (
        "Undang-Undang Nomor 1 Tahun 2015 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang "
        "Nomor 1 Tahun 2014 tentang Pemilihan Gubernur, Bupati, dan Walikota menjadi Undang-Undang "
        "sebagaimana telah diubah dengan Undang-Undang Nomor 10 Tahun 2016"
    ),
}
HANDLING_REGULATION = {
    "pemilu": (
        "Peraturan Badan Pengawas Pemilihan Umum Nomor 7 Tahun 2022 tentang Penanganan Temuan dan "
        "Laporan Pelanggaran Pemilihan Umum"
    ),
    "pilkada": (
        "Peraturan Badan Pengawas Pemilihan Umum Nomor 8 Tahun 2020 tentang Penanganan Pelanggaran "
        "Pemilihan Gubernur dan Wakil Gubernur, Bupati dan Wakil Bupati, serta Walikota dan Wakil "
        "Walikota sebagaimana telah diubah dengan Peraturan Badan Pengawas Pemilihan Umum Nomor 9 "
        "Tahun 2024"
    ),
}
# The article that sends a proven "other law" violation (ASN neutrality) to the competent agency.
FORWARDING_ARTICLE = {
    "pemilu": "Pasal 455 ayat (1) huruf c Undang-Undang Nomor 7 Tahun 2017",
    "pilkada": "Pasal 135 Undang-Undang Nomor 1 Tahun 2015 sebagaimana telah diubah dengan "
    "Undang-Undang Nomor 10 Tahun 2016",
}
ASN_LAW = "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara"
ASN_OVERSIGHT_BASIS = (
    "Pasal 70 ayat (3) Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara; Peraturan "
    "Presiden Nomor 92 Tahun 2024; Surat Edaran Menteri PANRB Nomor 4 Tahun 2024 tentang Pengalihan "
    "Pelaksanaan Pengawasan Sistem Merit dalam Manajemen ASN"
)
SKB_2022 = (
    "Keputusan Bersama MenPANRB, Mendagri, Kepala BKN, Ketua KASN dan Ketua Bawaslu Tahun 2022 tentang "
    "Pedoman Pembinaan dan Pengawasan Netralitas Pegawai ASN dalam Penyelenggaraan Pemilihan Umum dan "
    "Pemilihan"
)


def election_kind(case) -> str:
    """ "pilkada" or "pemilu" (a case with no election yet is handled as Pemilu, the general regime)."""
    election = case.election if getattr(case, "election_id", None) else None
    return "pilkada" if election is not None and election.kind == "pilkada" else "pemilu"


def case_law(case) -> dict:
    kind = election_kind(case)
    return {
        "election_kind": kind,
        "election_law": ELECTION_LAW[kind],
        "handling_regulation": HANDLING_REGULATION[kind],
        "forwarding_article": FORWARDING_ARTICLE[kind],
        "asn_law": ASN_LAW,
        "asn_oversight_basis": ASN_OVERSIGHT_BASIS,
        "skb_2022": SKB_2022,
    }


@dataclass(frozen=True)
class Letterhead:
    """What every letter shares: kop surat (logo, address, telephone, e-mail, website), the number
    block, place and date, addressee, the signer from the office's settings, and the tembusan."""

    agency: Agency
    number: str
    dated: dt.date
    subject_line: str  # Perihal
    addressee: str  # after "Yth."
    attachment: str = "-"  # Lampiran
    nature: str = "Penting"  # Sifat
    copies: tuple[str, ...] = ()  # Tembusan
    address_line: str = "di Tempat"

    def context(self) -> dict:
        office = letter_settings(self.agency)
        extra = [line.strip() for line in (office.extra_copies if office else "").splitlines()]
        copies = [c for c in (*self.copies, *extra) if c]
        on_behalf = office.signer_on_behalf.strip() if office else ""
        position = (office.signer_position.strip() if office else "") or signer_title(self.agency)
        return {
            "office_name": self.agency.name,
            "office_address": self.agency.address,
            "office_email": self.agency.email,
            "office_telephone": office.telephone if office else "",
            "office_website": office.website if office else "",
            "office_logo": _logo_uri(office),
            "is_bawaslu": self.agency.family == AgencyFamily.BAWASLU,
            "parent_name": self.agency.parent.name if self.agency.parent_id else "",
            "number": self.number,
            "nature": self.nature,
            "attachment": self.attachment,
            "subject_line": self.subject_line,
            "place_date": f"{place_name(self.agency)}, {date_id(self.dated)}",
            "addressee": self.addressee,
            "address_line": self.address_line,
            "signer_on_behalf": on_behalf,
            "signer_title": position,
            "signer_name": office.signer_name.strip() if office else "",
            "signer_nip": office.signer_nip.strip() if office else "",
            "copies": copies,
        }


# --- the letter as issued, and its PDF ---------------------------------------------------------------
# A letter is numbered and its row written inside the move's transaction (case and counter locked);
# WeasyPrint runs after the commit (services.letters_render). So that the PDF shows the case as it
# was when the letter was issued, everything a template reads is frozen into `Document.render_context`
# at issue: the letterhead (kop, signer, tembusan), the service's context, and of the case itself only
# `case_snapshot`'s fields (a template that needs another field of the case adds it there).


def case_snapshot(case) -> dict:
    """What the letter templates read of `case` (`case.reference`, `case.office.name`, ...)."""
    return {
        "reference": case.reference,
        "decision_summary": case.decision_summary,
        "destination": case.destination,
        "office": {"name": case.office.name},
    }


def frozen(value):
    """`value` as JSON: a lazy translation becomes the text it reads now (the record's language); a
    mapping, list or tuple is frozen item by item. Anything else (a model instance, a date) is refused:
    the letter would otherwise read it later, not as issued."""
    if isinstance(value, Promise):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return {str(key): frozen(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [frozen(item) for item in value]
    raise TypeError(f"A letter's context holds only text, numbers, lists and mappings, not {type(value)!r}")


@in_record_language
def letter_snapshot(*, head: Letterhead, context: dict) -> dict:
    """The whole context of a letter as issued (kept on the Document, rendered later)."""
    return frozen({**head.context(), **context})


@in_record_language
def render_letter(*, template: str, context: dict) -> bytes:
    """Render `templates/cases/letters/<template>` with `context` to PDF bytes with WeasyPrint
    (fonts: Noto)."""
    from weasyprint import HTML  # imported lazily: it loads fonts and Pango on first use

    html = render_to_string(f"cases/letters/{template}", context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def render_pdf(*, template: str, head: Letterhead, context: dict) -> bytes:
    """Render a form at once (the BAP klarifikasi, made on request and never stored)."""
    return render_letter(template=template, context={**head.context(), **context})
