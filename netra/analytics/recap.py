"""The periodic recap (laporan rekapitulasi) for an office, election and period: the dashboard's tables
as a PDF on the office's letterhead, with bar charts drawn server-side as SVG (WeasyPrint draws them;
no browser), and the same tables as an XLSX workbook (one sheet per table)."""

import datetime as dt
import io
from html import escape

from django.utils import timezone
from openpyxl import Workbook

from netra.analytics.selectors import StatsFilter

# The recap's sections: (table key, title); the columns are the dashboard's (views.COLUMNS).
SECTIONS = (
    ("funnel", "Corong penanganan"),
    ("waiting", "Di mana kasus menunggu"),
    ("within_time", "Ditangani dalam batas waktu menurut hukum"),
    ("ppk", "Tindak lanjut rekomendasi oleh PPK"),
    ("category", "Menurut kategori pelanggaran"),
    ("province", "Menurut provinsi"),
    ("trend", "Perbandingan antarpemilihan per wilayah"),
    ("vulnerability", "Kerawanan netralitas ASN"),
)
CHARTED = {"funnel": ("label", "n"), "waiting": ("label", "n"), "province": ("key", "n")}


def bar_chart_svg(rows: list[tuple[str, float]], *, width: int = 460, bar: int = 16) -> str:
    """A horizontal bar chart as inline SVG (labels left, values right of each bar)."""
    if not rows:
        return ""
    top = max((v for _label, v in rows), default=0) or 1
    label_w, gap = 170, 6
    height = len(rows) * (bar + gap) + gap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-size="8">']
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar + gap)
        w = int((width - label_w - 50) * (value / top))
        parts.append(f'<text x="0" y="{y + bar - 4}">{escape(str(label))[:40]}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{max(w, 1)}" height="{bar}" fill="#1f5f8b"/>')
        parts.append(f'<text x="{label_w + w + 4}" y="{y + bar - 4}">{value:g}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _cells(row: dict, columns) -> list:
    out = []
    for key, _header in columns:
        value = row.get(key)
        out.append("—" if value is None else round(value, 3) if isinstance(value, float) else value)
    return out


def recap_sections(data: dict[str, list[dict]]) -> list[dict]:
    from netra.analytics.views import columns_for

    sections = []
    for key, title in SECTIONS:
        rows = data[key]
        chart = ""
        if key in CHARTED:
            label, value = CHARTED[key]
            chart = bar_chart_svg([(r[label], float(r[value] or 0)) for r in rows[:15]])
        sections.append(
            {
                "key": key,
                "title": title,
                "headers": [str(h) for _k, h in columns_for(key, rows)],
                "rows": [_cells(r, columns_for(key, rows)) for r in rows],
                "chart": chart,
            }
        )
    return sections


def _lines(office, filters: StatsFilter) -> dict:
    scope = f"{office.name}" + (f" · Pemilihan {filters.election_code}" if filters.election_code else "")
    period = "Seluruh periode"
    if filters.date_from or filters.date_to:
        start = filters.date_from.strftime("%d-%m-%Y") if filters.date_from else "awal"
        end = filters.date_to.strftime("%d-%m-%Y") if filters.date_to else "sekarang"
        period = f"Periode laporan diterima {start} s.d. {end}"
    return {"scope_line": scope, "period_line": period}


def recap_pdf(
    *, office, filters: StatsFilter, data: dict, synthetic: bool, on: dt.date | None = None
) -> bytes:
    from netra.cases import letters

    head = letters.Letterhead(
        agency=office,
        number="-",
        dated=on or timezone.localdate(),
        subject_line="Laporan Rekapitulasi Penanganan Pelanggaran Netralitas ASN",
        addressee="",
    )
    context = {**_lines(office, filters), "sections": recap_sections(data), "synthetic": synthetic}
    return letters.render_pdf(template="recap.html", head=head, context=context)


def recap_xlsx(*, data: dict) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for section in recap_sections(data):
        sheet = book.create_sheet(section["key"][:31])
        sheet.append(section["headers"])
        for row in section["rows"]:
            sheet.append([c if isinstance(c, int | float | str) else str(c) for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
