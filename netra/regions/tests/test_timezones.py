"""Time zones by province: Keppres 41/1987 (three zones).

The expected table is written out here, province by province, independently of timezones.py.
"""

import pytest

from netra.regions.models import Region
from netra.regions.timezones import WIB, WIT, WITA, timezone_for_region, zone_abbreviation

EXPECTED = {
    # Sumatra and its islands (WIB)
    "11": WIB,  # Aceh
    "12": WIB,  # Sumatera Utara
    "13": WIB,  # Sumatera Barat
    "14": WIB,  # Riau
    "15": WIB,  # Jambi
    "16": WIB,  # Sumatera Selatan
    "17": WIB,  # Bengkulu
    "18": WIB,  # Lampung
    "19": WIB,  # Kepulauan Bangka Belitung
    "21": WIB,  # Kepulauan Riau
    # Java (WIB)
    "31": WIB,  # DKI Jakarta
    "32": WIB,  # Jawa Barat
    "33": WIB,  # Jawa Tengah
    "34": WIB,  # DI Yogyakarta
    "35": WIB,  # Jawa Timur
    "36": WIB,  # Banten
    # Bali and Nusa Tenggara (WITA)
    "51": WITA,  # Bali
    "52": WITA,  # Nusa Tenggara Barat
    "53": WITA,  # Nusa Tenggara Timur
    # Kalimantan: west and central WIB, south/east/north WITA
    "61": WIB,  # Kalimantan Barat
    "62": WIB,  # Kalimantan Tengah
    "63": WITA,  # Kalimantan Selatan
    "64": WITA,  # Kalimantan Timur
    "65": WITA,  # Kalimantan Utara
    # Sulawesi (WITA)
    "71": WITA,  # Sulawesi Utara
    "72": WITA,  # Sulawesi Tengah
    "73": WITA,  # Sulawesi Selatan
    "74": WITA,  # Sulawesi Tenggara
    "75": WITA,  # Gorontalo
    "76": WITA,  # Sulawesi Barat
    # Maluku and Papua (WIT)
    "81": WIT,  # Maluku
    "82": WIT,  # Maluku Utara
    "91": WIT,  # Papua
    "92": WIT,  # Papua Barat
    "93": WIT,  # Papua Selatan
    "94": WIT,  # Papua Tengah
    "95": WIT,  # Papua Pegunungan
    "96": WIT,  # Papua Barat Daya
}


def test_table_covers_38_provinces():
    assert len(EXPECTED) == 38


@pytest.mark.parametrize(("code", "zone"), sorted(EXPECTED.items()))
def test_timezone_for_province(code, zone):
    assert timezone_for_region(code) == zone


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("64.71", WITA),  # Kota Balikpapan
        ("64.71.01", WITA),
        ("62.02", WIB),  # Kotawaringin Timur: Kalimantan Tengah is WIB, unlike its neighbours
        ("61.71", WIB),  # Kota Pontianak
        ("63.71", WITA),  # Kota Banjarmasin
        ("94.01", WIT),
        ("21.71", WIB),  # Kota Batam
    ],
)
def test_kabupaten_kota_and_kecamatan_follow_their_province(code, zone):
    assert timezone_for_region(code) == zone


@pytest.mark.parametrize("code", ["", "6", "ab.01", "640.71", "64x"])
def test_malformed_codes_are_rejected(code):
    with pytest.raises(ValueError, match="region code"):
        timezone_for_region(code)


def test_abbreviations():
    assert [zone_abbreviation(z) for z in (WIB, WITA, WIT)] == ["WIB", "WITA", "WIT"]
    assert zone_abbreviation("Europe/Amsterdam") == "Europe/Amsterdam"


@pytest.mark.django_db
def test_every_stored_region_has_its_province_zone():
    provinces = dict(Region.objects.filter(level=1).values_list("code", "timezone"))
    assert provinces == EXPECTED
    wrong = [
        code
        for code, tz in Region.objects.filter(level__gt=1).values_list("code", "timezone")
        if tz != EXPECTED[code[:2]]
    ]
    assert wrong == []
