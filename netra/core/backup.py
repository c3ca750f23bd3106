"""`manage.py backup` / `restore` (issue 13): database, evidence and case files, and key material.

An archive (`netra-backup-<UTC time>.tar`) holds:
- `database.dump`: PostgreSQL custom format (`pg_dump -Fc`) or the SQLite file;
- `files/<root>/<name>`: every file of the evidence storage (originals as stored, i.e. sealed), the
  case-document storage and the rest of MEDIA_ROOT, read through the storages (so object storage works
  the same way);
- `manifest.json`: per table the row count and a SHA-256 of its ordered content (read in the same
  snapshot pg_dump reads), per file its SHA-256, and fingerprints of the keys.

Key material never goes into the archive: `keys_export` writes it to its own file (mode 0600) that the
operator keeps apart from the data (another medium, another person). Without the identity private keys a
stolen archive yields only sealed identities and sealed evidence originals.

A restore loads the database, writes the files back, then proves both against the manifest (every
table's rows and hash, every file's hash) before recording itself in the audit log.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import connections, transaction
from django.utils import timezone

from netra.core import dbsnapshot

MANIFEST = "manifest.json"
DUMP = "database.dump"
FORMAT_VERSION = 1
KEY_SETTINGS = (
    "NETRA_IDENTITY_KEY_ID",
    "NETRA_IDENTITY_PUBLIC_KEY",
    "NETRA_IDENTITY_PRIVATE_KEYS",
    "NETRA_BLIND_INDEX_KEY",
    "NETRA_RECEIPT_SALT",
    "NETRA_AUDIT_CHAIN_KEY_ID",
    "NETRA_AUDIT_CHAIN_KEY",
    "NETRA_AUDIT_CHAIN_RETIRED_KEYS",
)


class BackupError(RuntimeError):
    """A restore that does not match its manifest, or an archive that is not a Netra backup."""


def file_roots() -> dict[str, Storage]:
    """The storages whose files a backup holds, read raw (sealed originals stay sealed)."""
    from netra.cases.storage import case_document_storage
    from netra.evidence.storage import evidence_storage

    return {
        "evidence": evidence_storage(),
        "case-documents": case_document_storage(),
        "media": default_storage,
    }


def _walk(storage: Storage, path: str = "") -> Iterator[str]:
    try:
        dirs, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for sub in sorted(dirs):
        yield from _walk(storage, f"{path}/{sub}" if path else sub)


def _inside_other_root(storage: Storage, name: str, roots: dict[str, Storage]) -> bool:
    """MEDIA_ROOT may contain the evidence and case-document folders: each file is backed up once."""
    if not isinstance(storage, FileSystemStorage):
        return False
    path = Path(storage.path(name)).resolve()
    for other in roots.values():
        if other is storage or not isinstance(other, FileSystemStorage):
            continue
        if path.is_relative_to(Path(other.location).resolve()):
            return True
    return False


def stored_files() -> Iterator[tuple[str, Storage, str]]:
    """(root, storage, name) of every file the backup holds."""
    roots = file_roots()
    for root, storage in roots.items():
        for name in _walk(storage):
            if root == "media" and _inside_other_root(storage, name, roots):
                continue
            yield root, storage, name


def _read(storage: Storage, name: str) -> bytes:
    with storage.open(name, "rb") as handle:
        return handle.read()


def fingerprint(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def key_material() -> dict:
    return {name: getattr(settings, name, None) for name in KEY_SETTINGS}


def keys_export(path: Path) -> None:
    """Write the key material to `path`, readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump({"netra_keys": FORMAT_VERSION, **key_material()}, handle, indent=2, sort_keys=True)


@dataclass
class BackupResult:
    archive: Path
    tables: int
    rows: int
    files: int
    manifest: dict = field(repr=False, default_factory=dict)


def _dump_in_snapshot(alias: str, target: Path) -> tuple[str, dict]:
    """Dump the database and digest its tables from one snapshot (PostgreSQL: an exported snapshot that
    pg_dump joins), so the manifest describes exactly what the dump holds even while the site writes."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        fmt = dbsnapshot.database_dump(alias=alias, target=target)
        return fmt, dbsnapshot.database_digests(alias)
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        fmt = dbsnapshot.database_dump(alias=alias, target=target, snapshot=snapshot)
        digests = dbsnapshot.table_digests(cursor, "postgresql")
    return fmt, digests


def backup_create(
    *, output_dir: Path, keys_output: Path | None = None, alias: str = "default"
) -> BackupResult:
    """Write an archive to `output_dir` (and the keys to `keys_output`, never into the archive)."""
    from netra.audit.services import audit_record

    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
    archive = output_dir / f"netra-backup-{stamp}.tar"
    with transaction.atomic(using=alias):  # the backup is in the log it saves
        audit_record(
            actor=None,
            action="ops.backup",
            object_type="ops.backup",
            object_id=archive.name,
            after={"keys_written_separately": keys_output is not None},
        )
    with tempfile.TemporaryDirectory(prefix="netra-backup-") as tmp:
        dump = Path(tmp) / DUMP
        fmt, digests = _dump_in_snapshot(alias, dump)
        files: dict[str, str] = {}
        with tarfile.open(archive, "w") as tar:
            tar.add(dump, arcname=DUMP)
            for root, storage, name in stored_files():
                data = _read(storage, name)
                member = f"files/{root}/{name}"
                files[member] = hashlib.sha256(data).hexdigest()
                info = tarfile.TarInfo(member)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            manifest = {
                "netra_backup": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "database": {
                    "format": fmt,
                    "tables": {t: {"rows": d.rows, "sha256": d.sha256} for t, d in digests.items()},
                },
                "files": files,
                "keys": {name: fingerprint(value) for name, value in key_material().items()},
            }
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    os.chmod(archive, 0o600)
    if keys_output is not None:
        keys_export(keys_output)
    return BackupResult(
        archive=archive,
        tables=len(digests),
        rows=sum(d.rows for d in digests.values()),
        files=len(files),
        manifest=manifest,
    )
