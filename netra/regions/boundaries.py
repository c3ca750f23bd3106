"""Province and kab/kota outlines from a GeoJSON file, joined to the region table on Kemendagri codes.

Files in the wild label regions differently, so a feature finds its region in this order:

1. **Code.** The code property is picked automatically (or given with `--code-property`): of the
   properties the features carry (and the feature `id`), the one whose values name the most distinct
   regions of the level. Codes are strings, never numbers (`"11.10"` is not `11.1`). `"64.71"`, BPS-style
   `"6471"` and OCHA p-codes `"ID6471"` all read as `64.71`.
2. **Name.** The name property is picked the same way. Names are compared ignoring case, spaces and
   punctuation, with abbreviations expanded (`DKI`, `DI`, `Kab.`, `Kep.`, `Adm.`), `Provinsi`,
   `Administrasi` and a leading `Kabupaten` dropped (so `Aceh Selatan` finds `Kabupaten Aceh Selatan`,
   while `Kota Bogor` stays apart from `Kabupaten Bogor`).
3. **Code and name agree** (or the name finds nothing): matched by code. Several features for one region
   (islands split into features) are merged into one MultiPolygon and listed in the report.
4. **Code and name disagree**, or the code is not a region of the level: the name's region is taken if no
   agreeing feature has it, else the code's. This is how a pre-2022 code is put right
   (`indonesia-38-provinces.geojson` labels Papua Tengah `KODE_PROV 91`, Kemendagri says 94) and how BPS
   kab/kota codes that differ from Kemendagri's are. Every such feature is listed in the report.
5. **Regions left without a feature**: the four provinces carved out of Papua and Papua Barat in 2022 take
   their parent's outline ("drawn on the parent's shape", `shape_from` set); any other is listed missing.

The import replaces every outline of the level in one transaction (re-running it is idempotent) and leaves
one audit row; a dry run reports without writing.
"""

import hashlib
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from netra.audit.services import audit_record
from netra.regions.models import Region, RegionBoundary

LEVELS: dict[str, int] = {"province": Region.Level.PROVINCE, "kabkota": Region.Level.REGENCY}
LEVEL_NAMES = {value: key for key, value in LEVELS.items()}

# Tried first, in this order, when two properties name equally many regions.
CODE_PROPERTIES = ("kode", "KODE", "KODE_PROV", "kode_prov", "KODE_KAB", "kode_kab", "KDPPUM", "KDPKAB")
CODE_PROPERTIES += ("code", "CODE", "id", "ID", "ADM1_PCODE", "ADM2_PCODE")
NAME_PROPERTIES = ("nama", "NAMA", "name", "NAME", "PROVINSI", "NAMA_PROV", "KABKOT", "NAMA_KAB", "WADMPR")
NAME_PROPERTIES += ("WADMKK", "ADM1_EN", "ADM2_EN", "NAME_1", "NAME_2")
FEATURE_ID = "<feature id>"

# The 2022 provinces and the province each was carved out of: Papua Selatan (UU 14/2022), Papua Tengah
# (UU 15/2022), Papua Pegunungan (UU 16/2022) from Papua; Papua Barat Daya (UU 29/2022) from Papua Barat.
PAPUA_SPLIT_2022 = {"93": "91", "94": "91", "95": "91", "96": "92"}

INDONESIA_EXTENT = (94.0, -12.0, 142.0, 7.0)  # lng min, lat min, lng max, lat max (with a margin)
DEFAULT_PRECISION = 5  # decimals of a degree: 5 is about 1 m, 4 about 11 m
PRECISION_RANGE = range(3, 8)

_ABBREVIATIONS = {
    "dki": "daerah khusus ibukota",
    "di": "daerah istimewa",
    "kab": "kabupaten",
    "kep": "kepulauan",
    "kepl": "kepulauan",
    "adm": "administrasi",
    "prov": "provinsi",
}


class BoundaryFileError(ValueError):
    """The file cannot be imported as it is (not GeoJSON, wrong geometry, nothing to join on)."""


