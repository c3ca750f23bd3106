"""Indonesia's three time zones by province (Keppres No. 41 Tahun 1987 tentang Pembagian Wilayah
Republik Indonesia Menjadi 3 (Tiga) Wilayah Waktu).

- WIB (UTC+7, Asia/Jakarta): Sumatra, Kepulauan Riau, Bangka Belitung, Java, Kalimantan Barat and
  Kalimantan Tengah.
- WITA (UTC+8, Asia/Makassar): Bali, NTB, NTT, Kalimantan Selatan, Kalimantan Timur, Kalimantan Utara
  and all of Sulawesi.
- WIT (UTC+9, Asia/Jayapura): Maluku, Maluku Utara and the six Papua provinces.

Every deadline is counted in the handling office's zone, so this table decides what "hari ke-7" means.
"""

WIB = "Asia/Jakarta"
WITA = "Asia/Makassar"
WIT = "Asia/Jayapura"

ZONE_ABBREVIATIONS = {WIB: "WIB", WITA: "WITA", WIT: "WIT"}

_WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96"}


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
    return ZONE_ABBREVIATIONS.get(tz_name, tz_name)
