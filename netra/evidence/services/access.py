"""Handing files out (custody recorded, hashes verified) and retention."""

import hashlib
import logging
import re
import time
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netra.audit.services import audit_record
from netra.core import sealing
from netra.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from netra.evidence.inspection import EXTENSION_BY_MIME
from netra.evidence.models import CustodyAction, CustodyEvent, Evidence
from netra.evidence.services.custody import SYSTEM_LABEL, actor_label, actor_or_none, custody_append
from netra.evidence.services.files import delete_quietly
from netra.evidence.storage import evidence_root
from netra.evidence.stripping import display_extension

logger = logging.getLogger(__name__)


def download_name(evidence: Evidence, *, variant: str) -> str:
    """Display copies get a neutral name; originals keep the uploaded name (cleaned) with the extension
    of the sniffed type, so `foto.jpg.exe` can never come back out as an .exe."""
    if variant == "display":
        return f"bukti-{evidence.pk}{display_extension(kind=evidence.kind, mime_type=evidence.mime_type)}"
    stem = (
        evidence.original_name.rsplit(".", 1)[0] if "." in evidence.original_name else evidence.original_name
    )
    stem = re.sub(r"[^\w ().,-]+", "_", stem).strip(" ._")[:100]
    return f"{stem or f'bukti-{evidence.pk}'}{EXTENSION_BY_MIME.get(evidence.mime_type, '')}"


def _verified(storage, name: str, expected: str):
    integrity = ApplicationError(
        _("Berkas bukti tidak cocok dengan hash yang tercatat; hubungi administrator."),
        code="evidence-integrity",
    )
    try:
        handle = storage.open(name, "rb")
    except sealing.KeyUnavailableError as exc:
        raise ApplicationError(
            _("Server ini tidak memegang kunci pembuka berkas asli. Gunakan aplikasi petugas."), code="no-key"
        ) from exc
    except sealing.SealedDataError as exc:  # an altered sealed file fails authentication
        logger.error("evidence file %s failed authentication", name)
        raise integrity from exc
    digest = hashlib.sha256()
    for chunk in handle.chunks():
        digest.update(chunk)
    handle.seek(0)
    if digest.hexdigest() != expected:
        handle.close()
        logger.error("evidence file %s does not match its recorded SHA-256", name)
        raise integrity
    return handle


def evidence_open(
    *, evidence: Evidence, user, variant: str = "display", context: str = ""
) -> tuple[File, str]:
    """Open a file for `user` and record it in the chain of custody ("viewed" for the display copy,
    "downloaded" for the original). The file's SHA-256 is checked against the recorded one first.
    Scoping (may this user see this report?) is the caller's selector; this checks the user is an active
    officer and, for originals, holds `evidence.download_original`. `context` (e.g. "through case X, by
    BKN") is added to the custody note. The caller closes the file."""
    if user is None or not user.is_authenticated or not user.is_active:
        raise PermissionDeniedError(_("Hanya petugas yang dapat membuka berkas bukti."))
    if variant == "original":
        if not user.has_perm("evidence.download_original"):
            raise PermissionDeniedError(_("Anda tidak berwenang mengunduh berkas bukti asli."))
        stored, expected, action = evidence.original, evidence.sha256, CustodyAction.DOWNLOADED
        note = gettext_lazy("Berkas asli (dengan metadata).")
    elif variant == "display":
        if not evidence.display:
            raise NotFoundError(
                _("Salinan tampilan sudah dihapus (retensi).")
                if evidence.purged_at
                else _("Bukti ini tidak memiliki salinan tampilan."),
                code="no-display-copy",
            )
        stored, expected, action = evidence.display, evidence.display_sha256, CustodyAction.VIEWED
        note = gettext_lazy("Salinan tampilan (tanpa metadata).")
    else:
        raise ValueError(f"unknown variant {variant!r}")
    handle = _verified(stored.storage, stored.name, expected)
    try:
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            custody_append(
                evidence=evidence,
                action=action,
                user=user,
                label=user.get_username(),
                note=f"{note} {context}".strip(),
            )
    except BaseException:
        handle.close()
        raise
    return handle, download_name(evidence, variant=variant)


def evidence_custody_record(*, evidence: Evidence, action: str, user, note: str = "") -> CustodyEvent:
    """For other apps that hand a file on (exports, letters): record it in the chain of custody."""
    if action not in (CustodyAction.VIEWED, CustodyAction.DOWNLOADED, CustodyAction.EXPORTED):
        raise ValueError(f"{action!r} is recorded by the evidence services themselves")
    with transaction.atomic():
        return custody_append(
            evidence=evidence,
            action=action,
            user=user,
            label=actor_label(user, default=SYSTEM_LABEL),
            note=note,
        )


# --- retention -----------------------------------------------------------------------------------------


def evidence_purge_display(*, evidence: Evidence, actor=None) -> None:
    """Retention (UU 27/2022 PDP): delete the display copy, keep the original and all hashes. The file is
    deleted once the transaction commits. Purging twice does nothing."""
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        locked = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if locked.purged_at is not None:
            return
        storage, name = locked.display.storage, locked.display.name
        locked.display = ""
        locked.purged_at = timezone.now()
        locked.full_clean()
        locked.save(update_fields=["display", "purged_at"])
        custody_append(
            evidence=locked,
            action=CustodyAction.PURGED,
            user=actor,
            label=actor_label(actor, default=SYSTEM_LABEL),
            note=_("Salinan tampilan dihapus (retensi data pribadi).")
            if name
            else _("Tidak ada salinan tampilan; masa retensi dicatat."),
        )
        audit_record(
            actor=actor_or_none(actor),
            action="evidence.purge_display",
            instance=locked,
            before={"display_sha256": locked.display_sha256, "purged_at": None},
            after={"purged_at": locked.purged_at},
        )
        if name:
            transaction.on_commit(lambda: delete_quietly(storage, name), robust=True)
    evidence.display, evidence.purged_at = locked.display, locked.purged_at


def evidence_orphans_sweep(*, older_than: timedelta = timedelta(hours=1)) -> int:
    """Delete evidence files that no row references: written by evidence_store inside a transaction that
    was later rolled back (a reporter's photo must not linger on disk). Returns how many were deleted."""
    root = evidence_root()
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for folder in ("original", "display"):
        base = root / folder
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            if not path.is_file() or path.stat().st_mtime > cutoff:
                continue
            name = path.relative_to(root).as_posix()
            if not Evidence.objects.filter(Q(original=name) | Q(display=name)).exists():
                path.unlink(missing_ok=True)
                removed += 1
    if removed:
        logger.info("evidence_orphans_sweep removed %s unreferenced file(s)", removed)
    return removed
