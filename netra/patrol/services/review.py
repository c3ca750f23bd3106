"""The review queue's decisions: dismiss an item (with a reason, audited), or turn it into a temuan in
one action through the cases app's `finding_record` (intake's `finding_report_create` underneath), so the
case, its clocks and audit are those of any temuan; the captured file is then stored on the temuan's
report by the evidence app (`evidence_store`: its SHA-256 checked against the capture's, custody from
there), and the post's URL is attached as an evidence link."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.core.exceptions import ApplicationError, NotFoundError
from netra.core.scoping import action_refusal, restrict
from netra.evidence import services as evidence
from netra.evidence.models import UploadedBy
from netra.patrol.models import CaptureSource, ItemStatus, PatrolItem
from netra.patrol.services.capture import capture_bytes
from netra.regions.timezones import office_local


def _item_for(actor, item_id: int, action: str) -> PatrolItem:
    item = (
        restrict(PatrolItem.objects.select_for_update(of=("self",)), actor, "view")
        .filter(pk=item_id)
        .select_related("capture", "interaction", "interaction__batch", "asn_account", "region")
        .first()
    )
    if item is None:
        raise NotFoundError(_("Butir patroli tidak ditemukan."))
    if (refusal := action_refusal(actor, PatrolItem, action, item)) is not None:
        raise refusal
    return item


def item_dismiss(*, actor, item_id: int, reason: str, now: dt.datetime | None = None) -> PatrolItem:
    if len(reason.strip()) < 5:
        raise ApplicationError(_("Tuliskan alasan mengabaikan butir ini."), extra={"field": "reason"})
    with transaction.atomic():
        item = _item_for(actor, item_id, "dismiss")
        item.status = ItemStatus.DISMISSED
        item.dismiss_reason = reason.strip()[:2000]
        item.decided_by = actor
        item.decided_at = now or timezone.now()
        item.save(update_fields=["status", "dismiss_reason", "decided_by", "decided_at"])
        audit_record(
            actor=actor,
            action="patrol.item_dismiss",
            instance=item,
            before={"status": ItemStatus.OPEN},
            after={"status": item.status, "reason": item.dismiss_reason, "score": item.score},
        )
    return item


@dataclass(frozen=True)
class FindingFromItemIn:
    description: str
    found_date: dt.date | None = None
    incident_date: dt.date | None = None
    incident_place: str = ""


def _persons(item: PatrolItem) -> list[dict]:
    account = item.asn_account
    if account is None:
        return []
    return [
        {
            "name": account.name,
            "nip": account.nip,
            "agency_name": account.agency_name,
            "position": account.position,
        }
    ]


def provenance(item: PatrolItem) -> str:
    """What the temuan's description records of where its evidence came from (who captured or loaded it,
    when, the file's SHA-256 at capture), so the case tells the whole chain before the evidence store."""
    c, row = item.capture, item.interaction
    if c is not None:
        line = _("Tangkapan patroli #%(id)s (%(source)s) oleh %(who)s pada %(at)s, tautan %(url)s") % {
            "id": c.pk,
            "source": c.get_source_display(),
            "who": c.captured_by.get_username(),
            "at": timezone.localtime(c.captured_at).isoformat(timespec="minutes"),
            "url": c.url,
        }
        return line + (f", SHA-256 {c.file_sha256}." if c.file_sha256 else ".")
    if row is None:
        return ""
    return _("Data patroli %(name)s (SHA-256 %(sha)s) baris %(row)s: @%(account)s %(kind)s pada %(at)s.") % {
        "name": row.batch.name,
        "sha": row.batch.sha256,
        "row": row.row,
        "account": row.account,
        "kind": row.get_kind_display(),
        "at": timezone.localtime(row.at).isoformat(timespec="minutes"),
    }


def _links(item: PatrolItem) -> list[str]:
    if item.capture is not None:
        return [item.capture.url]
    row = item.interaction
    return [u for u in (row.url, row.target_url) if u] if row else []


def _store_capture_file(*, item: PatrolItem, report, actor) -> list:
    """The captured file on the temuan's report, through the evidence app (its check recomputes the
    hash; a mismatch with the capture's refuses the whole action)."""
    capture = item.capture
    if capture is None or not capture.file:
        return []
    upload = SimpleUploadedFile(capture.file_name or "tangkapan", capture_bytes(capture), capture.file_mime)
    checked = evidence.evidence_check(uploaded_file=upload)
    if checked.sha256 != capture.file_sha256:
        raise ApplicationError(
            _("Berkas tangkapan tidak cocok dengan hash saat direkam; tidak diproses."), code="hash-mismatch"
        )
    # A reporter's screenshot stays marked as the reporter's (a lead); an officer's is the officer's.
    uploaded_by = UploadedBy.REPORTER if capture.source == CaptureSource.REPORTER else UploadedBy.OFFICER
    stored = evidence.evidence_store(report=report, checked=checked, uploaded_by=uploaded_by, user=actor)
    return [stored]


def item_make_finding(*, actor, item_id: int, finding: FindingFromItemIn, now: dt.datetime | None = None):
    """Turn an open item into a temuan with its evidence, in one transaction. Returns the case."""
    from netra.cases.models import CaseReport
    from netra.cases.services.opening import finding_record

    now = now or timezone.now()
    with transaction.atomic():
        item = _item_for(actor, item_id, "make_finding")
        # Discovered when captured or loaded: the temuan's 7 days run from then (UU 7/2017 Pasal 454
        # ayat (5)), not from the day someone reviews the queue.
        if item.capture is not None:
            incident = item.capture.posted_at or item.capture.captured_at
            found = item.capture.captured_at
        else:
            assert item.interaction is not None  # one source, by constraint  # noqa: S101
            incident = item.interaction.at
            found = item.interaction.batch.created_at
        case = finding_record(
            user=actor,
            description=f"{finding.description.strip()}\n\n{provenance(item)}"
            if finding.description.strip()
            else "",
            incident_region_code=item.region_id,
            incident_place=finding.incident_place or _("Media sosial"),
            incident_date=finding.incident_date or office_local(incident, actor.agency).date(),
            found_date=finding.found_date or office_local(found, actor.agency).date(),
            persons=_persons(item),
            links=_links(item),
            now=now,
        )
        report = CaseReport.objects.select_related("report").get(case=case).report
        stored = _store_capture_file(item=item, report=report, actor=actor)
        item.status = ItemStatus.FINDING
        item.case = case
        item.decided_by = actor
        item.decided_at = now
        item.save(update_fields=["status", "case", "decided_by", "decided_at"])
        audit_record(
            actor=actor,
            action="patrol.item_finding",
            instance=item,
            before={"status": ItemStatus.OPEN},
            after={
                "status": item.status,
                "case": case.pk,
                "report": report.pk,
                "evidence": [e.sha256 for e in stored],
            },
        )
    return case
