"""The public reporting API and the reporter's receipt-authenticated endpoints."""

import datetime as dt
import io
import json

import pytest
from django.test import Client
from PIL import Image

from netra.intake.models import Message, Report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("current_election")]

# Receipt-authenticated operations, each exercised below (netra/core/tests/test_api_permissions.py
# requires every secured endpoint to be covered by a case or listed here).
RECEIPT_ENDPOINTS = {
    ("get", "/api/v1/my-report"),
    ("post", "/api/v1/my-report/messages"),
    ("post", "/api/v1/my-report/evidence"),
}


def payload(**changes) -> dict:
    today = dt.date.today()  # noqa: DTZ011
    data = {
        "description": "Camat memasang foto bersama pasangan calon dengan pose dua jari di akun Instagram dinas.",
        "incident_region_code": "64.71.01",
        "incident_place": "Kantor Camat",
        "incident_date": (today - dt.timedelta(days=2)).isoformat(),
        "known_date": (today - dt.timedelta(days=1)).isoformat(),
        "reported_persons": [{"name": "Camat Balikpapan Timur"}],
        "reporter": {"name": "Dewi", "address": "Jl. Sudirman 5", "nik": "6471010101010001"},
        "links": ["https://www.instagram.com/p/abc123/"],
        "statement_of_truth": True,
    }
    data.update(changes)
    return data


def post_json(client, path, data):
    return client.post(path, data=json.dumps(data), content_type="application/json")


def png(name="bukti.png") -> io.BytesIO:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(buf, format="PNG")
    buf.seek(0)
    buf.name = name
    return buf


@pytest.fixture
def filed(world):
    response = post_json(Client(), "/api/v1/reports", payload())
    assert response.status_code == 201, response.content
    return response.json()


def test_json_report(filed):
    assert filed["reference"].startswith("LAP-")
    assert len(filed["receipt"]) == 24
    assert filed["office"] == "Panwaslu Kecamatan Balikpapan Timur"
    assert filed["status"] == "diterima"
    assert filed["missing"] == []
    assert "Kajian awal" in filed["notice"]
    assert [s["title"] for s in filed["next_steps"]][0] == "Kajian awal"


def test_multipart_report_with_evidence(world):
    response = Client().post(
        "/api/v1/reports", data={"payload": json.dumps(payload(links=[])), "files": [png()]}
    )
    assert response.status_code == 201, response.content
    report = Report.objects.get(reference=response.json()["reference"])
    assert report.evidence.count() == 1
    assert report.missing == []


def test_refused_file_refuses_the_submission(world):
    exe = io.BytesIO(
        b"MZ" + b"\x90" * 58 + b"\x80\x00\x00\x00" + b"\x00" * 64 + b"PE\x00\x00" + b"\x00" * 512
    )
    exe.name = "foto.jpg"
    response = Client().post("/api/v1/reports", data={"payload": json.dumps(payload()), "files": [exe]})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert "foto.jpg" in response.json()["title"]
    assert not Report.objects.exists()


def test_missing_requirements_are_told(world):
    response = post_json(
        Client(), "/api/v1/reports", payload(links=[], reported_persons=[], statement_of_truth=False)
    )
    assert response.status_code == 201
    codes = [m["code"] for m in response.json()["missing"]]
    assert codes == ["reported_person", "statement_of_truth", "evidence"]
    assert all(m["message"] and m["basis"] for m in response.json()["missing"])


def test_schema_errors_are_422_problem_details(world):
    response = post_json(Client(), "/api/v1/reports", {"incident_region_code": "64.71"})
    assert response.status_code == 422
    body = response.json()
    assert body["errors"]
    assert any("description" in str(e.get("loc")) for e in body["errors"])


def test_business_errors_are_400_with_field_errors(world):
    response = post_json(Client(), "/api/v1/reports", payload(incident_region_code="99.99"))
    assert response.status_code == 400
    assert response.json()["errors"]["incident_region_code"] == "Wilayah kejadian tidak dikenal."


def test_honeypot_and_rate_limit(world, settings):
    assert post_json(Client(), "/api/v1/reports", payload(website="http://spam")).status_code == 400
    settings.NETRA_INTAKE_RATE_PER_HOUR = 2
    client = Client()
    codes = [
        post_json(client, "/api/v1/tips", payload(reporter=None) | {"reporter": None}).status_code
        for _ in range(3)
    ]
    assert codes[-1] == 429
    assert Report.objects.count() <= 2


def test_tip_has_no_identity(world):
    body = payload()
    body.pop("reporter")
    response = post_json(Client(), "/api/v1/tips", body)
    assert response.status_code == 201
    assert response.json()["reference"].startswith("INF-")
    assert "temuan" in response.json()["notice"]


def test_receipt_follow_up(filed, world):
    client = Client()
    receipt = filed["receipt"]
    status = client.get("/api/v1/my-report", HTTP_X_RECEIPT=receipt)
    assert status.status_code == 200
    assert status.json()["reference"] == filed["reference"]
    sent = client.post(
        "/api/v1/my-report/messages",
        data=json.dumps({"body": "Ada saksi lain."}),
        content_type="application/json",
        HTTP_X_RECEIPT=receipt,
    )
    assert sent.status_code == 201
    assert Message.objects.get().sender == "pelapor"
    added = client.post(
        "/api/v1/my-report/evidence", data={"files": [png("tambahan.png")]}, HTTP_X_RECEIPT=receipt
    )
    assert added.status_code == 201, added.content
    assert added.json() == {"added": 1}
    assert client.get("/api/v1/my-report", HTTP_X_RECEIPT=receipt).json()["evidence_count"] == 2


def test_wrong_receipts_are_throttled(filed, settings):
    settings.NETRA_RECEIPT_FAILURES_PER_HOUR = 3
    client = Client()
    codes = [
        client.get("/api/v1/my-report", HTTP_X_RECEIPT="AAAA-BBBB-CCCC-DDDD-EEEE").status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]
    # That code's prefix is throttled for this client; the right code (another prefix) still opens: the
    # address may be a carrier's NAT shared by many reporters (issue 13, item 8).
    assert not filed["receipt"].startswith("AAAA")
    assert client.get("/api/v1/my-report", HTTP_X_RECEIPT=filed["receipt"]).status_code == 200


def test_officer_api_hides_identity_and_counts_same_reporter(filed, world):
    client = Client()
    client.force_login(world["users"]["bpp_officer"])
    listed = client.get("/api/v1/reports").json()
    assert [r["reference"] for r in listed] == [filed["reference"]]
    detail = client.get(f"/api/v1/reports/{listed[0]['id']}").json()
    assert detail["has_identity"] is True
    assert "Dewi" not in json.dumps(detail)
    client.force_login(world["users"]["pbg"])
    assert client.get("/api/v1/reports").json() == []
    assert client.get(f"/api/v1/reports/{listed[0]['id']}").status_code == 404


def test_too_many_files_are_refused_on_both_paths(filed, settings):
    settings.NETRA_UPLOAD_MAX_FILES = 1
    response = Client().post(
        "/api/v1/reports", data={"payload": json.dumps(payload()), "files": [png(), png("b.png")]}
    )
    assert response.status_code == 400
    assert response.json()["title"] == "Terlalu banyak berkas (maksimal 1)."
    more = Client().post(
        "/api/v1/my-report/evidence", data={"files": [png(), png("b.png")]}, HTTP_X_RECEIPT=filed["receipt"]
    )
    assert more.status_code == 400
    assert Report.objects.count() == 1
