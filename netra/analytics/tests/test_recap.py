"""The recap: a real PDF on the office's letterhead whose tables carry the dashboard's numbers (read
back with pypdf), charts drawn server-side, and the same tables as an XLSX workbook."""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from netra.analytics.recap import bar_chart_svg
from netra.analytics.tests.test_facts import _to_ppk


def test_bar_chart_is_svg_with_one_bar_per_row():
    svg = bar_chart_svg([("Dilaporkan", 2), ("Disanksi", 1)])
    assert svg.startswith("<svg")
    assert svg.count("<rect") == 2
    assert bar_chart_svg([]) == ""


@pytest.mark.django_db
def test_recap_pdf_and_xlsx_carry_the_dashboards_numbers(case_world, django_capture_on_commit_callbacks):
    _to_ppk(case_world, django_capture_on_commit_callbacks)
    client = Client()
    client.force_login(case_world["users"]["bpp_head"])
    pdf = client.get("/statistik/rekapitulasi.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "LAPORAN REKAPITULASI" in text
    assert "Bawaslu Kota Balikpapan".upper() in text.upper()
    assert "Corong penanganan" in text
    assert "Dilaporkan/ditemukan 2" in " ".join(text.split())
    book = load_workbook(io.BytesIO(client.get("/statistik/rekapitulasi.xlsx").content))
    funnel = [[c.value for c in row] for row in book["funnel"].iter_rows()]
    assert funnel[1][:2] == ["Dilaporkan/ditemukan", 2]
    assert funnel[-1][:2] == ["Disanksi PPK", 1]
    assert client.get("/statistik/rekapitulasi.doc").status_code == 404