@dataclass
class Match:
    code: str
    feature: str  # how the file labels it: "#12 kode=91 nama='Papua Tengah'"
    how: str  # "code", "name" or "parent" (the region's parent's outline stands in)


@dataclass
class ImportReport:
    level: str
    file: str
    sha256: str
    features: int
    code_property: str | None
    name_property: str | None
    precision: int
    dry_run: bool
    matched: dict[str, list[Match]] = field(default_factory=dict)  # region code -> the features drawn
    corrected: list[str] = field(default_factory=list)  # code and name disagreed: what was chosen
    unmatched: list[str] = field(default_factory=list)  # features with no region
    parent_shapes: list[str] = field(default_factory=list)  # regions drawn on the parent's shape
    missing: list[str] = field(default_factory=list)  # regions of the level with no outline at all
    stored_bytes: int = 0

    @property
    def counts(self) -> dict[str, int]:
        hows = [m.how for ms in self.matched.values() for m in ms[:1]]
        return {
            "features": self.features,
            "regions_drawn": len(self.matched),
            "by_code": hows.count("code"),
            "by_name": hows.count("name"),
            "merged": sum(1 for ms in self.matched.values() if len(ms) > 1),
            "parent_shape": len(self.parent_shapes),
            "unmatched_features": len(self.unmatched),
            "missing_regions": len(self.missing),
        }


# ---------------------------------------------------------------------------------------------- reading


def parse_level(level: int | str) -> int:
    """`1`/`"province"` or `2`/`"kabkota"` (the two levels with outlines) to Region.Level."""
    if isinstance(level, str) and level in LEVELS:
        return LEVELS[level]
    if level in LEVEL_NAMES:
        return int(level)
    raise ValueError(f"level must be one of {sorted(LEVELS)} (or 1, 2), not {level!r}")


def read_feature_collection(path: Path) -> tuple[list[dict], str]:
    """The features of a GeoJSON FeatureCollection and the file's SHA-256."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise BoundaryFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BoundaryFileError(f"{path} is not valid JSON: {exc}.") from exc
    kind = data.get("type") if isinstance(data, dict) else type(data).__name__
    if kind == "Topology":
        raise BoundaryFileError(f"{path} is TopoJSON; convert it to a GeoJSON FeatureCollection first.")
    if kind != "FeatureCollection":
        raise BoundaryFileError(f"{path} is not a GeoJSON FeatureCollection (type {kind!r}).")
    crs = json.dumps(data.get("crs") or "")
    if crs != '""' and not re.search(r"CRS84|4326", crs):
        raise BoundaryFileError(f"{path} declares the CRS {crs}; GeoJSON must be WGS84 longitude/latitude.")
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise BoundaryFileError(f"{path} has no features.")
    for i, feature in enumerate(features, 1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise BoundaryFileError(f"Feature #{i} is not a GeoJSON Feature.")
    return features, hashlib.sha256(raw).hexdigest()


def normalize_code(value: Any) -> str:
    """A code as the region table writes it: 64 → "64", "6471"/"ID6471" → "64.71"; "" when empty."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().upper().removeprefix("ID")
    if re.fullmatch(r"\d{4}", text):
        text = f"{text[:2]}.{text[2:]}"
    return text


def name_key(value: Any) -> str:
    """A name reduced for comparison (see the module docstring)."""
    if not isinstance(value, str):
        return ""
    words: list[str] = []
    for word in re.sub(r"[\W_]+", " ", value.casefold()).split():
        words += _ABBREVIATIONS.get(word, word).split()
    if words[:1] == ["provinsi"]:
        words = words[1:]
    words = [w for w in words if w != "administrasi"]
    if words[:1] == ["kabupaten"]:
        words = words[1:]
    key = "".join(words)
    # DKI Jakarta was renamed Daerah Khusus Jakarta (UU 2/2024): both names find 31.
    return key.replace("daerahkhususibukota", "daerahkhusus")


def _prop(feature: dict, name: str) -> Any:
    if name == FEATURE_ID:
        return feature.get("id")
    return (feature.get("properties") or {}).get(name)


