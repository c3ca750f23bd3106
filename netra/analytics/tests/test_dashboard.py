"""The staff dashboard: its tables show the selectors' numbers for the reader's jurisdiction, each table
downloads as CSV and XLSX with exactly the rows shown, bad filters are field errors, and the page costs
a fixed number of queries whatever the number of cases."""

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from netra.analytics.tests.test_facts import _to_ppk


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_page_shows_the_walked_case(case_world, django_capture_on_commit_callbacks):
    _to_ppk(case_world, django_capture_on_commit_callbacks)
    page = _client(case_world["users"]["bpp_officer"]).get("/statistik/")
    assert page.status_code == 200
    tables = {key: rows for key, _columns, rows in page.context["sections"]}
    assert [(r["step"], r["n"]) for r in tables["funnel"]][0] == ("alleged", 2)
    assert [(r["key"], r["n"]) for r in tables["province"]] == [("64", 2)]
    assert tables["ppk"][0]["rate"] == 0.5
    assert 'data-testid="table-funnel"' in page.content.decode()


@pytest.mark.django_db
def test_another_jurisdiction_sees_no_row_of_it(case_world, django_capture_on_commit_callbacks):
    _to_ppk(case_world, django_capture_on_commit_callbacks)
    page = _client(case_world["users"]["pbg"]).get("/statistik/")
    tables = {key: rows for key, _columns, rows in page.context["sections"]}
    assert tables["funnel"][0]["n"] == 0
    assert tables["province"] == []
    assert tables["ppk"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_table_downloads_exactly_what_is_shown(case_world, django_capture_on_commit_callbacks, fmt):
    _to_ppk(case_world, django_capture_on_commit_callbacks)
    client = _client(case_world["users"]["bpp_officer"])
    page = client.get("/statistik/", {"region_code": "64"})
    shown = {key: (columns, rows) for key, columns, rows in page.context["sections"]}
    response = client.get(f"/statistik/unduh/province.{fmt}", {"region_code": "64"})
    assert response.status_code == 200
    if fmt == "csv":
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        lines = [[("" if c is None else str(c)) for c in row] for row in sheet.iter_rows(values_only=True)]
    columns, rows = shown["province"]
    assert lines[0] == [str(h) for _k, h in columns]
    assert [line[:2] for line in lines[1:]] == [[r["key"], str(r["n"])] for r in rows]


@pytest.mark.django_db
def test_bad_filters_are_field_errors_not_500(case_world):
    client = _client(case_world["users"]["bpp_officer"])
    page = client.get(
        "/statistik/", {"region_code": "64.7x", "date_from": "2024-10-10", "date_to": "2024-10-01"}
    )
    assert page.status_code == 200
    assert "region_code" in page.context["form"].errors
    assert "date_to" in page.context["form"].errors
    assert client.get("/statistik/unduh/rahasia.csv").status_code == 404


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_with_more_cases(case_world, django_capture_on_commit_callbacks):
    client = _client(case_world["users"]["bpp_officer"])
    with CaptureQueriesContext(connection) as small:
        assert client.get("/statistik/").status_code == 200
    _to_ppk(case_world, django_capture_on_commit_callbacks)
    with CaptureQueriesContext(connection) as grown:
        assert client.get("/statistik/").status_code == 200
    assert len(grown.captured_queries) <= len(small.captured_queries) + 2  # stages' bottleneck rows
    assert len(grown.captured_queries) <= 30
