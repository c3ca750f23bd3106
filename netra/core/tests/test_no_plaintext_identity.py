"""No plaintext identity after a realistic run (issue 13): reporters file through the public form and
the API (confidential identity, a photo whose EXIF names the reporter), a tip arrives, officers read,
message, open the identity (the named permission), move the case to the oversight body (letters),
schedule a clarification (summons), export the statistics (CSV, XLSX, recap PDF) and hit error pages,
with every log line captured at DEBUG; then a backup archive is taken.

The reporter's name, NIK, phone (as typed and normalised) and e-mail must appear nowhere in: a plain
`pg_dump` of the database (real binary; bytea columns searched in hex too), the captured logs, the
error pages, the exports (PDF text extracted), every stored file, the backup archive (its dump turned
back into SQL by `pg_restore`) and the Redis database the cache and broker use. Witnesses are checked the
same way in their own test (sealed since intake migration 0008-0010).
"""

import datetime as dt
import io
import json
import logging
import shutil
import subprocess
import tarfile

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from PIL import Image

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump of the real database")

FORM_REPORTER = {
    "name": "Kartika Dewantari",
    "nik": "6471015503880002",
    "phone": "0812-7744-5566",
    "email": "kartika.dewantari@contoh.id",
}
API_REPORTER = {
    "name": "Hendrawan Prasetyo",
    "nik": "6471012011790003",
    "phone": "+62 813 5566 7788",
    "email": "hendrawan.prasetyo@contoh.id",
}
WITNESS = {"name": "Sulastri Wulandari", "contact": "0857-1122-9900"}
REPORTER_SECRETS = [
    *FORM_REPORTER.values(),
    *API_REPORTER.values(),
    "081277445566",  # the phones as the blind index normalises them
    "081355667788",
]
WITNESS_SECRETS = [*WITNESS.values(), "085711229900"]

_RUN: dict = {}  # the corpus of one realistic run, shared by the reporter and witness checks


def _png(artist: str) -> io.BytesIO:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x013B] = artist  # Artist: the photo names whoever took it
    Image.new("RGB", (24, 24), (10, 120, 40)).save(buffer, format="JPEG", exif=exif)
    buffer.seek(0)
    buffer.name = "bukti.jpg"
    return buffer


def _form_data(today: dt.date) -> dict:
    return {
        "reporter_name": FORM_REPORTER["name"],
        "reporter_nik": FORM_REPORTER["nik"],
        "reporter_address": "Jl. Mulawarman 12, Balikpapan",
        "reporter_phone": FORM_REPORTER["phone"],
        "reporter_email": FORM_REPORTER["email"],
        "identity_confidential": "on",
        "terlapor1-name": "Lurah Manggar",
        "terlapor1-agency_name": "Pemerintah Kota Balikpapan",
        "description": "Lurah membagikan unggahan kampanye pasangan calon wali kota di grup WhatsApp warga.",
        "province": "64",
        "regency": "64.71",
        "district": "64.71.05",
        "incident_place": "Grup WhatsApp warga RT 12",
        "incident_date": (today - dt.timedelta(days=2)).isoformat(),
        "known_date": (today - dt.timedelta(days=1)).isoformat(),
        "saksi1-name": WITNESS["name"],
        "saksi1-contact": WITNESS["contact"],
        "link_1": "https://www.facebook.com/groups/warga/posts/123",
        "statement_of_truth": "on",
        "website": "",
    }


def _api_payload(today: dt.date) -> dict:
    return {
        "description": "Camat memasang foto bersama pasangan calon dengan pose dua jari di akun dinas.",
        "incident_region_code": "64.71.01",
        "incident_place": "Kantor Camat",
        "incident_date": (today - dt.timedelta(days=2)).isoformat(),
        "known_date": (today - dt.timedelta(days=1)).isoformat(),
        "reported_persons": [
            {"name": "Camat Balikpapan Selatan", "agency_name": "Pemerintah Kota Balikpapan"}
        ],
        "reporter": {**API_REPORTER, "address": "Jl. Sudirman 5"},
        "witnesses": [{"name": WITNESS["name"], "contact": WITNESS["contact"]}],
        "links": ["https://www.instagram.com/p/abc123/"],
        "statement_of_truth": True,
    }