def _candidates(features: list[dict], known: tuple[str, ...], forced: str | None) -> list[str]:
    if forced:
        if not any(_prop(f, forced) not in (None, "") for f in features):
            seen = sorted({k for f in features for k in (f.get("properties") or {})})
            raise BoundaryFileError(f"No feature has a property {forced!r}; properties seen: {seen}.")
        return [forced]
    seen_keys = {k for f in features for k in (f.get("properties") or {})}
    return [k for k in known if k in seen_keys] + sorted(seen_keys - set(known)) + [FEATURE_ID]


def _best(features: list[dict], candidates: list[str], resolve) -> tuple[str | None, int]:
    """The candidate property naming the most distinct regions (ties: the first)."""
    best: tuple[str | None, int] = (None, 0)
    for prop in candidates:
        regions = {resolve(_prop(f, prop)) for f in features} - {None}
        if len(regions) > best[1]:
            best = (prop, len(regions))
    return best


# ------------------------------------------------------------------------------------------- geometry


@dataclass
class _Extent:
    lng_min: float = math.inf
    lat_min: float = math.inf
    lng_max: float = -math.inf
    lat_max: float = -math.inf

    def add(self, lng: float, lat: float) -> None:
        self.lng_min, self.lng_max = min(self.lng_min, lng), max(self.lng_max, lng)
        self.lat_min, self.lat_max = min(self.lat_min, lat), max(self.lat_max, lat)

    def check(self) -> None:
        w, s, e, n = INDONESIA_EXTENT
        if self.lng_min == math.inf:
            raise BoundaryFileError("No feature has a geometry.")
        if w <= self.lat_min and self.lat_max <= e and s <= self.lng_min and self.lng_max <= n:
            raise BoundaryFileError(
                "Coordinates are [lat, lng]; GeoJSON positions are [longitude, latitude]."
            )
        if max(abs(self.lng_min), abs(self.lng_max)) > 180 or max(abs(self.lat_min), abs(self.lat_max)) > 90:
            raise BoundaryFileError("Coordinates are not degrees of longitude/latitude (a projected CRS?).")
        if self.lng_max < w or self.lng_min > e or self.lat_max < s or self.lat_min > n:
            raise BoundaryFileError(
                f"The outlines lie outside Indonesia (lng {self.lng_min:.2f}..{self.lng_max:.2f}, "
                f"lat {self.lat_min:.2f}..{self.lat_max:.2f})."
            )


def _ring(ring: Any, precision: int, extent: _Extent, label: str) -> list[list[float]] | None:
    if not isinstance(ring, list):
        raise BoundaryFileError(f"Feature {label}: a ring is not a list of positions.")
    out: list[list[float]] = []
    for pos in ring:
        if (
            not isinstance(pos, list | tuple)
            or len(pos) < 2
            or not all(
                isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in pos[:2]
            )
        ):
            raise BoundaryFileError(f"Feature {label}: {pos!r} is not a [longitude, latitude] position.")
        point = [round(float(pos[0]), precision), round(float(pos[1]), precision)]
        extent.add(point[0], point[1])
        if not out or out[-1] != point:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None  # rounding can collapse a speck of an island: drop it


def clean_geometry(geometry: Any, *, precision: int, extent: _Extent, label: str) -> list | None:
    """MultiPolygon coordinates, rounded, with degenerate rings dropped; None for a null geometry."""
    if geometry is None:
        return None
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon") or not isinstance(coords, list):
        raise BoundaryFileError(
            f"Feature {label}: geometry type {kind!r}; only Polygon and MultiPolygon outline a region."
        )
    polygons = []
    for polygon in [coords] if kind == "Polygon" else coords:
        if not isinstance(polygon, list):
            raise BoundaryFileError(f"Feature {label}: a polygon is not a list of rings.")
        rings = [_ring(r, precision, extent, label) for r in polygon]
        if rings and rings[0] is not None:  # no outer ring left: the whole polygon goes
            polygons.append([r for r in rings if r is not None])
    return polygons


