"""Restore a `manage.py backup` archive and prove it complete (see netra.core.backup)."""

import hashlib
import json
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction

from netra.core import dbsnapshot
from netra.core.backup import DUMP, MANIFEST, BackupError, file_roots, fingerprint


@dataclass
class RestoreResult:
    tables: int
    rows: int
    files: int
    keys_checked: bool


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r") as tar:
        member = tar.extractfile(MANIFEST)
        if member is None:
            raise BackupError(f"{archive} has no {MANIFEST}: not a Netra backup")
        manifest = json.load(member)
    if manifest.get("netra_backup") != 1:
        raise BackupError(f"{archive}: unknown backup format {manifest.get('netra_backup')!r}")
    return manifest


def keys_check(manifest: dict, keys_file: Path) -> None:
    """The operator's key file must be the one taken with this backup (fingerprints match)."""
    keys = json.loads(keys_file.read_text())
    wrong = sorted(name for name, fp in manifest["keys"].items() if fingerprint(keys.get(name)) != fp)
    if wrong:
        raise BackupError(f"{keys_file} does not hold the keys of this backup: {', '.join(wrong)} differ")


def _member(tar: tarfile.TarFile, name: str) -> bytes:
    try:
        member = tar.extractfile(name)
    except KeyError:
        member = None
    if member is None:
        raise BackupError(f"{name} is missing from the archive")
    return member.read()


def archive_verify(tar: tarfile.TarFile, manifest: dict) -> None:
    """Every file the manifest lists is in the archive with its hash: checked before anything is
    written, so a damaged or altered archive changes nothing."""
    _member(tar, DUMP)
    for member_name, expected in manifest["files"].items():
        if hashlib.sha256(_member(tar, member_name)).hexdigest() != expected:
            raise BackupError(f"{member_name} in the archive does not match its manifest hash")


def _restore_files(tar: tarfile.TarFile, manifest: dict) -> int:
    roots = file_roots()
    for member_name in manifest["files"]:
        _, root, name = member_name.split("/", 2)
        data = _member(tar, member_name)
        storage = roots[root]
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, ContentFile(data))
        if saved != name:
            raise BackupError(f"{member_name} was stored as {saved}")
    return len(manifest["files"])


def restore_verify(manifest: dict, *, alias: str = "default") -> None:
    """Every table's rows and hash, every file's hash, as the manifest says."""
    expected = manifest["database"]["tables"]
    actual = dbsnapshot.database_digests(alias)
    problems = [
        f"table {t}: expected {e['rows']} rows {e['sha256'][:12]}, found "
        + (f"{actual[t].rows} rows {actual[t].sha256[:12]}" if t in actual else "nothing")
        for t, e in sorted(expected.items())
        if t not in actual or (actual[t].rows, actual[t].sha256) != (e["rows"], e["sha256"])
    ]
    roots = file_roots()
    for member_name, digest in manifest["files"].items():
        _, root, name = member_name.split("/", 2)
        with roots[root].open(name, "rb") as handle:
            if hashlib.sha256(handle.read()).hexdigest() != digest:
                problems.append(f"file {member_name}: hash differs")
    if problems:
        raise BackupError("restore does not match the backup: " + "; ".join(problems[:20]))


def backup_restore(*, archive: Path, keys_file: Path | None = None, alias: str = "default") -> RestoreResult:
    """Load the archive's database into `alias` (replacing its objects), write its files back into the
    configured storages, verify both, and record the restore in the (restored) audit log."""
    from netra.audit.services import audit_record

    manifest = read_manifest(archive)
    if keys_file is not None:
        keys_check(manifest, keys_file)
    with tarfile.open(archive, "r") as tar, tempfile.TemporaryDirectory(prefix="netra-restore-") as tmp:
        archive_verify(tar, manifest)
        dump = Path(tmp) / DUMP
        dump.write_bytes(_member(tar, DUMP))
        dbsnapshot.database_restore(alias=alias, source=dump, fmt=manifest["database"]["format"])
        files = _restore_files(tar, manifest)
    restore_verify(manifest, alias=alias)
    tables = manifest["database"]["tables"]
    with transaction.atomic(using=alias):
        audit_record(
            actor=None,
            action="ops.restore",
            object_type="ops.backup",
            object_id=archive.name,
            after={"tables": len(tables), "files": files, "keys_checked": keys_file is not None},
        )
    return RestoreResult(
        tables=len(tables),
        rows=sum(t["rows"] for t in tables.values()),
        files=files,
        keys_checked=keys_file is not None,
    )
