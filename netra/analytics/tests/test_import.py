"""Historical import (issue 11): a file's true aggregates come out exactly through the dashboard's
selectors (CSV and XLSX); a file with errors writes nothing and reports every (row, column, why);
re-importing adds nothing; rows outside the importer's jurisdiction are refused; the command's exit code;
the upload page's flow; imported history never opens a case or a clock."""

import csv
import datetime as dt
import io
import statistics
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import ManagementUtility
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from netra.analytics.imports import (
    COLUMNS,
    ImportFileError,
    import_check,
    import_file,
    import_start,
    table_read,
)
from netra.analytics.imports.service import stored_path
from netra.analytics.models import ImportBatch, Stage, SubjectFact
from netra.analytics.selectors import (
    StatsFilter,
    facts_for,
    stats_breakdown,
    stats_funnel,
    stats_ppk_follow_up,
    stats_waiting,
)
from netra.audit.models import AuditLogEntry
from netra.cases.models import Case, Deadline
from netra.core.exceptions import PermissionDeniedError

HEADER = [c.name for c in COLUMNS]
TODAY = dt.date(2025, 6, 30)  # the day the waiting times are counted to
REGIONS = {"64.71": "Kota Balikpapan", "33.03": "Kabupaten Purbalingga", "64.72": "Kota Samarinda"}
EMPLOYERS = {
    "64.71": "Pemerintah Kota Balikpapan",  # an agency of the world: resolved to its id
    "33.03": "Pemerintah Kabupaten Purbalingga",
    "64.72": "Pemerintah Kota Samarinda",
}
ELECTIONS = {"pilkada-2020": dt.date(2020, 9, 1), "pemilu-2024": dt.date(2023, 12, 1)}
# Which stage dates each shape of history reached, and how it ended.
SHAPES = {
    "bawaslu": ("tanggal_diterima",),
    "oversight": ("tanggal_diterima", "tanggal_registrasi", "tanggal_putusan", "tanggal_diteruskan"),
    "employer": (
        "tanggal_diterima",
        "tanggal_registrasi",
        "tanggal_putusan",
        "tanggal_diteruskan",
        "tanggal_rekomendasi",
    ),
    "sanctioned": (
        "tanggal_diterima",
        "tanggal_registrasi",
        "tanggal_putusan",
        "tanggal_diteruskan",
        "tanggal_rekomendasi",
        "tanggal_sanksi",
    ),
    "stopped": ("tanggal_diterima", "tanggal_registrasi", "tanggal_putusan"),
    "closed": (
        "tanggal_diterima",
        "tanggal_registrasi",
        "tanggal_putusan",
        "tanggal_diteruskan",
        "tanggal_rekomendasi",
    ),
}
OFFSETS = {  # days after receipt (varied per row below)
    "tanggal_registrasi": 2,
    "tanggal_putusan": 10,
    "tanggal_diteruskan": 13,
    "tanggal_rekomendasi": 30,
    "tanggal_sanksi": 60,
}