def _public_submissions(pages: list[str], today: dt.date) -> None:
    client = Client()
    form = {**_form_data(today), "files": [_png(FORM_REPORTER["name"])]}
    response = client.post("/lapor/laporan/", form, follow=True)
    assert response.status_code == 200
    assert "receipt" in response.content.decode()
    multipart = {"payload": json.dumps(_api_payload(today)), "files": [_png(API_REPORTER["name"])]}
    response = client.post("/api/v1/reports", multipart)
    assert response.status_code == 201, response.content
    tip = {
        "description": "Kepala dinas memakai mobil dinas untuk mengantar tim kampanye ke rapat umum.",
        "incident_region_code": "64.71.05",
        "incident_date": (today - dt.timedelta(days=1)).isoformat(),
        "links": ["https://www.instagram.com/p/tip123/"],
    }
    response = client.post("/api/v1/tips", json.dumps(tip), content_type="application/json")
    assert response.status_code == 201, response.content
    # A refused submission logs its error path too.
    bad = {**_api_payload(today), "incident_region_code": "99.99"}
    assert client.post("/api/v1/reports", json.dumps(bad), content_type="application/json").status_code == 400


def _officers_work(world: dict, pages: list[str], now: dt.datetime) -> None:
    """Read, message, open the identity, move the case with its letters, schedule a clarification."""
    from netra.cases.models import CaseReport
    from netra.cases.services.clarifications import clarification_schedule
    from netra.cases.services.transitions import case_transition
    from netra.cases.tests.fixtures import classify_subjects
    from netra.intake.models import Report, ReportKind

    users = world["users"]
    officer, head = Client(), Client()
    officer.force_login(users["bpp_officer"])
    head.force_login(users["bpp_head"])
    reports = list(Report.objects.filter(kind=ReportKind.LAPORAN).order_by("pk"))
    assert len(reports) == 2
    for report in reports:
        pages.append(officer.get(f"/lapor/petugas/{report.pk}/").content.decode())
        message = {"body": "Mohon kirim video aslinya."}
        assert (
            officer.post(f"/api/v1/reports/{report.pk}/messages", message, "application/json").status_code
            < 300
        )
        reveal = head.post(
            f"/api/v1/reports/{report.pk}/reveal-identity",
            {"reason": "Pelapor perlu dipanggil untuk klarifikasi."},
            "application/json",
        )
        assert reveal.status_code == 200, reveal.content  # the one place an identity may be shown
    case = CaseReport.objects.get(report=reports[0]).case
    pages.append(officer.get(f"/kasus/{case.pk}/").content.decode())
    for user, name, payload in [
        (users["bpp_officer"], "register", {}),
        (users["bpp_officer"], "start_study", {}),
        (users["bpp_head"], "decide", {"outcome": "terbukti", "decided_on": now.date().isoformat()}),
    ]:
        case = case_transition(case_id=case.pk, user=user, name=name, payload=payload, now=now)
    case = classify_subjects(case, users["bpp_officer"])
    forward = {
        "destination": "oversight_body",
        "recipient_id": world["agencies"]["bkn"].pk,
        "forwarding_summary": "Ringkasan petugas",
    }
    case_transition(case_id=case.pk, user=users["bpp_head"], name="forward", payload=forward, now=now)
    second = CaseReport.objects.get(report=reports[1]).case
    for name in ("register", "start_clarification"):
        second = case_transition(case_id=second.pk, user=users["bpp_officer"], name=name, payload={}, now=now)
    clarification_schedule(
        case_id=second.pk,
        user=users["bpp_officer"],
        role="pelapor",
        scheduled_at=now + dt.timedelta(days=3),
        place="Kantor Bawaslu Kota Balikpapan",
        confirm_non_working_day=True,
        now=now,
    )
    pages.append(officer.get(f"/kasus/{second.pk}/").content.decode())


