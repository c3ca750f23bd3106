"""Reading an import file (CSV or XLSX) into a `Table`, and writing the template from the column spec.

CSV: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8"), else Windows-1252 (Excel's plain
"CSV" on Indonesian Windows); comma or semicolon, whichever the header uses (Excel writes semicolons
where the decimal separator is a comma). XLSX: the first sheet, its first row the header (openpyxl,
read-only, values not formulas). Blank lines are skipped; row numbers are the file's own, so the error
report points at the line a person sees in their spreadsheet.

Limits (settings, with these defaults): NETRA_IMPORT_MAX_BYTES (20 MB) and NETRA_IMPORT_MAX_ROWS
(50,000 data rows). An XLSX whose contents would unpack to more than 25 times the byte limit is refused
before it is opened (a zip bomb).
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _g

from netra.analytics.imports.columns import COLUMNS, REQUIRED, header_name

FORMATS = (".csv", ".xlsx")
_UNPACK_RATIO = 25


def max_bytes() -> int:
    return int(getattr(settings, "NETRA_IMPORT_MAX_BYTES", 20 * 1024 * 1024))


def max_rows() -> int:
    return int(getattr(settings, "NETRA_IMPORT_MAX_ROWS", 50_000))


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong type, too large, damaged): `str()` says why."""


@dataclass
class Table:
    """The header (column names as written, normalised) and the data rows: (row number, cells)."""

    header: list[str]
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)

    def records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        for number, cells in self.rows:
            yield number, dict(zip(self.header, cells, strict=False))


def file_format(name: str) -> str:
    """'.csv' or '.xlsx' from a file name, or ImportFileError."""
    lowered = name.lower()
    for suffix in FORMATS:
        if lowered.endswith(suffix):
            return suffix
    if lowered.endswith(".xls"):
        raise ImportFileError(_g("Berkas .xls (Excel lama) tidak didukung: simpan sebagai .xlsx atau .csv."))
    raise ImportFileError(_g("Berkas harus berformat .csv atau .xlsx."))


def table_read(*, data: bytes, name: str) -> Table:
    """The file's header and rows, or ImportFileError."""
    if len(data) > max_bytes():
        raise ImportFileError(
            _g("Berkas terlalu besar (%(n)s MB; paling besar %(m)s MB).")
            % {"n": round(len(data) / 1048576, 1), "m": round(max_bytes() / 1048576, 1)}
        )
    lines = _xlsx_lines(data) if file_format(name) == ".xlsx" else _csv_lines(data)
    return _table(lines)


def _table(lines: Iterator[tuple[int, tuple[Any, ...]]]) -> Table:
    table: Table | None = None
    limit = max_rows()
    for number, cells in lines:
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        if table is None:
            table = Table(header=[header_name(c) for c in cells])
            continue
        if len(table.rows) >= limit:
            raise ImportFileError(
                _g("Terlalu banyak baris (lebih dari %(m)s). Pecah berkas menjadi beberapa bagian.")
                % {"m": limit}
            )
        table.rows.append((number, cells))
    if table is None:
        raise ImportFileError(_g("Berkas kosong: baris pertama harus berisi nama kolom."))
    return table


def _csv_lines(data: bytes) -> Iterator[tuple[int, tuple[Any, ...]]]:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = data.decode("cp1252", errors="replace")
    if "\x00" in content:
        raise ImportFileError(_g("Berkas ini bukan CSV teks (mungkin .xlsx yang diberi nama .csv)."))
    first = content.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            yield reader.line_num, tuple(cells)
    except csv.Error as exc:
        raise ImportFileError(
            _g("CSV rusak di baris %(n)s: %(e)s") % {"n": reader.line_num, "e": exc}
        ) from None


def _xlsx_lines(data: bytes) -> Iterator[tuple[int, tuple[Any, ...]]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > _UNPACK_RATIO * max_bytes():
            raise ImportFileError(_g("Isi berkas XLSX terlalu besar setelah dibuka."))
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception:  # openpyxl raises many kinds of error for a damaged file
        raise ImportFileError(_g("Berkas XLSX tidak dapat dibaca (rusak atau bukan XLSX).")) from None
    try:
        if not book.worksheets:
            raise ImportFileError(_g("Berkas XLSX tidak berisi lembar kerja."))
        sheet = book.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, tuple(cells)
    finally:
        book.close()


def header_problems(table: Table) -> list[tuple[str, str]]:
    """(column, why) for the header row: unknown, repeated and missing required columns."""
    known = {c.name for c in COLUMNS}
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, name in enumerate(table.header):
        if not name:
            if any(_filled(cells, index) for _n, cells in table.rows):
                problems.append(("", _g("kolom tanpa nama berisi data (kolom ke-%(i)s)") % {"i": index + 1}))
        elif name not in known:
            problems.append((name, _g("kolom tidak dikenal (hapus kolom ini atau perbaiki namanya)")))
        elif name in seen:
            problems.append((name, _g("kolom muncul dua kali")))
        seen.add(name)
    for name in REQUIRED:
        if name not in seen:
            problems.append((name, _g("kolom wajib tidak ada")))
    if "kode_wilayah" not in seen and "wilayah" not in seen:
        problems.append(("kode_wilayah", _g("kolom kode_wilayah atau wilayah wajib ada")))
    return problems


def _filled(cells: tuple[Any, ...], index: int) -> bool:
    return index < len(cells) and cells[index] is not None and str(cells[index]).strip() != ""


# --- the template -------------------------------------------------------------------------------------


def template_bytes(fmt: str) -> bytes:
    """The template: the header and one example row (XLSX: plus a sheet explaining each column)."""
    header = [c.name for c in COLUMNS]
    example = [c.example for c in COLUMNS]
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerows([header, example])
        return text.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "impor"
    sheet.append(header)
    sheet.append(example)
    for cell in sheet[2]:
        cell.number_format = "@"  # text: keeps 64.71 and dates as written
    guide = book.create_sheet("petunjuk")
    guide.append(["kolom", "wajib", "isi", "nilai yang diterima"])
    for c in COLUMNS:
        guide.append([c.name, "ya" if c.required else "", str(c.what), str(c.accepted)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
