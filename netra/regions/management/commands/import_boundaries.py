"""`manage.py import_boundaries FILE.geojson`: load province or kab/kota outlines for the map."""

import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from netra.regions.boundaries import (
    DEFAULT_PRECISION,
    LEVELS,
    BoundaryFileError,
    ImportReport,
    boundaries_import,
)


class _HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    pass


class Command(BaseCommand):
    help = """Import province or kab/kota outlines from a GeoJSON FeatureCollection (WGS84 [lng, lat],
Polygon/MultiPolygon) into RegionBoundary, joined to the Kemendagri region table.

Each feature is joined on its Kemendagri code; the code and name properties are detected (kode, KODE_PROV,
id, ADM1_PCODE, nama, PROVINSI, ...) unless given. Codes are strings; "6471" and "ID6471" read as "64.71".
Where code and name disagree (pre-2022 Papua codes, BPS codes) the name decides; see
netra/regions/boundaries.py. The four 2022 Papua provinces (93-96) missing from a file are drawn on the
parent's shape (91 or 92). The whole level is replaced in one transaction; re-running is idempotent.
The report lists matched regions, features with no region and regions with no feature.

Examples:
  manage.py import_boundaries ../shared/data/boundaries/provinsi_38_simplified.geojson --level province \\
      --source "cahyadsn/wilayah_boundaries 3c5a796 (MIT)"
  manage.py import_boundaries kabupaten_kota_514_simplified.geojson --level kabkota --dry-run
  manage.py import_boundaries indonesia-38-provinces.geojson --code-property KODE_PROV --precision 4
"""

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="GeoJSON FeatureCollection")
        parser.add_argument("--level", choices=sorted(LEVELS), help="default: detected from the codes")
        parser.add_argument("--code-property", help="property holding the code (default: detected)")
        parser.add_argument("--name-property", help="property holding the name (default: detected)")
        parser.add_argument(
            "--precision",
            type=int,
            default=DEFAULT_PRECISION,
            help=f"decimals kept in coordinates, 3-7 (default {DEFAULT_PRECISION}, about 1 m)",
        )
        parser.add_argument(
            "--source", default="", help="provenance stored with each row (default: file name)"
        )
        parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")

    def handle(self, *args, **options):
        try:
            report = boundaries_import(
                path=options["file"],
                level=options["level"],
                code_property=options["code_property"],
                name_property=options["name_property"],
                precision=options["precision"],
                source=options["source"],
                dry_run=options["dry_run"],
            )
        except BoundaryFileError as exc:
            raise CommandError(str(exc)) from exc
        lines = report_lines(report, limit=None if options["verbosity"] >= 2 else 20)
        self.stdout.write(lines[0] if report.dry_run else self.style.SUCCESS(lines[0]))
        for line in lines[1:]:
            self.stdout.write(line)


def report_lines(report: ImportReport, *, limit: int | None = None) -> list[str]:
    """Totals, then each list (at most `limit` lines of each)."""
    c = report.counts
    head = "DRY RUN, nothing written. " if report.dry_run else ""
    out = [
        f"{head}{report.file} (sha256 {report.sha256[:12]}): {report.features} features, level {report.level}, "
        f"code property {report.code_property!r}, name property {report.name_property!r}, "
        f"coordinates rounded to {report.precision} decimals.",
        f"Matched: {c['regions_drawn']} regions ({c['by_code']} by code, {c['by_name']} by name, "
        f"{c['parent_shape']} drawn on the parent's shape; {c['merged']} from several features).",
        f"Features with no region: {c['unmatched_features']}. Regions of the level with no feature: "
        f"{c['missing_regions'] + c['parent_shape']} ({c['parent_shape']} drawn on the parent's shape).",
        f"Stored geometry: {report.stored_bytes / 1024:.0f} KiB.",
    ]
    merged = [
        f"{code} from {len(ms)} features: " + "; ".join(m.feature for m in ms)
        for code, ms in sorted(report.matched.items())
        if len(ms) > 1
    ]
    for title, items in (
        ("code and name disagreed", report.corrected),
        ("merged", merged),
        ("no region for feature", report.unmatched),
        ("drawn on the parent's shape", report.parent_shapes),
        ("no feature for region", report.missing),
    ):
        out += [f"  {title}: {item}" for item in items[:limit]]
        if limit is not None and len(items) > limit:
            out.append(f"  {title}: ... and {len(items) - limit} more (-v 2 lists all)")
    return out