def _exports(world: dict) -> list[str]:
    """The statistics a reader can take away: every table as CSV and XLSX, the recap as PDF/XLSX."""
    from netra.analytics.views import COLUMNS

    client = Client()
    client.force_login(world["users"]["bpp_head"])
    texts = []
    for table in COLUMNS:
        for fmt in ("csv", "xlsx"):
            response = client.get(f"/statistik/unduh/{table}.{fmt}")
            assert response.status_code == 200, (table, fmt)
            texts.append(_document_text(b"".join(response), fmt))
    for fmt in ("pdf", "xlsx"):
        response = client.get(f"/statistik/rekapitulasi.{fmt}")
        assert response.status_code == 200, fmt
        texts.append(_document_text(b"".join(response), fmt))
    return texts


def _document_text(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
        )
    return data.decode("utf-8-sig", "replace")


def _error_pages(world: dict, caplog, settings) -> list[str]:
    """Error pages where identities are at hand: an officer of another office probing a report's
    identity (404), and a real fault (a malformed identity key, as a misconfigured deployment would
    have) while the public form and the API carry a confidential identity (500). With each 500 goes the
    error report Django would mail to ADMINS (`ExceptionReporter`, through the configured filter).
    Pages that only echo a requester's own input back to them (a form re-shown with its errors) are
    not leaks and are not collected."""
    from django.views.debug import ExceptionReporter

    from netra.intake.models import Report, ReportKind

    report = Report.objects.filter(kind=ReportKind.LAPORAN).order_by("pk").first()
    other = Client()
    other.force_login(world["users"]["pbg"])
    probe = other.get(f"/lapor/petugas/{report.pk}/")
    assert probe.status_code == 404
    reveal = other.post(
        f"/api/v1/reports/{report.pk}/reveal-identity",
        {"reason": "Ingin tahu siapa pelapornya."},
        "application/json",
    )
    assert reveal.status_code == 404
    pages = [probe.content.decode(), reveal.content.decode()]
    settings.NETRA_IDENTITY_PUBLIC_KEY = "bukan-kunci-yang-sah"
    broken = Client(raise_request_exception=False)
    before = len(caplog.records)
    today = timezone.localdate()
    response = broken.post("/lapor/laporan/", _form_data(today))
    assert response.status_code == 500
    pages.append(response.content.decode())
    response = broken.post(
        "/api/v1/reports", json.dumps(_api_payload(today)), content_type="application/json"
    )
    assert response.status_code == 500
    pages.append(response.content.decode())
    reports = [r for r in caplog.records[before:] if r.exc_info and getattr(r, "request", None) is not None]
    assert reports, "the 500s were logged with their request"
    for record in reports:
        reporter = ExceptionReporter(record.request, *record.exc_info)
        pages.append(reporter.get_traceback_text())
        pages.append(reporter.get_traceback_html())
    return pages


def _pg_dump_text() -> str:
    db = settings.DATABASES["default"]
    cmd = [shutil.which("pg_dump") or "pg_dump", "--no-owner", "-h", db.get("HOST") or "127.0.0.1"]
    cmd += ["-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres", db["NAME"]]
    env = {"PGPASSWORD": db.get("PASSWORD") or "", "PATH": "/usr/bin:/bin"}
    return subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout  # noqa: S603


