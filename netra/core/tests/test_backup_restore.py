"""`manage.py backup` / `restore` round trip on the real stack (issue 13): the real pg_dump/pg_restore,
a fresh PostgreSQL database and a fresh file tree for the restore (a separate `manage.py restore`
process, as an operator runs it), then every table compared row for row (count and a hash of its
ordered content) and every file by hash. Keys travel in their own file, never in the archive.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from netra.core.backup import MANIFEST, stored_files
from netra.core.dbsnapshot import table_digests

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the round trip uses pg_dump/pg_restore on PostgreSQL"
)


def _pg_url(name: str) -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


@pytest.fixture
def fresh_database():
    """An empty PostgreSQL database, dropped afterwards."""
    name = f"netra_restore_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect(_pg_url("postgres"), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def stored_world(reference_regions, case_world, settings, tmp_path):
    """The case world with an evidence photo (sealed original + stripped copy) and a case document."""
    from netra.cases.storage import case_document_storage
    from netra.evidence.tests.factories import EvidenceFactory

    settings.MEDIA_ROOT = str(tmp_path / "media")
    EvidenceFactory(report=case_world["report"])
    case_document_storage().save("uji/berita-acara.pdf", ContentFile(b"%PDF-1.4 uji"))
    return case_world


def _file_hashes() -> dict[str, str]:
    hashes = {}
    for root, storage, name in stored_files():
        with storage.open(name, "rb") as handle:
            hashes[f"{root}/{name}"] = hashlib.sha256(handle.read()).hexdigest()
    return hashes


def _restored_file_hashes(media_root: Path) -> dict[str, str]:
    """Hash the restored tree directly (not through the restore's own code)."""
    hashes = {}
    for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
        rel = path.relative_to(media_root).as_posix()
        root, name = ("evidence", rel[9:]) if rel.startswith("evidence/") else ("media", rel)
        if rel.startswith("case-documents/"):
            root, name = "case-documents", rel[len("case-documents/") :]
        hashes[f"{root}/{name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_backup_restore_round_trip(stored_world, fresh_database, tmp_path, capsys):
    from netra.audit.models import AuditLogEntry

    out, keys = tmp_path / "backups", tmp_path / "operator" / "netra-keys.json"
    keys.parent.mkdir()
    call_command("backup", output=str(out), keys_output=str(keys))
    archive = next(out.glob("netra-backup-*.tar"))

    # What the source holds after the backup (the backup's own audit row included).
    with connection.cursor() as cursor:
        source = table_digests(cursor, "postgresql")
    source_files = _file_hashes()
    assert source["intake_report"].rows >= 1
    assert source["evidence_evidence"].rows >= 1
    assert len(source_files) >= 3  # sealed original, display copy, case document
    assert AuditLogEntry.objects.filter(action="ops.backup").count() == 1

    # Keys: in their own owner-only file, absent from the archive.
    assert oct(keys.stat().st_mode & 0o777) == "0o600"
    private = next(iter(settings.NETRA_IDENTITY_PRIVATE_KEYS.values()))
    assert json.loads(keys.read_text())["NETRA_IDENTITY_PRIVATE_KEYS"]
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        blob = b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile())
    assert MANIFEST in names
    assert private.encode() not in blob
    assert settings.NETRA_BLIND_INDEX_KEY.encode() not in blob

    # Restore into a fresh database and a fresh file tree, in another process (the operator's run).
    restored_media = tmp_path / "restored-media"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": _pg_url(fresh_database),
        "NETRA_MEDIA_ROOT": str(restored_media),
        "NETRA_CASE_DOCUMENT_ROOT": "",
        "NETRA_EVIDENCE_ROOT": "",
        "REDIS_URL": "",
    }
    run = subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "manage.py", "restore", str(archive), "--keys", str(keys)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    summary = json.loads(run.stdout.strip().splitlines()[-1])
    assert summary["verified"] is True
    assert summary["keys_checked"] is True

    # Independently of the restore's own check: every table, every row, every file.
    with psycopg.connect(_pg_url(fresh_database)) as restored_conn, restored_conn.cursor() as cursor:
        restored = table_digests(cursor, "postgresql")
        cursor.execute("SELECT action FROM audit_auditlogentry ORDER BY seq DESC LIMIT 1")
        last_action = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM audit_auditlogentry")
        restored_audit_rows = cursor.fetchone()[0]
    assert set(restored) == set(source)
    different = [t for t in source if t != "audit_auditlogentry" and restored[t] != source[t]]
    assert not different, different
    # The restore appends exactly its own audit row to the restored chain.
    assert last_action == "ops.restore"
    assert restored_audit_rows == source["audit_auditlogentry"].rows + 1
    assert _restored_file_hashes(restored_media) == source_files
    _refusals(archive, keys, tmp_path)
    rows = sum(d.rows for d in source.values())
    with capsys.disabled():
        print(f"\nbackup round trip: {len(source)} tables, {rows} rows, {len(source_files)} files compared")


def _refusals(archive: Path, keys: Path, tmp_path: Path) -> None:
    """The wrong key file is refused; an archive altered after the backup is refused before anything
    is written."""
    from netra.core.backup import BackupError
    from netra.core.restore import backup_restore, keys_check, read_manifest

    manifest = read_manifest(archive)
    wrong = json.loads(keys.read_text())
    wrong["NETRA_BLIND_INDEX_KEY"] = "another-key"
    wrong_keys = tmp_path / "wrong-keys.json"
    wrong_keys.write_text(json.dumps(wrong))
    with pytest.raises(BackupError, match="NETRA_BLIND_INDEX_KEY"):
        keys_check(manifest, wrong_keys)
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("files/case-documents/"):
                data += b"x"
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    with pytest.raises(BackupError, match="does not match its manifest"):
        backup_restore(archive=tampered)


def test_sqlite_dump_and_restore_round_trip(tmp_path):
    """The embedded default's path: SQLite's online backup API copies the file, and a restore brings
    back exactly its rows (checked with the same table digests)."""
    import sqlite3

    from netra.core.dbsnapshot import database_dump, database_restore

    live = tmp_path / "db.sqlite3"
    with sqlite3.connect(live) as db:
        db.execute("CREATE TABLE report (id INTEGER PRIMARY KEY, body TEXT, sealed BLOB)")
        db.executemany(
            "INSERT INTO report VALUES (?, ?, ?)", [(i, f"laporan {i}", bytes([i]) * 8) for i in range(50)]
        )
    alias = "backup_sqlite_test"
    from django.db import connections

    connections.settings[alias] = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(live),
    }
    try:

        def digests():
            with sqlite3.connect(live) as db:
                return table_digests(db.cursor(), "sqlite")

        before = digests()
        assert before["report"].rows == 50
        dump = tmp_path / "database.dump"
        assert database_dump(alias=alias, target=dump) == "sqlite"
        with sqlite3.connect(live) as db:
            db.execute("DELETE FROM report WHERE id > 10")
            db.execute("UPDATE report SET body = 'diubah' WHERE id = 1")
        assert digests() != before
        database_restore(alias=alias, source=dump, fmt="sqlite")
        assert digests() == before
    finally:
        connections[alias].close()
        del connections.settings[alias]
