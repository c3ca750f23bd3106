"""Region outlines: `manage.py import_boundaries` on the real files in ../shared/data/boundaries (read in
place, never copied into the repository; see SOURCE.md there), `boundaries_geojson`, and the vendored
ECharts the map draws them with.

The expectations come from the files themselves, read here without the importer's logic: the cahyadsn
files carry Kemendagri codes in `kode` (38 provinces, 514 kab/kota); `indonesia-38-provinces.geojson`
labels the four 2022 Papua provinces with their parents' codes (91/92) and must be put right by name.
"""

import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from netra.audit.models import AuditLogEntry
from netra.regions.boundaries import name_key, normalize_code
from netra.regions.models import Region, RegionBoundary
from netra.regions.selectors import boundaries_geojson

BOUNDARIES = Path(settings.BASE_DIR).parent / "shared" / "data" / "boundaries"
PROVINCES = BOUNDARIES / "provinsi_38_simplified.geojson"  # cahyadsn/wilayah_boundaries (MIT)
PROVINCES_ALT = BOUNDARIES / "indonesia-38-provinces.geojson"  # denyherianto (CC BY 4.0), Papua as 91/92
KABKOTA = BOUNDARIES / "kabupaten_kota_514_simplified.geojson"  # cahyadsn/wilayah_boundaries (MIT)
NEW_PAPUA = {"93": "91", "94": "91", "95": "91", "96": "92"}


def _needs(path: Path):
    return pytest.mark.skipif(
        not path.exists(),
        reason=f"{path} is absent: the shared boundary files (../shared/data/boundaries) are not on this machine",
    )


def _run(*args, **options) -> str:
    out = io.StringIO()
    call_command("import_boundaries", *[str(a) for a in args], stdout=out, **options)
    return out.getvalue()


def _features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def _write(tmp_path: Path, features: list[dict], name: str = "edited.geojson") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def _rows(level: int) -> dict[str, RegionBoundary]:
    return {b.region_id: b for b in RegionBoundary.objects.filter(region__level=level)}


def _codes(level: int) -> set[str]:
    return set(Region.objects.filter(level=level, is_active=True).values_list("code", flat=True))


def _first_point(geometry: dict) -> list[float]:
    coords = geometry["coordinates"]
    return coords[0][0] if geometry["type"] == "Polygon" else coords[0][0][0]


def _bbox(geometry: dict) -> tuple[float, float, float, float]:
    points = [p for polygon in geometry["coordinates"] for ring in polygon for p in ring]
    lngs, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lngs), min(lats), max(lngs), max(lats)


# ------------------------------------------------------------------------------------- the real files


@_needs(PROVINCES)
@pytest.mark.django_db
def test_the_38_province_file_draws_every_province_by_code():
    out = _run(PROVINCES, "--level", "province")

    rows = _rows(Region.Level.PROVINCE)
    assert set(rows) == _codes(Region.Level.PROVINCE)
    assert len(rows) == 38
    assert "code property 'kode', name property 'nama'" in out
    assert "Matched: 38 regions (38 by code, 0 by name, 0 drawn on the parent's shape" in out
    assert "Features with no region: 0. Regions of the level with no feature: 0 " in out
    assert all(r.shape_from_id is None and r.geometry["type"] == "MultiPolygon" for r in rows.values())
    assert "provinsi_38_simplified.geojson (sha256 " in rows["64"].source


@_needs(PROVINCES_ALT)
@pytest.mark.django_db
def test_the_other_38_province_file_has_papua_labelled_91_92_and_is_put_right_by_name():
    features = _features(PROVINCES_ALT)
    by_label = {f["properties"]["id"]: f for f in features}
    # What the file really holds (SOURCE.md): six features share KODE_PROV 91/92.
    assert sorted(f["properties"]["KODE_PROV"] for f in features).count("91") == 4

    out = _run(PROVINCES_ALT)  # level and properties detected

    rows = _rows(Region.Level.PROVINCE)
    assert set(rows) == _codes(Region.Level.PROVINCE)
    assert "level province, code property 'KODE_PROV', name property 'PROVINSI'" in out
    assert "Matched: 38 regions (34 by code, 4 by name, 0 drawn on the parent's shape" in out
    assert "the code is 91, the name 94; drawn as 94 Papua Tengah" in out
    assert "the code is 92, the name 96; drawn as 96 Papua Barat Daya" in out
    # Each new province carries its own outline (not its parent's): 91-D is Papua Tengah in the file.
    for label, code in {
        "91-A": "91",
        "91-B": "95",
        "91-C": "93",
        "91-D": "94",
        "92-A": "92",
        "92-B": "96",
    }.items():
        expected = [round(v, 5) for v in _first_point(by_label[label]["geometry"])[:2]]
        assert _first_point(rows[code].geometry) == expected, code
        assert rows[code].shape_from_id is None
    # DKI Jakarta ("DKI Jakarta" in the file, "Daerah Khusus Ibukota Jakarta" in Kemendagri's table).
    assert rows["31"].geometry["coordinates"]