# ------------------------------------------------------------------------------------------- matching


class _Regions:
    """The active regions of one level, found by code or by name."""

    def __init__(self, level: int):
        self.by_code = {
            r.code: r for r in Region.objects.filter(level=level, is_active=True).order_by("code")
        }
        self._by_name: dict[str, list[str]] = defaultdict(list)
        for region in self.by_code.values():
            self._by_name[name_key(region.name)].append(region.code)

    def code(self, value: Any) -> str | None:
        code = normalize_code(value)
        return code if code in self.by_code else None

    def name(self, value: Any, *, province_hint: str = "") -> str | None:
        codes = self._by_name.get(name_key(value), [])
        if len(codes) > 1 and province_hint:
            codes = [c for c in codes if c.split(".")[0] == province_hint]
        return codes[0] if len(codes) == 1 else None


@dataclass
class _Plan:
    report: ImportReport
    polygons: dict[str, list] = field(default_factory=dict)
    shape_from: dict[str, str] = field(default_factory=dict)


def _label(index: int, code_value: Any, name_value: Any) -> str:
    parts = [f"#{index}"]
    if code_value not in (None, ""):
        parts.append(f"code={code_value!r}")
    if name_value not in (None, ""):
        parts.append(f"name={name_value!r}")
    return " ".join(parts)


def _claim(plan: _Plan, code: str, polygons: list, match: Match) -> None:
    plan.polygons.setdefault(code, []).extend(polygons)
    plan.report.matched.setdefault(code, []).append(match)


def _match_features(plan: _Plan, features: list[dict], regions: _Regions, extent: _Extent) -> None:
    report = plan.report
    second_pass = []
    for index, feature in enumerate(features, 1):
        code_value, name_value = (
            _prop(feature, report.code_property or ""),
            _prop(feature, report.name_property or ""),
        )
        label = _label(index, code_value, name_value)
        polygons = clean_geometry(
            feature.get("geometry"), precision=report.precision, extent=extent, label=label
        )
        if not polygons:
            report.unmatched.append(f"{label} (no geometry)")
            continue
        by_code = regions.code(code_value) if report.code_property else None
        hint = normalize_code(code_value).split(".")[0]
        by_name = regions.name(name_value, province_hint=hint) if report.name_property else None
        if by_code and by_name in (None, by_code):
            _claim(plan, by_code, polygons, Match(by_code, label, "code"))
        elif by_code or by_name:
            second_pass.append((label, by_code, by_name, polygons))
        else:
            report.unmatched.append(label)
    for label, by_code, by_name, polygons in second_pass:
        choice = next((c for c in (by_name, by_code) if c and c not in plan.polygons), None)
        if choice is None and by_code is None:
            choice = by_name  # the name is the only evidence: another piece of that region (an island)
        if choice is None:
            report.unmatched.append(f"{label} (its regions by code and by name are drawn by other features)")
            continue
        _claim(plan, choice, polygons, Match(choice, label, "name" if choice == by_name else "code"))
        if by_code and by_name:
            name = regions.by_code[choice].name
            report.corrected.append(
                f"{label}: the code is {by_code}, the name {by_name}; drawn as {choice} {name}"
            )


def _fill_missing(plan: _Plan, regions: _Regions, level: int) -> None:
    for code, region in regions.by_code.items():
        if code in plan.polygons:
            continue
        parent = PAPUA_SPLIT_2022.get(code) if level == Region.Level.PROVINCE else None
        if parent and parent in plan.polygons and parent not in plan.shape_from:
            plan.polygons[code] = plan.polygons[parent]
            plan.shape_from[code] = parent
            plan.report.matched[code] = [Match(code, f"outline of {parent}", "parent")]
            plan.report.parent_shapes.append(
                f"{code} {region.name} on {parent} {regions.by_code[parent].name} (the file predates 2022)"
            )
        else:
            plan.report.missing.append(f"{code} {region.name}")


# -------------------------------------------------------------------------------------------- service


