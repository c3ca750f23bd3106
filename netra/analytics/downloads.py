"""Every table of the dashboard as CSV or XLSX: exactly the rows shown, same columns, same filters."""

import csv
import io
from collections.abc import Sequence

from django.http import HttpResponse
from openpyxl import Workbook


def table_response(
    *, name: str, columns: Sequence[tuple[str, str]], rows: list[dict], fmt: str
) -> HttpResponse:
    """`columns`: (key, header) pairs; `fmt`: "csv" or "xlsx"."""
    headers = [str(h) for _k, h in columns]
    values = [[_cell(row.get(k)) for k, _h in columns] for row in rows]
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = name[:31]
        sheet.append(headers)
        for line in values:
            sheet.append(line)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(headers)
        writer.writerows(values)
        response = HttpResponse(text.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="netra-{name}.{fmt}"'
    return response


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 4)
    return value if isinstance(value, int | str) else str(value)
