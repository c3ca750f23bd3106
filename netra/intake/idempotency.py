"""Submitting once: a retried or double-sent submission returns the first report, never a second one.

The API client sends an `Idempotency-Key` header (IETF draft "The Idempotency-Key HTTP Header Field");
the web forms carry a one-time token in a hidden field. Both come here as `key`:

- the first request with a key stores the report *and* a `SubmissionKey` row in one transaction, so
  either both exist or neither does (a refused submission stores nothing: the key may be used again);
- a second request with the same key and the same content gets the first report and its receipt back;
  a concurrent one waits on the row's unique index until the first commits, then gets the same;
- the same key with different content is refused (`idempotency-mismatch`): the key belongs to the
  first submission, and silently returning it for other content would lose the second one;
- rows are kept for NETRA_IDEMPOTENCY_HOURS, then purged (after that a key is new again).

The key is stored only as a keyed hash, and the receipt only encrypted (AES-GCM) under a key derived
from the client's key: the table alone never yields a receipt.
"""

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from netra.core.exceptions import ApplicationError
from netra.intake.models import ReportChannel, SubmissionKey
from netra.intake.submission import Submission, SubmissionResult, report_submit

_KEY_SHAPE = re.compile(r"^[\x21-\x7e]{16,255}$")  # printable ASCII, long enough not to be guessed


class IdempotencyMismatchError(ApplicationError):
    """The key was used for a different submission (422: the request is well-formed but unprocessable)."""

    status = 422
    code = "idempotency-mismatch"


@dataclass(frozen=True)
class OnceResult:
    result: SubmissionResult
    replayed: bool  # True: this is the first submission's answer, nothing new was stored


def key_is_well_formed(key: str) -> bool:
    return bool(_KEY_SHAPE.fullmatch(key or ""))


def fingerprint(*, parts: Iterable[bytes]) -> str:
    """A digest of a request's content (body, files), to tell a retry from a different submission."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def file_fingerprint_parts(files: list) -> list[bytes]:
    """Each uploaded file's name and content hash (read in chunks; the file is rewound)."""
    parts = []
    for f in files:
        digest = hashlib.sha256()
        for chunk in f.chunks():
            digest.update(chunk)
        f.seek(0)
        parts.append(f"{f.name}:{digest.hexdigest()}".encode())
    return parts


def _key_hash(key: str) -> str:
    return salted_hmac("netra.intake.idempotency.lookup", key, algorithm="sha256").hexdigest()


def _cipher(key: str) -> AESGCM:
    return AESGCM(salted_hmac("netra.intake.idempotency.seal", key, algorithm="sha256").digest())


@sensitive_variables("key", "receipt")
def _seal(key: str, receipt: str) -> bytes:
    nonce = os.urandom(12)
    return nonce + _cipher(key).encrypt(nonce, receipt.encode(), None)


@sensitive_variables("key")
def _open(key: str, blob: bytes) -> str:
    blob = bytes(blob)
    try:
        return _cipher(key).decrypt(blob[:12], blob[12:], None).decode()
    except InvalidTag as exc:  # only if SECRET_KEY changed within the retention time
        raise ApplicationError(
            _(
                "Pengiriman ini sudah diterima sebelumnya, tetapi tanda terimanya tidak dapat ditampilkan lagi."
            ),
            code="idempotency-unreadable",
        ) from exc


def _ttl() -> dt.timedelta:
    return dt.timedelta(hours=settings.NETRA_IDEMPOTENCY_HOURS)


def submission_keys_purge(*, now: dt.datetime | None = None) -> int:
    """Forget keys older than NETRA_IDEMPOTENCY_HOURS (the reports themselves stay, of course)."""
    cutoff = (now or timezone.now()) - _ttl()
    deleted, _by_model = SubmissionKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@sensitive_variables("key")
def _replay(key: str, fingerprint_: str, now: dt.datetime) -> OnceResult | None:
    row = (
        SubmissionKey.objects.select_related("report__office")
        .filter(key_hash=_key_hash(key), created_at__gte=now - _ttl())
        .first()
    )
    if row is None:
        return None
    if row.fingerprint != fingerprint_:
        raise IdempotencyMismatchError(
            _(
                "Kunci pengiriman ini sudah dipakai untuk laporan lain dengan isi berbeda. Untuk laporan "
                "baru, gunakan kunci baru; laporan pertama tetap tersimpan."
            )
        )
    if row.report is None or row.sealed_receipt is None:  # never: both are set in the same transaction
        return None
    return OnceResult(SubmissionResult(report=row.report, receipt=_open(key, row.sealed_receipt)), True)


@sensitive_variables("key")
def submission_replay(*, key: str, fingerprint: str, now: dt.datetime | None = None) -> OnceResult | None:
    """The first submission's answer for this key, or None when the key is new (or expired)."""
    if not key_is_well_formed(key):
        return None
    return _replay(key, fingerprint, now or timezone.now())


@sensitive_variables("key", "submission")
def report_submit_once(
    *,
    key: str,
    fingerprint: str,
    submission: Submission,
    files: list | None = None,
    channel: str = ReportChannel.WEB,
    now: dt.datetime | None = None,
) -> OnceResult:
    """`report_submit`, at most once per key (see the module docstring)."""
    if not key_is_well_formed(key):
        raise ApplicationError(
            _("Kunci pengiriman tidak sah: gunakan 16–255 karakter ASCII tanpa spasi, misalnya sebuah UUID."),
            code="idempotency-key-invalid",
        )
    now = now or timezone.now()
    replay = _replay(key, fingerprint, now)
    if replay is not None:
        return replay
    submission_keys_purge(now=now)
    try:
        with transaction.atomic():
            # The row first: a concurrent request with the same key waits here until this one commits
            # (or rolls back), and then finds the finished row instead of filing a second report.
            row = SubmissionKey.objects.create(
                key_hash=_key_hash(key), fingerprint=fingerprint, created_at=now
            )
            result = report_submit(submission=submission, files=files, channel=channel, now=now)
            row.report = result.report
            row.sealed_receipt = _seal(key, result.receipt)
            row.save(update_fields=["report", "sealed_receipt"])
    except IntegrityError:
        replay = _replay(key, fingerprint, now)
        if replay is None:  # the other request was refused and rolled back: this one may try again
            raise ApplicationError(_("Silakan kirim ulang."), code="retry") from None
        return replay
    return OnceResult(result, False)


def request_fingerprint(*, body: bytes, files: list) -> str:
    return fingerprint(parts=[body, *file_fingerprint_parts(files)])


def form_fingerprint(*, data, files: list, ignore: tuple[str, ...] = ()) -> str:
    """A web form's content: its fields in a stable order (without the CSRF and one-time tokens)."""
    fields = {k: data.getlist(k) for k in sorted(data) if k not in ignore}
    body = json.dumps(fields, ensure_ascii=False, sort_keys=True).encode()
    return request_fingerprint(body=body, files=files)
