"""After real submissions through the API, neither a database dump nor the logs contain a reporter's
identity in plaintext (issue 3: "a database dump, a backup, a log or an error report never contains it")."""

import datetime as dt
import io
import json
import logging
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from PIL import Image

IDENTITIES = [
    {
        "name": "Bambang Sukmawijaya",
        "nik": "6471019876543210",
        "address": "Jl. Kenanga Ungu 77",
        "phone": "0813-9988-7766",
        "email": "bambang.sukmawijaya@contoh.id",
        "birth_place": "Kampung Sukamaju Indahwangi",
    },
    {
        "name": "Siti Nurhalizawati",
        "nik": "3303015556667778",
        "address": "Gang Melati Putih 3",
        "phone": "+62 857 1234 9876",
        "email": "siti.nurhalizawati@contoh.id",
        "birth_place": "Dusun Cemarawangi Lor",
    },
]
SECRETS = [v for ident in IDENTITIES for v in ident.values()] + [
    "081399887766",
    "085712349876",  # normalised phones
]


def _payload(identity: dict, **extra) -> dict:
    today = dt.date.today()  # noqa: DTZ011 (dates only need to be recent)
    return {
        "description": "ASN membagikan unggahan kampanye pasangan calon di media sosial kantor kelurahan.",
        "incident_region_code": "64.71.01",
        "incident_date": (today - dt.timedelta(days=2)).isoformat(),
        "known_date": (today - dt.timedelta(days=1)).isoformat(),
        "reported_persons": [{"name": "Pegawai Kelurahan"}],
        "reporter": identity,
        "statement_of_truth": True,
        **extra,
    }


def _dump() -> str:
    if connection.vendor == "postgresql":
        db = settings.DATABASES["default"]
        env = {"PGPASSWORD": db.get("PASSWORD") or ""}
        cmd = [
            shutil.which("pg_dump") or "pg_dump",
            "--data-only",
            "--no-owner",
            "-h",
            db.get("HOST") or "127.0.0.1",
            "-p",
            str(db.get("PORT") or 5432),
            "-U",
            db.get("USER") or "postgres",
            db["NAME"],
        ]
        return subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout  # noqa: S603
    return "\n".join(connection.connection.iterdump())


@pytest.mark.django_db(transaction=True)
def test_dump_and_logs_hold_no_plaintext_identity(caplog, reference_regions, world):
    cache.clear()
    caplog.set_level(logging.DEBUG)
    client = Client()
    receipts = []
    # JSON
    response = client.post(
        "/api/v1/reports", data=json.dumps(_payload(IDENTITIES[0])), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    receipts.append(response.json()["receipt"])
    # multipart with an image whose metadata names the reporter
    image = io.BytesIO()
    exif = Image.Exif()
    exif[0x013B] = IDENTITIES[1]["name"]  # Artist
    Image.new("RGB", (32, 32), "red").save(image, format="JPEG", exif=exif)
    image.seek(0)
    image.name = "bukti.jpg"
    response = client.post(
        "/api/v1/reports",
        data={"payload": json.dumps(_payload(IDENTITIES[1])), "files": [image]},
    )
    assert response.status_code == 201, response.content
    receipts.append(response.json()["receipt"])
    # A bad submission that fails validation (its error path logs too).
    bad = client.post(
        "/api/v1/reports",
        data=json.dumps(_payload(IDENTITIES[0], incident_region_code="99.99")),
        content_type="application/json",
    )
    assert bad.status_code == 400
    # The reporter follows up; an officer opens the list.
    assert client.get("/api/v1/my-report", HTTP_X_RECEIPT=receipts[0]).status_code == 200

    dump = _dump()
    assert "intake_report" in dump  # the dump really contains the reports table
    assert "Pegawai Kelurahan" in dump  # and the (non-identifying) report content
    leaked = [s for s in SECRETS if s in dump]
    assert leaked == [], f"identity in database dump: {leaked}"
    receipts_leaked = [r for r in receipts if r in dump or r.replace("-", "") in dump]
    assert receipts_leaked == [], "receipt codes must never be stored"
    # Files: originals are sealed at rest, display copies carry no metadata (the photo named the reporter).
    from netra.evidence.storage import evidence_root

    on_disk = [p for p in evidence_root().rglob("*") if p.is_file()]
    assert on_disk, "the multipart submission stored files"
    for path in on_disk:
        content = path.read_bytes()
        assert [s for s in SECRETS if s.encode() in content] == [], f"identity in stored file {path.name}"
    log_text = caplog.text
    leaked_logs = [
        r.getMessage()[:300] + " @" + r.name
        for r in caplog.records
        if any(s in r.getMessage() for s in SECRETS)
    ]
    assert leaked_logs == []
    assert [s for s in SECRETS if s in log_text] == []
    assert [r for r in receipts if r in log_text] == []