def boundaries_plan(
    features: list[dict],
    *,
    level: int | str | None,
    code_property: str | None = None,
    name_property: str | None = None,
    precision: int = DEFAULT_PRECISION,
) -> tuple[int, _Plan]:
    """Decide the level and properties, then match every feature (reads the region table, writes nothing)."""
    if precision not in PRECISION_RANGE:
        raise BoundaryFileError(
            f"Precision must be {PRECISION_RANGE.start}..{PRECISION_RANGE.stop - 1} decimals."
        )
    levels = [parse_level(level)] if level is not None else list(LEVEL_NAMES)
    scored = []
    for lvl in levels:
        regions = _Regions(lvl)
        code = _best(features, _candidates(features, CODE_PROPERTIES, code_property), regions.code)
        name = _best(features, _candidates(features, NAME_PROPERTIES, name_property), regions.name)
        scored.append(((code[1], name[1]), lvl, regions, code[0], name[0]))
    (score, lvl, regions, code_prop, name_prop) = max(scored, key=lambda s: s[0])
    if score == (0, 0):
        where = f"level {LEVEL_NAMES[lvl]}" if level is not None else "either level"
        raise BoundaryFileError(
            f"No property holds Kemendagri codes or region names of {where}; "
            "pass --code-property / --name-property (and --level)."
        )
    report = ImportReport(
        level=LEVEL_NAMES[lvl],
        file="",
        sha256="",
        features=len(features),
        code_property=code_prop,
        name_property=name_prop,
        precision=precision,
        dry_run=True,
    )
    plan, extent = _Plan(report), _Extent()
    _match_features(plan, features, regions, extent)
    extent.check()
    _fill_missing(plan, regions, lvl)
    return lvl, plan


def _rows(plan: _Plan, source: str) -> list[RegionBoundary]:
    now = timezone.now()
    rows = []
    for code, polygons in sorted(plan.polygons.items()):
        matches = plan.report.matched[code]
        how = "; ".join(f"{m.how}: {m.feature}" for m in matches)
        rows.append(
            RegionBoundary(
                region_id=code,
                geometry={"type": "MultiPolygon", "coordinates": polygons},
                shape_from_id=plan.shape_from.get(code),
                source=f"{source} [{how}]",
                imported_at=now,
            )
        )
    return rows


def boundaries_import(
    *,
    path: Path,
    level: int | str | None = None,
    code_property: str | None = None,
    name_property: str | None = None,
    precision: int = DEFAULT_PRECISION,
    source: str = "",
    dry_run: bool = False,
    actor=None,
) -> ImportReport:
    """Replace the outlines of one level with those of a GeoJSON file (all or nothing). See the module doc."""
    path = Path(path)
    features, digest = read_feature_collection(path)
    lvl, plan = boundaries_plan(
        features, level=level, code_property=code_property, name_property=name_property, precision=precision
    )
    report = plan.report
    report.file, report.sha256, report.dry_run = path.name, digest, dry_run
    label = f"{source or path.name} (sha256 {digest[:12]})"
    rows = _rows(plan, label)
    report.stored_bytes = sum(len(json.dumps(r.geometry, separators=(",", ":"))) for r in rows)
    if dry_run:
        return report
    drawn = sum(len(ms) for ms in report.matched.values() if ms[0].how != "parent")
    if drawn * 2 < len(features):
        # A wrong --level or property would otherwise replace a level's outlines with a few stray ones.
        raise BoundaryFileError(
            f"Only {drawn} of {len(features)} features found a {report.level} region; nothing written. "
            "Check --level / --code-property / --name-property; --dry-run shows the report."
        )
    with transaction.atomic():
        deleted, _ = RegionBoundary.objects.filter(region__level=lvl).delete()
        RegionBoundary.objects.bulk_create(rows, batch_size=100)
        audit_record(
            actor=actor,
            action="region.boundaries_import",
            object_type="regions.regionboundary",
            object_id=report.level,
            object_repr=f"Batas wilayah ({report.level}) dari {label}",
            before={"rows": deleted},
            after={"source": label, **report.counts},
        )
    return report