@_needs(PROVINCES_ALT)
@pytest.mark.django_db
def test_a_pre_2022_map_draws_the_four_new_papua_provinces_on_the_parents_shape(tmp_path):
    old = [
        f for f in _features(PROVINCES_ALT) if f["properties"]["id"] not in ("91-B", "91-C", "91-D", "92-B")
    ]
    assert len(old) == 34

    out = _run(_write(tmp_path, old, "indonesia-34.geojson"))

    rows = _rows(Region.Level.PROVINCE)
    assert set(rows) == _codes(Region.Level.PROVINCE)
    assert "Matched: 38 regions (34 by code, 0 by name, 4 drawn on the parent's shape" in out
    assert "Regions of the level with no feature: 4 (4 drawn on the parent's shape)" in out
    assert "drawn on the parent's shape: 94 Papua Tengah on 91 Papua" in out
    assert "drawn on the parent's shape: 96 Papua Barat Daya on 92 Papua Barat" in out
    for code, parent in NEW_PAPUA.items():
        assert rows[code].shape_from_id == parent
        assert rows[code].geometry == rows[parent].geometry
    tengah = next(f for f in boundaries_geojson("province")["features"] if f["id"] == "94")
    assert tengah["properties"] == {"code": "94", "name": "Papua Tengah", "shape_from": "91"}


@_needs(KABKOTA)
@pytest.mark.django_db
def test_the_kabkota_file_matches_what_it_holds():
    features = _features(KABKOTA)
    file_codes = {f["properties"]["kode"] for f in features}
    regions = _codes(Region.Level.REGENCY)
    expected_matched, expected_unmatched = file_codes & regions, file_codes - regions
    expected_missing = regions - file_codes
    # SOURCE.md: every one of the 514 codes is a Kemendagri 2025 code, and every kab/kota has a feature.
    assert (len(expected_matched), len(expected_unmatched), len(expected_missing)) == (514, 0, 0)

    out = _run(KABKOTA, "--level", "kabkota", verbosity=2)

    rows = _rows(Region.Level.REGENCY)
    assert set(rows) == expected_matched
    assert f"Matched: {len(expected_matched)} regions ({len(expected_matched)} by code, 0 by name" in out
    assert (
        f"Features with no region: {len(expected_unmatched)}. "
        f"Regions of the level with no feature: {len(expected_missing)} "
    ) in out
    # [lng, lat] the right way round: Balikpapan's outline holds the file's own centroid of it.
    balikpapan = next(f for f in features if f["properties"]["kode"] == "64.71")["properties"]
    west, south, east, north = _bbox(rows["64.71"].geometry)
    assert west <= balikpapan["lng"] <= east
    assert south <= balikpapan["lat"] <= north


@_needs(KABKOTA)
@pytest.mark.django_db
def test_unmatched_features_and_missing_regions_are_listed_and_other_codes_resolved(tmp_path):
    features = [f for f in _features(KABKOTA) if f["properties"]["kode"] != "64.71"]  # Balikpapan gone
    edits = {
        "64.72": {"kode": "6472", "nama": "Kota Samarinda"},  # BPS-style 4 digits
        "93.01": {"kode": "91.01", "nama": "Kab. Merauke"},  # its code before the 2022 split
        "11.10": {"kode": 11.1, "nama": "Aceh Singkil"},  # the float trap: the name still finds 11.10
        "65.71": {"kode": "99.99", "nama": "Kota Atlantis"},  # no such region
    }
    for feature in features:
        feature["properties"].update(edits.get(feature["properties"]["kode"], {}))
        feature["id"] = feature["properties"]["kode"]  # the file repeats the code as the feature id

    out = _run(_write(tmp_path, features), "--level", "kabkota", verbosity=2)

    rows = _rows(Region.Level.REGENCY)
    assert set(rows) == _codes(Region.Level.REGENCY) - {"64.71", "65.71"}
    assert "Matched: 512 regions (510 by code, 2 by name" in out
    assert "Features with no region: 1. Regions of the level with no feature: 2 " in out
    assert re.search(r"no region for feature: #\d+ code='99\.99' name='Kota Atlantis'", out)
    assert "no feature for region: 64.71 Kota Balikpapan" in out
    assert "no feature for region: 65.71 Kota Tarakan" in out
    assert {"93.01", "64.72", "11.10"} <= set(rows)