def _backup_text(tmp_path) -> tuple[str, list[bytes]]:
    """The backup archive: its dump back as SQL (pg_restore -f -) and every file member's bytes."""
    out = tmp_path / "backups"
    call_command("backup", output=str(out), keys_output=str(tmp_path / "keys.json"))
    archive = next(out.glob("netra-backup-*.tar"))
    files = []
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            data = tar.extractfile(member).read()
            if member.name == "database.dump":
                dump = tmp_path / "database.dump"
                dump.write_bytes(data)
                sql = subprocess.run(  # noqa: S603
                    [shutil.which("pg_restore") or "pg_restore", "-f", "-", str(dump)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            else:
                files.append(data)
    return sql, files


def _stored_files() -> list[bytes]:
    from netra.core.backup import stored_files

    blobs = []
    for _root, storage, name in stored_files():
        with storage.open(name, "rb") as handle:
            blobs.append(handle.read())
    return blobs


def _redis_values() -> list[bytes]:
    if not settings.REDIS_URL:
        return []
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    values = []
    for key in client.scan_iter(count=500):
        kind = client.type(key)
        if kind == b"string":
            values.append(key + b" " + (client.get(key) or b""))
        elif kind == b"list":
            values.append(key + b" " + b" ".join(client.lrange(key, 0, -1)))
        elif kind == b"hash":
            values.append(key + b" " + b" ".join(k + b"=" + v for k, v in client.hgetall(key).items()))
    return values


def _forms(secret: str) -> list[bytes]:
    """The secret as text, as UTF-8 in a bytea column (hex, as pg_dump writes it), as JSON escapes it."""
    raw = secret.encode()
    return [raw, raw.hex().encode(), json.dumps(secret).strip('"').encode()]


def _realistic_run(world: dict, caplog, tmp_path, settings) -> dict:
    from netra.analytics.facts import facts_rebuild
    from netra.elections.tests.factories import running_pilkada

    cache.clear()
    caplog.set_level(logging.DEBUG)
    now = timezone.now()
    running_pilkada(today=timezone.localdate())
    pages: list[str] = []
    _public_submissions(pages, timezone.localdate())
    _officers_work(world, pages, now)
    facts_rebuild()
    exports = _exports(world)
    errors = _error_pages(world, caplog, settings)
    dump = _pg_dump_text()
    backup_sql, backup_files = _backup_text(tmp_path)
    assert "intake_reporteridentity" in dump
    assert "Lurah Manggar" in dump  # the dump holds the reports' (non-identifying) content
    from netra.cases.models import Document

    assert Document.objects.exclude(file="").count() >= 2, "letters were rendered"
    formatter = logging.Formatter("%(name)s %(message)s %(args)r")
    logs = "\n".join(formatter.format(r) for r in caplog.records)
    assert len(caplog.records) > 10
    return {
        "database dump": [dump.encode()],
        "logs": [logs.encode()],
        "error pages": [p.encode() for p in errors],
        "exports": [t.encode() for t in exports],
        "officer pages": [p.encode() for p in pages],  # report pages read before the identity was opened
        "stored files": _stored_files(),
        "backup archive": [backup_sql.encode(), *backup_files],
        "redis": _redis_values(),
    }


@pytest.fixture
def realistic_run(transactional_db, reference_regions, world, caplog, tmp_path, settings):
    """Run once per session (the witness check reads the same corpus). A transactional test runs on a
    flushed database: the reference data the migrations load is loaded again here."""
    if "corpus" not in _RUN:
        settings.MEDIA_ROOT = str(tmp_path / "media")
        for command in ("load_rules", "load_clock_rules", "load_holidays", "load_elections"):
            call_command(command, stdout=io.StringIO())
        _RUN["corpus"] = _realistic_run(world, caplog, tmp_path, settings)
    return _RUN["corpus"]


def _leaks(corpus: dict, secrets: list[str]) -> list[tuple[str, str]]:
    found = []
    for place, blobs in corpus.items():
        for secret in secrets:
            if any(form in blob for blob in blobs for form in _forms(secret)):
                found.append((place, secret))
    return found


def test_no_reporter_identity_anywhere(realistic_run, capsys):
    sizes = {place: sum(len(b) for b in blobs) for place, blobs in realistic_run.items()}
    assert all(sizes[p] > 0 for p in ("database dump", "logs", "error pages", "exports", "backup archive"))
    leaks = _leaks(realistic_run, REPORTER_SECRETS)
    with capsys.disabled():
        print(
            f"\nscanned for {len(REPORTER_SECRETS)} reporter strings: "
            + ", ".join(f"{p} {n:,} B" for p, n in sizes.items())
        )
    assert leaks == [], f"reporter identity in plaintext: {leaks}"


def test_no_witness_identity_anywhere(realistic_run):
    assert _leaks(realistic_run, WITNESS_SECRETS) == []
