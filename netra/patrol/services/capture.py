"""Capture that stands as evidence: a post's URL (tracking parameters removed) with what the supervisor
captured (a screenshot or a saved page), checked and hashed by the evidence app, kept sealed and
unchanged; screenshots are read by OCR after commit (Celery on the real path) so their text is screened
too. A reporter's screenshot is marked as a lead (a page can be edited before the screenshot is taken)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.core.exceptions import ApplicationError, PermissionDeniedError
from netra.core.scoping import scope_for
from netra.evidence import services as evidence
from netra.evidence.models import EvidenceKind
from netra.intake.selectors import election_for_incident
from netra.patrol.models import Capture, CaptureSource, ItemReason, OcrStatus, PatrolItem
from netra.patrol.registry_io import normalise_handle
from netra.patrol.selectors import asn_accounts_matchable
from netra.patrol.services.matching import item_screen
from netra.regions.models import Region

# Beyond the evidence app's sharer parameters (fbclid, igshid, utm_*, ...): these identify who shared a
# link or where it was clicked, never the post, on any platform.
_EXTRA_TRACKING = {
    "si",
    "igsh",
    "igshid",
    "fbclid",
    "gclid",
    "mibextid",
    "ref_src",
    "ref_url",
    "rcm",
    "share_id",
}


def clean_post_url(url: str) -> tuple[str, str]:
    """(url, platform): validated by the evidence app (http/https, no credentials), tracking removed."""
    link = evidence.evidence_link_prepare(url=url)
    parts = urlsplit(link.url)
    params = parse_qsl(parts.query, keep_blank_values=True)
    kept = [
        (k, v) for k, v in params if k.lower() not in _EXTRA_TRACKING and not k.lower().startswith("utm_")
    ]
    cleaned = link.url if len(kept) == len(params) else urlunsplit(parts._replace(query=urlencode(kept)))
    return cleaned, link.platform


@dataclass(frozen=True)
class CaptureIn:
    url: str
    region_code: str
    source: str = CaptureSource.OFFICER
    text: str = ""
    author_handle: str = ""
    posted_at: dt.datetime | None = None
    election_code: str = ""


def region_inside(user, code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ApplicationError(_("Wilayah tidak dikenal."), extra={"field": "region_code"})
    inside = scope_for(user).region_q("code")
    if inside is None or not Region.objects.filter(inside, code=region.code).exists():
        raise PermissionDeniedError(_("Wilayah di luar wilayah kerja Anda."), extra={"field": "region_code"})
    return region


def election_named(code: str, region: Region, on: dt.date):
    """The election named by its code, or the one running in `region` on `on` (None if none)."""
    from netra.elections.models import Election

    if code:
        election = Election.objects.filter(code=code).first()
        if election is None:
            raise ApplicationError(_("Pemilihan tidak dikenal."), extra={"field": "election_code"})
        return election
    return election_for_incident(region_code=region.code, on=on)


def patrol_refusal(user) -> ApplicationError | None:
    """Why `user` may not capture, load or register at all (Bawaslu supervisors who record temuan)."""
    from netra.core.scoping import registered_rules

    scope = scope_for(user)
    if scope.is_superuser and getattr(user, "agency_id", None):
        return None
    rule = registered_rules()[(Capture, "change")]
    if rule(scope) is None or getattr(user, "agency_id", None) is None:
        return PermissionDeniedError(_("Anda tidak berwenang melakukan patroli."))
    return None


@dataclass(frozen=True)
class _Checked:
    url: str
    platform: str
    region: Region
    election: Any
    file: Any  # evidence.CheckedFile or None


def _capture_check(*, actor, data: CaptureIn, file, now: dt.datetime) -> _Checked:
    """Everything about a capture that can be refused, before anything is written."""
    if (refusal := patrol_refusal(actor)) is not None:
        raise refusal
    if data.source not in CaptureSource.values:
        raise ApplicationError(_("Sumber tangkapan tidak dikenal."), extra={"field": "source"})
    try:
        url, platform = clean_post_url(data.url)
    except ApplicationError as exc:
        raise ApplicationError(exc.message, extra={"field": "url"}) from None
    if data.posted_at is not None and data.posted_at > now + dt.timedelta(minutes=5):
        raise ApplicationError(_("Waktu unggah tidak boleh di masa depan."), extra={"field": "posted_at"})
    if file is None and not data.text.strip():
        raise ApplicationError(
            _("Lampirkan tangkapan layar/halaman atau salin teks unggahan."), extra={"field": "file"}
        )
    region = region_inside(actor, data.region_code)
    election = election_named(data.election_code, region, timezone.localdate(now))
    checked = None
    if file is not None:
        try:
            checked = evidence.evidence_check(uploaded_file=file)
        except evidence.EvidenceRejected as exc:
            raise ApplicationError(exc.message, extra={"field": "file"}) from None
    return _Checked(url=url, platform=platform, region=region, election=election, file=checked)


def capture_create(*, actor, data: CaptureIn, file=None, now: dt.datetime | None = None) -> Capture:
    """Record a captured post and put it in the review queue (screened now on its text, again after OCR)."""
    now = now or timezone.now()
    ok = _capture_check(actor=actor, data=data, file=file, now=now)
    capture = Capture(
        office=actor.agency,
        region=ok.region,
        election=ok.election,
        platform=ok.platform,
        url=ok.url,
        author_handle=normalise_handle(data.author_handle),
        text=data.text.strip(),
        posted_at=data.posted_at,
        source=data.source,
        captured_at=now,
        captured_by=actor,
    )
    try:
        with transaction.atomic():
            if ok.file is not None:
                _attach_file(capture, ok.file)
            capture.full_clean()
            capture.save()
            _queue(actor=actor, capture=capture)
    except BaseException:
        if capture.file:  # written before the rollback: remove it again
            capture.file.storage.delete(capture.file.name)
        raise
    return capture


def _queue(*, actor, capture: Capture) -> PatrolItem:
    """The capture's queue item (its author matched against the ASN registry as this supervisor sees it),
    the audit row, and the OCR task after commit."""
    item = PatrolItem(
        office=capture.office,
        region=capture.region,
        election=capture.election,
        reason=ItemReason.CAPTURE,
        capture=capture,
        asn_account=asn_accounts_matchable(user=actor, platform=capture.platform).get(capture.author_handle),
    )
    item_screen(item=item, text=capture.text)
    item.save()
    audit_record(
        actor=actor,
        action="patrol.capture",
        instance=capture,
        after={
            "url": capture.url,
            "platform": capture.platform,
            "source": capture.source,
            "sha256": capture.file_sha256,
            "size": capture.file_size,
            "region": capture.region_id,
        },
    )
    if capture.ocr_status == OcrStatus.PENDING:
        from netra.patrol.tasks import capture_ocr_task

        capture_id = capture.pk
        transaction.on_commit(lambda: capture_ocr_task.delay(capture_id))
    return item


def _attach_file(capture: Capture, checked) -> None:
    """Keep the bytes the evidence app checked, sealed, and verify they are the same after writing."""
    checked.source.seek(0)
    data = checked.source.read()
    import hashlib

    if hashlib.sha256(data).hexdigest() != checked.sha256:
        raise ApplicationError(_("Berkas berubah setelah diperiksa; unggah ulang."), extra={"field": "file"})
    capture.file.save("capture", ContentFile(data), save=False)
    capture.file_name = checked.name
    capture.file_kind = checked.kind
    capture.file_mime = checked.mime_type
    capture.file_size = checked.size
    capture.file_sha256 = checked.sha256
    capture.ocr_status = OcrStatus.PENDING if checked.kind == EvidenceKind.IMAGE else OcrStatus.NONE


def capture_bytes(capture: Capture) -> bytes:
    with capture.file.open("rb") as handle:
        return handle.read()


def capture_ocr_run(*, capture_id: int) -> Capture | None:
    """Read a screenshot's text (Tesseract, Indonesian) outside any lock, then store it and re-screen
    its queue item with the post's text and the screenshot's together."""
    from netra.patrol.services.ocr import OcrError, ocr_image

    capture = Capture.objects.filter(pk=capture_id, ocr_status=OcrStatus.PENDING).first()
    if capture is None:
        return None
    try:
        text, error = ocr_image(capture_bytes(capture)), ""
    except (OcrError, OSError) as exc:  # OSError: the stored file cannot be read (recorded, not retried)
        text, error = "", str(exc)[:300]
    with transaction.atomic():
        capture = Capture.objects.select_for_update().get(pk=capture_id)
        capture.ocr_text = text
        capture.ocr_error = error
        capture.ocr_status = OcrStatus.FAILED if error else OcrStatus.DONE
        capture.save(update_fields=["ocr_text", "ocr_error", "ocr_status"])
        item = PatrolItem.objects.select_for_update().filter(capture=capture).first()
        if item is not None and not error:
            item_screen(item=item, text="\n".join(t for t in (capture.text, text) if t))
            item.save()
    return capture