# ----------------------------------------------------------------------------- errors, dry run, re-runs


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[]", "is not a GeoJSON FeatureCollection"),
        ('{"type": "Topology", "objects": {}}', "is TopoJSON"),
        ('{"type": "FeatureCollection", "features": []}', "has no features"),
        ('{"type": "FeatureCollection", "features": [{"type": "Point"}]}', "is not a GeoJSON Feature"),
        (
            '{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:3857"}}, '
            '"features": [{"type": "Feature", "properties": {"kode": "64"}, "geometry": null}]}',
            "declares the CRS",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kode": "64"}, '
            '"geometry": {"type": "Point", "coordinates": [116.8, -1.2]}}]}',
            "only Polygon and MultiPolygon",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kode": "64"}, '
            '"geometry": {"type": "Polygon", "coordinates": [[[116.8, "x"], [117, -1], [117, -2], [116.8, "x"]]]}}]}',
            "is not a \\[longitude, latitude\\] position",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kode": "64"}, '
            '"geometry": {"type": "Polygon", "coordinates": [[[-1.2, 116.8], [-1, 117], [-2, 117], [-1.2, 116.8]]]}}]}',
            "Coordinates are \\[lat, lng\\]",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kode": "64"}, '
            '"geometry": {"type": "Polygon", "coordinates": [[[13e6, -1e5], [13e6, -2e5], [13.1e6, -2e5], [13e6, -1e5]]]}}]}',
            "not degrees of longitude/latitude",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kode": "64"}, '
            '"geometry": null}]}',
            "No feature has a geometry",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kode": "xx", '
            '"nama": "Atlantis"}, "geometry": null}]}',
            "No property holds Kemendagri codes or region names",
        ),
    ],
)
@pytest.mark.django_db
def test_a_malformed_file_is_a_command_error_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / "bad.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        _run(path)
    assert not RegionBoundary.objects.exists()


