"""Rotating the identity and evidence keys without downtime (issue 13; docs/operations.md).

Everything sealed to the office key (netra.core.sealing) names the key id it was sealed with: rows with
a `sealed` blob and a `key_id` (reporter identities, witnesses) and sealed files (evidence originals,
patrol captures: the file's own random key is sealed in the file's header). Rotation is therefore:

1. deploy the officers' tier with both private keys (`NETRA_IDENTITY_PRIVATE_KEYS="i1=…,i2=…"`);
2. switch every tier to the new public key and id (`NETRA_IDENTITY_KEY_ID=i2`, `…_PUBLIC_KEY=…`): new
   data is sealed to i2, old data still opens with i1;
3. `manage.py rotate_keys` re-seals what names an old key, in batches (each batch one short transaction
   with its rows locked, one audit row; a file's header is re-sealed and the file replaced atomically:
   its content and its SHA-256 are unchanged, so readers never see a half-written file);
4. `manage.py rotate_keys --check` reports 0 left: remove i1 from the private keys.
"""

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.db import models, transaction

from netra.core import sealing

_SEALED_KEY_LEN = 80  # nacl SealedBox of a 32-byte SecretBox key


def sealed_models() -> list[type[models.Model]]:
    """Every model holding a blob sealed to the office key: a binary `sealed` and its `key_id`."""
    found = []
    for model in apps.get_models():
        names = {f.name: f for f in model._meta.get_fields() if getattr(f, "concrete", False)}
        if isinstance(names.get("sealed"), models.BinaryField) and isinstance(
            names.get("key_id"), models.CharField
        ):
            found.append(model)
    return sorted(found, key=lambda m: m._meta.label)


def _file_key_id(blob: bytes) -> str | None:
    if not blob.startswith(sealing.FILE_MAGIC):
        return None
    key_id, sep, _ = blob[len(sealing.FILE_MAGIC) :].partition(b":")
    return key_id.decode(errors="replace") if sep else None


def reseal_file_blob(blob: bytes) -> bytes:
    """The same sealed file with its file key re-sealed to the current key (content untouched)."""
    rest = blob[len(sealing.FILE_MAGIC) :]
    key_id, _, tail = rest.partition(b":")
    file_key = sealing.unseal(key_id + b":" + tail[:_SEALED_KEY_LEN])
    new_sealed_key, _ = sealing.seal(file_key)
    return sealing.FILE_MAGIC + new_sealed_key + tail[_SEALED_KEY_LEN:]


def _sealed_file_storages() -> list[Storage]:
    from netra.evidence.storage import evidence_storage

    return [evidence_storage()]  # raw access to the folder the sealed storages write


def _walk(storage: Storage, path: str = ""):
    try:
        dirs, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for sub in sorted(dirs):
        yield from _walk(storage, f"{path}/{sub}" if path else sub)


def _replace(storage: Storage, name: str, data: bytes) -> None:
    if isinstance(storage, FileSystemStorage):
        target = Path(storage.path(name))
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".rotate-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o640)
        os.replace(tmp, target)  # atomic: a reader sees the old or the new file, never half of one
        return
    storage.delete(name)
    storage.save(name, ContentFile(data))


@dataclass
class RotationReport:
    key_id: str
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0

    @property
    def total(self) -> int:
        return sum(self.rows.values()) + self.files


def rotation_pending() -> RotationReport:
    """What is still sealed to a key other than the current one."""
    current = sealing.current_key_id()
    report = RotationReport(key_id=current)
    for model in sealed_models():
        stale = model._default_manager.filter(sealed__isnull=False).exclude(key_id=current)
        report.rows[model._meta.label] = stale.count()
    for storage in _sealed_file_storages():
        for name in _walk(storage):
            with storage.open(name, "rb") as handle:
                key_id = _file_key_id(handle.read(len(sealing.FILE_MAGIC) + 32))
            if key_id is not None and key_id != current:
                report.files += 1
    return report


def _rotate_rows(model: type[models.Model], current: str, batch: int) -> int:
    """Re-seal one batch of `model`'s rows; 0 when none is left."""
    from netra.audit.services import audit_record

    with transaction.atomic():
        rows = list(
            model._default_manager.select_for_update(skip_locked=True)
            .filter(sealed__isnull=False)
            .exclude(key_id=current)
            .order_by("pk")[:batch]
        )
        for row in rows:
            blob, key_id = sealing.seal(sealing.unseal(bytes(getattr(row, "sealed"))))  # noqa: B009
            model._default_manager.filter(pk=row.pk).update(sealed=blob, key_id=key_id)
        if rows:
            audit_record(
                actor=None,
                action="keys.rotate",
                object_type=model._meta.label_lower,
                object_id=f"{rows[0].pk}-{rows[-1].pk}",
                before={"key_ids": sorted({getattr(r, "key_id") for r in rows})},  # noqa: B009
                after={"key_id": current, "rows": len(rows)},
            )
    return len(rows)


def _rotate_files(current: str, batch: int) -> int:
    from netra.audit.services import audit_record

    done: list[str] = []
    for storage in _sealed_file_storages():
        for name in _walk(storage):
            if len(done) >= batch:
                break
            with storage.open(name, "rb") as handle:
                blob = handle.read()
            key_id = _file_key_id(blob)
            if key_id is None or key_id == current:
                continue
            _replace(storage, name, reseal_file_blob(blob))
            done.append(name)
    if done:
        with transaction.atomic():
            audit_record(
                actor=None,
                action="keys.rotate",
                object_type="evidence.file",
                object_id=done[0],
                after={"key_id": current, "files": len(done)},
            )
    return len(done)


def keys_rotate_batch(*, batch: int = 500) -> RotationReport:
    """One batch of every kind (rows per model, then files); call until it returns total 0."""
    current = sealing.current_key_id()
    report = RotationReport(key_id=current)
    for model in sealed_models():
        report.rows[model._meta.label] = _rotate_rows(model, current, batch)
    report.files = _rotate_files(current, batch)
    return report


def keys_rotate(*, batch: int = 500, on_batch=None) -> RotationReport:
    """Re-seal everything to the current key, batch after batch. `on_batch(report)` after each."""
    current = sealing.current_key_id()
    total = RotationReport(key_id=current)
    while True:
        step = keys_rotate_batch(batch=batch)
        if step.total == 0:
            return total
        for label, n in step.rows.items():
            total.rows[label] = total.rows.get(label, 0) + n
        total.files += step.files
        if on_batch is not None:
            on_batch(step)
