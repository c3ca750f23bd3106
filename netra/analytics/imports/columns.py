"""The import's columns: one table (`COLUMNS`) naming each column, whether it is required, what it
accepts and how a cell is parsed. The upload page, the downloadable template and docs/import.md all
describe exactly this table (a test checks the docs name every column).

A parser takes the raw cell (a string from a CSV; a string, number, date or None from an XLSX) and the
run's reference data, and returns the canonical value or raises `CellError` with the reason, in
Indonesian (the error report is part of the record).
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

OLDEST = dt.date(2000, 1, 1)  # earlier than any election Netra knows; catches 1900 from empty Excel cells


class CellError(ValueError):
    """One cell cannot be read: `str(error)` says why (shown in the error report)."""


def text(value: Any) -> str:
    """A cell as trimmed text ('' for an empty cell); whole numbers lose Excel's '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def key(value: str) -> str:
    """A spelling-insensitive key: 'Camat/Lurah' and 'camat_lurah' match, so do 'KE-4' and 'ke 4'."""
    return re.sub(r"[^0-9a-z]+", "_", value.casefold()).strip("_")


# --- dates --------------------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def parse_date(value: Any, refs) -> dt.date | None:
    """ISO (2024-10-01, also with a time as spreadsheets export it), dd-mm-yyyy or dd/mm/yyyy, or a
    date cell of an XLSX. Not before 2000 and not after today."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float):
        raise CellError(
            _g("bukan tanggal (angka %(v)s): tulis seperti 2024-10-01 atau 01-10-2024") % {"v": text(value)}
        )
    else:
        raw = text(value)
        if not raw:
            return None
        day = _date_from_text(raw)
    if day < OLDEST:
        raise CellError(_g("tanggal %(d)s terlalu lama (sebelum tahun 2000)") % {"d": day.isoformat()})
    if day > refs.today:
        raise CellError(_g("tanggal %(d)s ada di masa depan") % {"d": day.isoformat()})
    return day


def _date_from_text(raw: str) -> dt.date:
    iso, dmy = _ISO.match(raw), _DMY.match(raw)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dmy:
            return dt.date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError:
        raise CellError(_g("tanggal '%(v)s' tidak ada di kalender") % {"v": raw}) from None
    raise CellError(
        _g("format tanggal '%(v)s' tidak dikenal: tulis 2024-10-01, 01-10-2024 atau 01/10/2024") % {"v": raw}
    )


# --- choices ------------------------------------------------------------------------------------------

_YES = {"ya", "y", "yes", "1", "true", "benar"}
_NO = {"tidak", "t", "tdk", "no", "n", "0", "false", "salah"}


def parse_yes_no(value: Any, refs) -> bool | None:
    raw = key(text(value))
    if not raw or raw == "kosong":
        return None
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise CellError(_g("isi 'ya', 'tidak' atau kosongkan, bukan '%(v)s'") % {"v": text(value)})


def choice(lookup_name: str) -> Callable[[Any, Any], str]:
    """A parser for one of the reference data's choice tables (`refs.choices[lookup_name]`: spelling
    key → canonical value); an empty cell is ''."""

    def parse(value: Any, refs) -> str:
        raw = text(value)
        if not raw:
            return ""
        table = refs.choices[lookup_name]
        found = table.get(key(raw))
        if found is None:
            allowed = ", ".join(sorted(set(table.values())))
            raise CellError(
                _g("nilai '%(v)s' tidak dikenal; gunakan salah satu: %(a)s") % {"v": raw, "a": allowed}
            )
        return found

    return parse


def parse_free_text(value: Any, refs) -> str:
    raw = text(value)
    if len(raw) > 200:
        raise CellError(_g("terlalu panjang (%(n)s karakter, paling banyak 200)") % {"n": len(raw)})
    return raw


def _resolver(method: str) -> Callable[[Any, Any], Any]:
    def parse(value: Any, refs) -> Any:
        return getattr(refs, method)(value)

    return parse


# --- the table ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    what: Any  # lazy text: what the column holds
    accepted: Any  # lazy text: the values it accepts
    example: str  # the template's example row
    parse: Callable[[Any, Any], Any]


COLUMNS: tuple[Column, ...] = (
    Column(
        "kode_wilayah",
        False,
        _("Kode wilayah Kemendagri tempat kejadian (wajib bila kolom wilayah kosong)"),
        _("64.71 (kab/kota), 64 (provinsi), 64.71.05 (kecamatan); tanpa titik juga boleh: 6471"),
        "64.71",
        _resolver("region_code"),
    ),
    Column(
        "wilayah",
        False,
        _("Nama wilayah (dipakai bila kode_wilayah kosong; bila keduanya diisi harus cocok)"),
        _("Kota Balikpapan, Kabupaten Purbalingga, Jawa Tengah; nama yang ambigu ditolak"),
        "Kota Balikpapan",
        _resolver("region_name"),
    ),
    Column(
        "pemilihan",
        True,
        _("Pemilihan"),
        _("kode (pilkada-2020, pemilu-2024) atau jenis dan tahun: Pilkada 2020, Pemilu 2024"),
        "pilkada-2024",
        _resolver("election"),
    ),
    Column(
        "tanggal_diterima",
        True,
        _("Tanggal laporan diterima atau temuan dicatat"),
        _("2024-10-01, 01-10-2024 atau 01/10/2024"),
        "2024-10-01",
        parse_date,
    ),
    Column("tanggal_registrasi", False, _("Tanggal registrasi"), _("tanggal"), "2024-10-03", parse_date),
    Column(
        "tanggal_putusan", False, _("Tanggal putusan pleno Bawaslu"), _("tanggal"), "2024-10-11", parse_date
    ),
    Column(
        "terbukti",
        False,
        _("Terbukti melanggar menurut Bawaslu"),
        _("ya / tidak / kosong (belum diputus)"),
        "ya",
        parse_yes_no,
    ),
    Column(
        "tanggal_diteruskan",
        False,
        _("Tanggal diteruskan ke pengawas ASN (KASN/BKN)"),
        _("tanggal"),
        "2024-10-14",
        parse_date,
    ),
    Column(
        "tanggal_rekomendasi",
        False,
        _("Tanggal rekomendasi sanksi kepada PPK"),
        _("tanggal"),
        "2024-11-04",
        parse_date,
    ),
    Column("tanggal_sanksi", False, _("Tanggal keputusan sanksi oleh PPK"), _("tanggal"), "", parse_date),
    Column(
        "hasil",
        False,
        _("Hasil akhir bila penanganan berhenti atau selesai (kosong: masih berjalan)"),
        _(
            "terbukti, tidak_terbukti, bukan_pelanggaran, tidak_diregistrasi, dicabut, "
            "tidak_terbukti_pengawas_asn, dihentikan, selesai (berakhir tanpa sanksi karena sebab lain)"
        ),
        "terbukti",
        choice("outcome"),
    ),
    Column(
        "instansi_ppk",
        False,
        _("Instansi tempat ASN bekerja (PPK)"),
        _("nama instansi, paling banyak 200 karakter"),
        "Pemerintah Kota Balikpapan",
        parse_free_text,
    ),
    Column(
        "jabatan",
        False,
        _("Kategori jabatan ASN"),
        _("jpt, administrator, pengawas, fungsional, pelaksana, camat_lurah, lainnya (atau labelnya)"),
        "camat_lurah",
        choice("position"),
    ),
    Column(
        "jenis_kepegawaian", False, _("Jenis kepegawaian"), _("PNS atau PPPK"), "PNS", choice("employment")
    ),
    Column(
        "kode_pelanggaran",
        False,
        _("Butir pelanggaran SKB 2022"),
        _("KE-1 … KE-7, D-1 … D-11 (D-9a, D-9b)"),
        "D-6",
        _resolver("violation"),
    ),
    Column(
        "kategori",
        False,
        _("Perbuatan (kosong: dari butir pelanggaran)"),
        _("kode perbuatan katalog, mis. medsos-interaksi, hadir-deklarasi"),
        "medsos-interaksi",
        _resolver("conduct"),
    ),
    Column(
        "tingkat_sanksi",
        False,
        _("Tingkat sanksi yang direkomendasikan"),
        _("moral, ringan, sedang, berat, ptdh (atau labelnya)"),
        "sedang",
        choice("level"),
    ),
    Column(
        "sanksi_dijatuhkan",
        False,
        _("Tingkat sanksi yang dijatuhkan PPK (wajib dengan tanggal_sanksi)"),
        _("moral, ringan, sedang, berat, ptdh (atau labelnya)"),
        "",
        choice("level"),
    ),
    Column(
        "rujukan",
        False,
        _(
            "Rujukan sumber, mis. nomor registrasi dan urutan terlapor (hanya membedakan baris; tidak disimpan)"
        ),
        _("teks bebas, paling banyak 200 karakter"),
        "001/Reg/LP/PW/Kota/23.04/X/2024 #1",
        parse_free_text,
    ),
)

BY_NAME = {c.name: c for c in COLUMNS}
REQUIRED = tuple(c.name for c in COLUMNS if c.required)
# The stages' dates, in the order the law's chain reaches them: none may precede the one before it.
STAGE_DATES = (
    "tanggal_diterima",
    "tanggal_registrasi",
    "tanggal_putusan",
    "tanggal_diteruskan",
    "tanggal_rekomendasi",
    "tanggal_sanksi",
)


def header_name(value: Any) -> str:
    """A header cell as a column name: 'Tanggal Diterima' and 'tanggal_diterima' are the same."""
    return key(text(value))