@pytest.mark.django_db
def test_a_missing_file_and_a_bad_precision_are_command_errors(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        _run(tmp_path / "nowhere.geojson")
    if PROVINCES.exists():
        with pytest.raises(CommandError, match="Precision must be 3..7"):
            _run(PROVINCES, "--precision", "12")


@_needs(PROVINCES)
@pytest.mark.django_db
def test_a_bad_feature_late_in_the_file_leaves_the_previous_import_untouched(tmp_path):
    _run(PROVINCES, "--source", "first import")
    features = _features(PROVINCES)
    features[30]["geometry"] = {"type": "LineString", "coordinates": [[116.8, -1.2], [117, -1]]}

    with pytest.raises(CommandError, match="#31 .*geometry type 'LineString'"):
        _run(_write(tmp_path, features))

    rows = _rows(Region.Level.PROVINCE)
    assert len(rows) == 38
    assert all(r.source.startswith("first import") for r in rows.values())


@_needs(PROVINCES)
@pytest.mark.django_db
def test_the_wrong_level_is_refused_rather_than_replacing_the_level(tmp_path):
    with pytest.raises(CommandError, match="Only 1 of 38 features found a kabkota region; nothing written"):
        _run(PROVINCES, "--level", "kabkota")  # only "Gorontalo" is also a kabupaten's name
    assert not RegionBoundary.objects.exists()


@_needs(PROVINCES)
@pytest.mark.django_db
def test_dry_run_reports_but_writes_nothing():
    audit_rows = AuditLogEntry.objects.count()

    out = _run(PROVINCES, "--dry-run")

    assert out.startswith("DRY RUN, nothing written.")
    assert "Matched: 38 regions" in out
    assert not RegionBoundary.objects.exists()
    assert AuditLogEntry.objects.count() == audit_rows


@_needs(PROVINCES)
@_needs(KABKOTA)
@pytest.mark.django_db
def test_reimport_is_idempotent_and_keeps_the_other_level():
    _run(KABKOTA)
    _run(PROVINCES)
    first = {code: (b.geometry, b.source) for code, b in _rows(Region.Level.PROVINCE).items()}
    audit_rows = AuditLogEntry.objects.filter(action="region.boundaries_import").count()

    _run(PROVINCES)

    second = {code: (b.geometry, b.source) for code, b in _rows(Region.Level.PROVINCE).items()}
    assert second == first
    assert RegionBoundary.objects.count() == 38 + 514
    entry = AuditLogEntry.objects.filter(action="region.boundaries_import").latest("seq")
    assert AuditLogEntry.objects.filter(action="region.boundaries_import").count() == audit_rows + 1
    assert entry.before == {"rows": 38}
    assert entry.after["regions_drawn"] == 38


# --------------------------------------------------------------------------------------------- selector


@_needs(KABKOTA)
@pytest.mark.django_db
def test_boundaries_geojson_gives_a_feature_collection_per_level_and_province():
    _run(KABKOTA)
    Region.objects.filter(code="64.74").update(is_active=False)  # a retired code is not drawn

    kaltim = boundaries_geojson("kabkota", parent_code="64")

    expected = sorted(c for c in _codes(Region.Level.REGENCY) if c.startswith("64."))
    assert kaltim["type"] == "FeatureCollection"
    assert [f["id"] for f in kaltim["features"]] == expected
    balikpapan = next(f for f in kaltim["features"] if f["id"] == "64.71")
    assert balikpapan["properties"] == {"code": "64.71", "name": "Kota Balikpapan", "shape_from": None}
    assert balikpapan["geometry"]["type"] == "MultiPolygon"
    assert len(boundaries_geojson(2)["features"]) == 513
    assert boundaries_geojson("province") == {"type": "FeatureCollection", "features": []}
    with pytest.raises(ValueError, match="level must be one of"):
        boundaries_geojson("kecamatan")


# ---------------------------------------------------------------------------------------- normalising


@pytest.mark.parametrize(
    ("value", "code"),
    [("64.71", "64.71"), (" 64 ", "64"), (64, "64"), (64.0, "64"), ("6471", "64.71"), ("ID6471", "64.71")],
)
def test_codes_are_read_as_strings_in_the_region_tables_format(value, code):
    assert normalize_code(value) == code


def test_a_float_code_is_not_mistaken_for_another_region():
    assert normalize_code(11.1) == "11.1"  # not a code: "11.10" Aceh Singkil is found by its name instead


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("DKI Jakarta", "Daerah Khusus Ibukota Jakarta"),
        ("Daerah Khusus Jakarta", "Daerah Khusus Ibukota Jakarta"),
        ("DI Yogyakarta", "Daerah Istimewa Yogyakarta"),
        ("Provinsi Papua Tengah", "Papua Tengah"),
        ("Kab. Aceh Selatan", "Kabupaten Aceh Selatan"),
        ("Aceh Selatan", "Kabupaten Aceh Selatan"),
        ("Kota Jakarta Utara", "Kota Administrasi Jakarta Utara "),
        ("Kabupaten Tolitoli", "Kabupaten Toli-Toli"),
        ("Kep. Siau Tagulandang Biaro", "Kabupaten Kep. Siau Tagulandang Biaro"),
    ],
)
def test_names_compare_across_spellings(a, b):
    assert name_key(a) == name_key(b)


def test_kota_and_kabupaten_of_one_name_stay_apart():
    assert name_key("Kota Bogor") != name_key("Kabupaten Bogor")


# ------------------------------------------------------------------------------------ vendored ECharts


def test_vendored_echarts_is_present():
    folder = Path(settings.BASE_DIR) / "static" / "vendor" / "echarts"
    head = (folder / "echarts.min.js").read_text(encoding="utf-8")
    assert head.startswith("\n/*\n* Licensed to the Apache Software Foundation (ASF)")
    assert re.search(r'\.version="6\.1\.\d+"', head)
    assert "Apache License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert "6.1.0" in (folder / "README.md").read_text(encoding="utf-8")
