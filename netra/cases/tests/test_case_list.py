"""The case list (issue 14): filters, sort orders and pages on top of the reader's scope, saved filters
that are the reader's own, and an XLSX export of exactly the filtered list (read back with openpyxl)."""

import datetime as dt
import io

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook

from netra.agencies.models import SavedView
from netra.audit.models import AuditLogEntry
from netra.cases import views_list
from netra.cases.models import CaseReport
from netra.cases.services.edits import case_assign, case_update
from netra.cases.tests.fixtures import NOW, make_submission
from netra.intake.submission import PersonIn, report_submit

pytestmark = pytest.mark.django_db
LATE = NOW + dt.timedelta(days=60)


@pytest.fixture
def listed(case_world, django_capture_on_commit_callbacks):
    """Case A (Balikpapan Selatan, a lurah of Pemkot, assigned to the officer), case B (another
    kecamatan of Balikpapan, a terlapor whose employer is unknown), case C in Purbalingga."""

    def open_case(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            report = report_submit(submission=make_submission(**changes), now=NOW).report
        return CaseReport.objects.get(report=report).case

    u = case_world["users"]
    a = case_world["case"]
    case_assign(case_id=a.pk, user=u["bpp_head"], assignee_id=u["bpp_officer"].pk)
    b = open_case(incident_region_code="64.71.02", persons=[PersonIn(name="Guru Honorer Damai")])
    c = open_case(incident_region_code="33.03.01", persons=[PersonIn(name="Camat Kemangkon")])
    case_world.update(a=a, b=b, c=c)
    return case_world


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def listed_refs(client, query: str = "") -> list[str]:
    html = client.get(f"/kasus/?{query}").content.decode()
    table = html[html.index('data-testid="case-table"') :]
    return [part.split('"', 1)[0] for part in table.split('data-case="')[1:]]


def test_filters_narrow_the_readers_own_cases(listed):
    u, a, b, c = listed["users"], listed["a"], listed["b"], listed["c"]
    officer = client_for(u["bpp_officer"])
    assert sorted(listed_refs(officer)) == sorted([a.reference, b.reference])
    assert listed_refs(officer, "wilayah=64.71.01") == [a.reference]
    assert sorted(listed_refs(officer, "wilayah=64.71")) == sorted([a.reference, b.reference])
    assert listed_refs(officer, f"petugas={u['bpp_officer'].pk}") == [a.reference]
    assert listed_refs(officer, f"instansi_terlapor={listed['agencies']['pemkot'].pk}") == [a.reference]
    assert listed_refs(officer, "tahap=diregistrasi") == []
    # A filter never reaches outside the scope: Purbalingga's case stays unseen by region or by search.
    assert listed_refs(officer, "wilayah=33") == []
    assert c.reference not in listed_refs(officer, f"q={c.reference}")
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        assert listed_refs(officer, "terlambat=1") == []
    with time_machine.travel(LATE, tick=False):
        assert sorted(listed_refs(officer, "terlambat=1")) == sorted([a.reference, b.reference])


def test_sort_orders_and_pages_keep_the_filters(listed, monkeypatch):
    a, b = listed["a"], listed["b"]
    officer = client_for(listed["users"]["bpp_officer"])
    ascending = sorted([a.reference, b.reference])
    assert listed_refs(officer, "urut=nomor") == ascending
    assert listed_refs(officer, "urut=-nomor") == ascending[::-1]
    monkeypatch.setattr(views_list, "PAGE_SIZE", 1)
    html = officer.get("/kasus/?urut=nomor&wilayah=64.71").content.decode()
    assert 'data-testid="pager"' in html
    assert "?wilayah=64.71&amp;urut=nomor&amp;halaman=2" in html
    assert listed_refs(officer, "urut=nomor&wilayah=64.71&halaman=2") == [ascending[1]]


def test_bad_filters_are_ignored_not_an_error(listed):
    officer = client_for(listed["users"]["bpp_officer"])
    response = officer.get("/kasus/?pemilihan=abc&urut=evil&wilayah=<script>&petugas=-1&halaman=x")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_the_export_is_the_filtered_list_as_a_real_workbook(listed):
    u, a = listed["users"], listed["a"]
    case_update(
        case_id=a.pk, user=u["bpp_officer"], data={"title": '=HYPERLINK("x")'}, expected_version=a.version + 1
    )
    officer = client_for(u["bpp_officer"])
    response = officer.get("/kasus/ekspor.xlsx?wilayah=64.71&urut=nomor")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Nomor kasus", "Nomor registrasi", "Judul", "Tahap")
    assert [r[0] for r in rows[1:]] == sorted([a.reference, listed["b"].reference])
    row_a = next(r for r in rows[1:] if r[0] == a.reference)
    assert row_a[2] == '=HYPERLINK("x")'  # kept as text
    assert sheet.cell(row=[r[0] for r in rows].index(a.reference) + 1, column=3).data_type == "s"
    assert row_a[11] == "Lurah Manggar"
    assert row_a[12] == "Pemerintah Kota Balikpapan"
    assert isinstance(row_a[8], dt.datetime)
    only_a = load_workbook(io.BytesIO(officer.get("/kasus/ekspor.xlsx?wilayah=64.71.01").content)).active
    assert [r[0] for r in only_a.iter_rows(min_row=2, values_only=True)] == [a.reference]
    entry = AuditLogEntry.objects.filter(action="case.export").order_by("-seq").first()
    assert entry is not None
    assert entry.after["rows"] == 1
    outsider = client_for(u["pbg_head"])
    theirs = load_workbook(io.BytesIO(outsider.get("/kasus/ekspor.xlsx").content)).active
    assert [r[0] for r in theirs.iter_rows(min_row=2, values_only=True)] == [listed["c"].reference]


def test_saved_filters_are_the_readers_own(listed):
    u = listed["users"]
    officer = client_for(u["bpp_officer"])
    response = officer.post(
        "/kasus/filter/simpan/",
        {"name": "  Selatan  saja ", "wilayah": "64.71.01", "urut": "nomor", "x": "y"},
    )
    assert response.status_code == 302
    view = SavedView.objects.get(user=u["bpp_officer"])
    assert (view.name, view.page, view.query) == ("Selatan saja", "cases", "wilayah=64.71.01&urut=nomor")
    assert response["Location"] == "/kasus/?wilayah=64.71.01&urut=nomor"
    html = officer.get("/kasus/").content.decode()
    assert 'href="/kasus/?wilayah=64.71.01&amp;urut=nomor">Selatan saja</a>' in html
    assert officer.post("/kasus/filter/simpan/", {"name": "  "}).status_code == 302
    assert SavedView.objects.count() == 1
    head = client_for(u["bpp_head"])
    assert "Selatan saja" not in head.get("/kasus/").content.decode()
    assert head.post(f"/kasus/filter/{view.pk}/hapus/").status_code == 404
    assert officer.post(f"/kasus/filter/{view.pk}/hapus/").status_code == 302
    assert not SavedView.objects.exists()
    actions = set(
        AuditLogEntry.objects.filter(action__startswith="saved_view.").values_list("action", flat=True)
    )
    assert actions == {"saved_view.create", "saved_view.delete"}


def test_the_filtered_list_stays_within_its_query_budget(listed, django_assert_max_num_queries):
    officer = client_for(listed["users"]["bpp_officer"])
    SavedView.objects.create(user=listed["users"]["bpp_officer"], page="cases", name="x", query="terbuka=1")
    with django_assert_max_num_queries(25):
        response = officer.get("/kasus/?wilayah=64.71&terbuka=1&urut=tenggat&menunggu=1")
    assert response.status_code == 200