def history(n: int = 40) -> list[dict]:
    """n rows over 3 regions, 2 elections and every shape; each row also carries its truth
    (`_shape`, `_dates`) for the expected numbers. Spellings vary (names for codes, dd-mm-yyyy dates,
    'Pilkada 2020', labels) while the truth stays the same."""
    rows = []
    for i in range(n):
        region = list(REGIONS)[i % 3]
        election = list(ELECTIONS)[i % 2]
        shape = list(SHAPES)[(i // 2) % 6]
        received = ELECTIONS[election] + dt.timedelta(days=i)
        dates = {"tanggal_diterima": received}
        for name in SHAPES[shape][1:]:
            dates[name] = received + dt.timedelta(days=OFFSETS[name] + i % 4)
        row = {
            "kode_wilayah": region if i % 4 != 1 else "",
            "wilayah": REGIONS[region] if i % 4 in (1, 3) else "",
            "pemilihan": "Pilkada 2020" if election == "pilkada-2020" and i % 5 == 0 else election,
            "terbukti": {"stopped": "tidak", "bawaslu": ""}.get(shape, "ya"),
            "hasil": {"stopped": "tidak_terbukti", "closed": "selesai", "sanctioned": "terbukti"}.get(
                shape, ""
            ),
            "instansi_ppk": EMPLOYERS[region],
            "jabatan": "Camat/Lurah" if i % 3 == 0 else "pelaksana",
            "jenis_kepegawaian": "PNS" if i % 2 else "pppk",
            "kode_pelanggaran": "D-6" if election == "pilkada-2020" else "KE-4",
            "tingkat_sanksi": "sedang" if "tanggal_rekomendasi" in dates else "",
            "sanksi_dijatuhkan": "ringan" if shape == "sanctioned" else "",
            "rujukan": f"REG-{i:03d}",
            "_shape": shape,
            "_dates": dates,
            "_region": region,
        }
        for name, day in dates.items():
            row[name] = day.strftime("%d-%m-%Y") if i % 4 == 2 else day
        rows.append(row)
    return rows


def to_csv(rows: list[dict], *, delimiter: str = ",", bom: bool = True) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([_text(row.get(name, "")) for name in HEADER])
    return text.getvalue().encode("utf-8-sig" if bom else "utf-8")


def _text(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def to_xlsx(rows: list[dict]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row.get(name, "") or None for name in HEADER])  # dates stay date cells
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _file(rows: list[dict], fmt: str) -> tuple[bytes, str]:
    return (to_xlsx(rows), "riwayat.xlsx") if fmt == "xlsx" else (to_csv(rows), "riwayat.csv")


def _expected(rows: list[dict]) -> dict:
    """The true aggregates, from the generator's own truth (not from the importer's logic)."""
    has = lambda r, name: name in r["_dates"]  # noqa: E731
    proven = [r for r in rows if r["terbukti"] == "ya"]
    waiting_since = {
        Stage.BAWASLU: ("bawaslu", "tanggal_diterima"),
        Stage.OVERSIGHT: ("oversight", "tanggal_diteruskan"),
        Stage.EMPLOYER: ("employer", "tanggal_rekomendasi"),
    }
    waiting = {}
    for stage, (shape, since) in waiting_since.items():
        days = [(TODAY - r["_dates"][since]).days for r in rows if r["_shape"] == shape]
        waiting[stage] = (len(days), statistics.median(days), max(days))
    provinces: dict[str, list[int]] = {}
    for r in rows:
        counts = provinces.setdefault(r["_region"][:2], [0, 0, 0])
        counts[0] += 1
        counts[1] += r["terbukti"] == "ya"
        counts[2] += has(r, "tanggal_sanksi")
    ppk: dict[str, list[int]] = {}
    for r in rows:
        if has(r, "tanggal_rekomendasi"):
            counts = ppk.setdefault(r["instansi_ppk"], [0, 0, 0])
            counts[0] += 1
            counts[1] += has(r, "tanggal_sanksi")
            counts[2] += r["_shape"] == "employer"
    return {
        "funnel": {
            "alleged": len(rows),
            "registered": sum(has(r, "tanggal_registrasi") for r in rows),
            "proven": len(proven),
            "forwarded": sum(has(r, "tanggal_diteruskan") for r in rows),
            "recommended": sum(has(r, "tanggal_rekomendasi") for r in rows),
            "sanctioned": sum(has(r, "tanggal_sanksi") for r in rows),
        },
        "waiting": waiting,
        "provinces": {k: tuple(v) for k, v in provinces.items()},
        "ppk": {k: (v[0], v[1], round(v[1] / v[0], 4), v[2]) for k, v in ppk.items()},
    }


def _observed(user) -> dict:
    facts = facts_for(user=user, filters=StatsFilter())
    return {
        "funnel": {r["step"]: r["n"] for r in stats_funnel(facts)},
        "waiting": {
            r["stage"]: (r["n"], r["median"], r["longest"]) for r in stats_waiting(facts, today=TODAY)
        },
        "provinces": {
            r["key"]: (r["n"], r["proven"], r["sanctioned"])
            for r in stats_breakdown(facts, dimension="province")
        },
        "ppk": {
            r["employer_name"]: (r["recommended"], r["sanctioned"], r["rate"], r["waiting"])
            for r in stats_ppk_follow_up(facts, today=TODAY)
        },
    }


def _errors(batch) -> set[tuple[int, str]]:
    return {(e["row"], e["column"]) for e in batch.errors}


# --- exactness -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_dashboard_counts_exactly_what_the_file_holds(world, fmt):
    rows = history(40)
    data, name = _file(rows, fmt)
    national = world["users"]["platform"]
    batch = import_file(data=data, name=name, user=national)
    assert batch.status == ImportBatch.Status.DONE, batch.errors
    assert (batch.rows_total, batch.rows_added) == (40, 40)
    expected = _expected(rows)
    observed = _observed(national)
    assert observed["funnel"] == expected["funnel"]
    assert observed["waiting"] == expected["waiting"]
    assert observed["provinces"] == expected["provinces"]
    assert observed["ppk"] == expected["ppk"]
    assert _observed(world["users"]["ri"]) == observed  # Bawaslu RI's reader: the same national numbers
    # the PPK named by an agency's exact name counts its own ASN (scope by employer)
    balikpapan = sum(1 for r in rows if r["_region"] == "64.71")
    assert facts_for(user=world["users"]["bkpsdm"], filters=StatsFilter()).count() == balikpapan
    # Purbalingga's office counts only its own region's rows
    pbg = facts_for(user=world["users"]["pbg"], filters=StatsFilter())
    assert pbg.count() == sum(1 for r in rows if r["_region"] == "33.03")


@pytest.mark.django_db
def test_each_fact_is_marked_imported_with_its_stage_and_batch(world):
    rows = history(12)
    batch = import_file(data=to_csv(rows), name="a.csv", user=world["users"]["platform"])
    facts = SubjectFact.objects.filter(batch=batch)
    assert facts.count() == 12
    assert set(facts.values_list("is_imported", flat=True)) == {True}
    assert set(facts.values_list("case", flat=True)) == {None}
    assert all(
        key.startswith("import:") and len(key) == 71 for key in facts.values_list("row_key", flat=True)
    )
    by_ref = {r["rujukan"]: r for r in rows}
    stage_of_shape = {
        "bawaslu": Stage.BAWASLU,
        "oversight": Stage.OVERSIGHT,
        "employer": Stage.EMPLOYER,
        "sanctioned": Stage.SANCTIONED,
        "stopped": Stage.STOPPED,
        "closed": Stage.CLOSED,
    }
    stages = sorted(facts.values_list("stage", flat=True))
    assert stages == sorted(stage_of_shape[r["_shape"]] for r in by_ref.values())
    fact = facts.get(stage=Stage.SANCTIONED, region_code="64.71")
    assert (fact.province_code, fact.employer_id) == ("64", world["agencies"]["pemkot"].pk)
    assert (fact.recommended_level, fact.imposed_level, fact.violation_code) == ("sedang", "ringan", "D-6")
    assert fact.office_id == world["agencies"]["bpp"].pk  # the Bawaslu office of the region
    assert AuditLogEntry.objects.filter(action="import.done", object_id=str(batch.pk)).count() == 1


@pytest.mark.django_db
def test_imported_history_never_opens_a_case_or_a_clock(world):
    cases, deadlines = Case.objects.count(), Deadline.objects.count()
    import_file(data=to_csv(history(30)), name="a.csv", user=world["users"]["platform"])
    assert (Case.objects.count(), Deadline.objects.count()) == (cases, deadlines)


# --- idempotency -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_importing_the_same_rows_again_adds_nothing_even_from_another_format(world):
    rows = history(40)
    user = world["users"]["platform"]
    assert import_file(data=to_csv(rows), name="a.csv", user=user).rows_added == 40
    again = import_file(data=to_csv(rows), name="a.csv", user=user)
    assert (again.status, again.rows_total, again.rows_added) == (ImportBatch.Status.DONE, 40, 0)
    as_xlsx = import_file(data=to_xlsx(rows), name="b.xlsx", user=user)
    assert as_xlsx.rows_added == 0
    with_five_more = import_file(data=to_csv(history(45)), name="c.csv", user=user)
    assert with_five_more.rows_added == 5
    assert SubjectFact.objects.filter(is_imported=True).count() == 45


# --- errors ----------------------------------------------------------------------------------------


def _bad_rows() -> list[dict]:
    good = {k: v for k, v in history(1)[0].items() if not k.startswith("_")}
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    return [
        good,  # row 2
        {**good, "kode_wilayah": "99.99", "rujukan": "b"},  # 3
        {**good, "kode_wilayah": "", "wilayah": "Bandung", "rujukan": "c"},  # 4: two regions of that name
        {**good, "pemilihan": "Pilkada 2019", "tanggal_diterima": "31-02-2020", "rujukan": "d"},  # 5
        {**good, "tanggal_registrasi": "2020-08-01", "rujukan": "e"},  # 6: before its receipt
        {**good, "kode_pelanggaran": "KE-99", "jabatan": "bupati", "rujukan": "f"},  # 7
        {**good, "terbukti": "tidak", "tanggal_diteruskan": "2020-09-20", "rujukan": "g"},  # 8
        {**good, "tanggal_diterima": "", "rujukan": "h"},  # 9
        good,  # 10: the same as row 2
        {**good, "tanggal_diterima": future, "tanggal_registrasi": "", "rujukan": "j"},  # 11
        {**good, "kode_wilayah": "33.03", "wilayah": "Kota Balikpapan", "rujukan": "k"},  # 12: disagree
    ]


EXPECTED_ERRORS = {
    (3, "kode_wilayah"),
    (4, "wilayah"),
    (5, "pemilihan"),
    (5, "tanggal_diterima"),
    (6, "tanggal_registrasi"),
    (7, "kode_pelanggaran"),
    (7, "jabatan"),
    (8, "tanggal_diteruskan"),
    (9, "tanggal_diterima"),
    (10, "rujukan"),
    (11, "tanggal_diterima"),
    (12, "wilayah"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_file_with_errors_writes_nothing_and_reports_every_one(world, fmt):
    data, name = _file(_bad_rows(), fmt)
    batch = import_file(data=data, name=name, user=world["users"]["platform"])
    assert batch.status == ImportBatch.Status.FAILED
    assert _errors(batch) == EXPECTED_ERRORS
    assert batch.rows_added == 0
    assert not SubjectFact.objects.filter(is_imported=True).exists()
    why = {(e["row"], e["column"]): e["why"] for e in batch.errors}
    assert "ambigu" in why[(4, "wilayah")]
    assert "Kabupaten Bandung (32.04)" in why[(4, "wilayah")]
    assert "tidak ada di kalender" in why[(5, "tanggal_diterima")]
    assert "lebih awal dari tanggal_diterima" in why[(6, "tanggal_registrasi")]
    assert "sama persis dengan baris 2" in why[(10, "rujukan")]
    assert "wajib diisi" in why[(9, "tanggal_diterima")]
    assert "masa depan" in why[(11, "tanggal_diterima")]
    assert AuditLogEntry.objects.filter(action="import.failed", object_id=str(batch.pk)).count() == 1


@pytest.mark.django_db
def test_header_problems_are_reported_on_row_one(world):
    text = b"nama,kode_wilayah,tanggal_diterima\nSiti,64.71,2024-01-01\n"
    batch = import_file(data=text, name="a.csv", user=world["users"]["platform"])
    assert batch.status == ImportBatch.Status.FAILED
    assert _errors(batch) == {(1, "nama"), (1, "pemilihan")}


@pytest.mark.django_db
def test_row_numbers_are_the_files_own_lines_and_semicolons_work(world):
    rows = history(2)
    rows[1]["kode_pelanggaran"] = "X-1"
    lines = to_csv(rows, delimiter=";", bom=False).decode().splitlines()
    data = "\n".join([lines[0], lines[1], "", ";;", lines[2]]).encode()  # blank lines before the last row
    batch = import_file(data=data, name="a.csv", user=world["users"]["platform"])
    assert _errors(batch) == {(5, "kode_pelanggaran")}


@pytest.mark.django_db
def test_spellings_resolve_to_the_same_codes(world):
    from netra.analytics.imports.references import references_load

    refs = references_load(today=TODAY)
    assert refs.region_name("Kab. Purbalingga") == "33.03"
    assert refs.region_name("purbalingga") == "33.03"
    assert refs.region_name("Provinsi Jawa Tengah") == "33"
    assert refs.region_code("6471") == "64.71"
    assert refs.region_code(33.1) == "33.10"  # a spreadsheet's number for 33.10
    assert refs.region_code(64) == "64"
    assert refs.election("Pemilu 2024").code == "pemilu-2024"
    assert refs.election("PILKADA-2020").code == "pilkada-2020"
    assert refs.violation("d-9A").code == "D-9a"
    assert refs.choices["position"]["jabatan_pimpinan_tinggi_jpt"] == "jpt"


# --- jurisdiction and permission -------------------------------------------------------------------


@pytest.mark.django_db
def test_rows_outside_the_importers_jurisdiction_are_refused(world):
    rows = history(6)  # Balikpapan, Purbalingga and Samarinda
    officer = world["users"]["bpp_officer"]  # Bawaslu Kota Balikpapan
    batch = import_file(data=to_csv(rows), name="a.csv", user=officer)
    assert batch.status == ImportBatch.Status.FAILED
    outside = {i + 2 for i, r in enumerate(rows) if r["_region"] != "64.71"}
    assert {e["row"] for e in batch.errors} == outside
    assert all("di luar wilayah kerja Anda" in e["why"] for e in batch.errors)
    assert not SubjectFact.objects.exists()
    own = [r for r in rows if r["_region"] == "64.71"]
    assert import_file(data=to_csv(own), name="b.csv", user=officer).rows_added == len(own)


@pytest.mark.django_db
def test_only_bawaslu_and_oversight_casework_may_import(case_world):
    u = case_world["users"]
    upload = SimpleUploadedFile("a.csv", to_csv(history(1)), content_type="text/csv")
    for refused in ("ri", "bpp_viewer", "bkpsdm_officer", "orphan"):  # no add_case / a PPK / no agency
        with pytest.raises(PermissionDeniedError):
            import_start(file=upload, user=u[refused])
        client = Client()
        client.force_login(u[refused])
        assert client.get("/statistik/impor/").status_code == 403
    assert not ImportBatch.objects.exists()
    client = Client()
    client.force_login(u["bkn_officer"])
    assert client.get("/statistik/impor/").status_code == 200
    assert Client().get("/statistik/impor/").status_code == 302  # to the login page


# --- the command -----------------------------------------------------------------------------------


def _command(*args: str) -> int:
    """Run the command as `manage.py` would and return its exit code."""
    try:
        ManagementUtility(["manage.py", "import_cases", *args]).execute()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


@pytest.mark.django_db
def test_the_command_imports_and_exits_non_zero_with_the_report(world, tmp_path, capsys, monkeypatch):
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)  # manage.py closes them; the test's stays
    good, bad = tmp_path / "baik.xlsx", tmp_path / "salah.csv"
    good.write_bytes(to_xlsx(history(10)))
    bad.write_bytes(to_csv(_bad_rows()))
    assert _command(str(good), "--dry-run") == 0
    assert "10 would be added" in capsys.readouterr().out
    assert not SubjectFact.objects.exists()
    assert _command(str(good)) == 0
    assert "10 added" in capsys.readouterr().out
    assert _command(str(good)) == 0
    assert "0 added, 10 already present" in capsys.readouterr().out
    assert _command(str(bad)) == 1
    err = capsys.readouterr().err
    report = list(csv.reader(io.StringIO(err.split("CommandError")[0])))
    assert report[0] == ["row", "column", "why"]
    assert {(int(r[0]), r[1]) for r in report[1:] if r} == EXPECTED_ERRORS
    assert SubjectFact.objects.count() == 10
    assert _command(str(tmp_path / "tidak-ada.csv")) == 1
    assert _command(str(bad), "--user", "u-bpp-viewer") == 1  # a viewer may not import


# --- progress --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_progress_is_recorded_on_the_batch_while_rows_are_checked(world):
    seen = []

    def watch(done: int, total: int) -> None:
        batch = ImportBatch.objects.order_by("-pk").first()
        seen.append((done, total, batch.rows_done, batch.status))

    import_file(data=to_csv(history(450)), name="a.csv", user=world["users"]["platform"], on_progress=watch)
    assert seen == [
        (200, 450, 200, ImportBatch.Status.RUNNING),
        (400, 450, 400, ImportBatch.Status.RUNNING),
        (450, 450, 450, ImportBatch.Status.RUNNING),
    ]


def _from_another_connection(read):
    """What `read()` returns on another database connection (another thread): what a poller sees."""
    import threading

    from django.db import connection

    out = []

    def run():
        try:
            out.append(read())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return out[0]


@pytest.mark.django_db(transaction=True)
def test_on_the_real_path_a_poller_sees_the_progress_and_no_fact_before_the_write(reference_regions, world):
    """Real commits (no test transaction): each progress step is committed at once, read from another
    connection as the page's poller would; no fact is visible until the one write commits."""
    from django.core.management import call_command

    call_command("load_elections", stdout=io.StringIO())
    call_command("load_rules", stdout=io.StringIO())
    seen = []

    def watch(done: int, total: int) -> None:
        seen.append(
            _from_another_connection(
                lambda: (
                    ImportBatch.objects.order_by("-pk").values_list("rows_done", "status").first(),
                    SubjectFact.objects.count(),
                )
            )
        )

    batch = import_file(
        data=to_csv(history(450)), name="a.csv", user=world["users"]["platform"], on_progress=watch
    )
    running = ImportBatch.Status.RUNNING
    assert seen == [((200, running), 0), ((400, running), 0), ((450, running), 0)]
    assert _from_another_connection(lambda: SubjectFact.objects.filter(batch_id=batch.pk).count()) == 450


# --- the page --------------------------------------------------------------------------------------


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_upload_then_follow_the_batch_to_done(world, django_capture_on_commit_callbacks):
    client = _client(world["users"]["platform"])
    page = client.get("/statistik/impor/")
    assert page.status_code == 200
    assert 'data-testid="import-columns"' in page.content.decode()
    upload = SimpleUploadedFile("riwayat.xlsx", to_xlsx(history(40)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/statistik/impor/", {"file": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/statistik/impor/{batch.pk}/"
    status = client.get(f"/statistik/impor/{batch.pk}/status.json").json()
    assert status["finished"] is True
    assert (status["status"], status["progress"], status["rows_added"]) == ("selesai", 100, 40)
    detail = client.get(f"/statistik/impor/{batch.pk}/").content.decode()
    assert 'data-testid="import-done"' in detail
    assert 'value="100"' in detail
    assert not stored_path(batch).exists()  # the upload is not kept once imported
    dashboard = client.get("/statistik/")
    funnel = {key: rows for key, _c, rows in dashboard.context["sections"]}["funnel"]
    assert funnel[0]["n"] == 40


@pytest.mark.django_db
def test_a_pending_batch_polls_its_progress(world):
    batch = ImportBatch.objects.create(
        file_name="a.csv",
        file_sha256="0" * 64,
        created_by=world["users"]["platform"],
        rows_total=10,
        rows_done=4,
    )
    client = _client(world["users"]["platform"])
    detail = client.get(f"/statistik/impor/{batch.pk}/").content.decode()
    assert "analytics/import.js" in detail
    assert 'http-equiv="refresh"' in detail
    status = client.get(f"/statistik/impor/{batch.pk}/status.json").json()
    assert (status["finished"], status["progress"], status["rows_done"]) == (False, 40, 4)


@pytest.mark.django_db
def test_a_failed_upload_shows_and_downloads_its_error_report(world, django_capture_on_commit_callbacks):
    client = _client(world["users"]["platform"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/statistik/impor/", {"file": SimpleUploadedFile("salah.csv", to_csv(_bad_rows()))})
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    detail = client.get(f"/statistik/impor/{batch.pk}/").content.decode()
    assert 'data-testid="import-failed"' in detail
    assert "di kalender" in detail
    report = client.get(f"/statistik/impor/{batch.pk}/kesalahan.csv")
    lines = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert lines[0] == ["baris", "kolom", "alasan"]
    assert {(int(r[0]), r[1]) for r in lines[1:]} == EXPECTED_ERRORS
    assert all(r[2] for r in lines[1:])
    # another office neither follows it nor downloads its report
    other = _client(world["users"]["pbg"])
    assert other.get(f"/statistik/impor/{batch.pk}/").status_code == 404
    officer = _client(world["users"]["bpp_officer"])
    assert officer.get(f"/statistik/impor/{batch.pk}/kesalahan.csv").status_code == 404
    assert officer.get(f"/statistik/impor/{batch.pk}/status.json").status_code == 404


@pytest.mark.django_db
def test_posting_without_a_file_asks_for_one(world):
    response = _client(world["users"]["platform"]).post("/statistik/impor/", {})
    assert response.status_code == 400
    assert 'data-testid="import-error"' in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lama.xls", b"\xd0\xcf\x11\xe0", "Excel lama"),
        ("catatan.txt", b"halo", ".csv atau .xlsx"),
    ],
)
def test_a_file_of_the_wrong_type_is_a_form_error(world, name, content, message):
    response = _client(world["users"]["platform"]).post(
        "/statistik/impor/", {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rusak.xlsx", b"PK\x03\x04 bukan xlsx", "tidak dapat dibaca"),
        ("kosong.csv", b"\n\n", "Berkas kosong"),
        ("biner.csv", to_xlsx([]), "bukan CSV"),
    ],
)
def test_an_unreadable_file_fails_its_batch_never_a_500(
    world, django_capture_on_commit_callbacks, name, content, message
):
    client = _client(world["users"]["platform"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/statistik/impor/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    assert message in batch.errors[0]["why"]
    assert client.get(f"/statistik/impor/{batch.pk}/").status_code == 200


@pytest.mark.django_db
def test_files_past_the_limits_are_refused_clearly(world, settings):
    settings.NETRA_IMPORT_MAX_ROWS = 5
    with pytest.raises(ImportFileError, match=r"Terlalu banyak baris \(lebih dari 5\)"):
        import_file(data=to_csv(history(6)), name="a.csv", user=world["users"]["platform"])
    assert import_file(data=to_csv(history(5)), name="a.csv", user=world["users"]["platform"]).rows_added == 5
    settings.NETRA_IMPORT_MAX_BYTES = 100
    client = _client(world["users"]["platform"])
    response = client.post("/statistik/impor/", {"file": SimpleUploadedFile("a.csv", to_csv(history(3)))})
    assert response.status_code == 400
    assert "terlalu besar" in response.content.decode()


# --- the template and the docs ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_is_itself_a_valid_import(world, fmt):
    response = _client(world["users"]["platform"]).get(f"/statistik/impor/templat.{fmt}")
    assert response.status_code == 200
    table = table_read(data=response.content, name=f"templat.{fmt}")
    assert table.header == HEADER
    check = import_check(table=table, user=world["users"]["platform"])
    assert check.errors == []
    assert len(check.rows) == 1
    if fmt == "xlsx":
        assert load_workbook(io.BytesIO(response.content)).sheetnames == ["impor", "petunjuk"]


def test_the_docs_describe_every_column():
    docs = (Path(settings.BASE_DIR) / "docs" / "import.md").read_text(encoding="utf-8")
    missing = [c.name for c in COLUMNS if f"`{c.name}`" not in docs]
    assert not missing, missing
