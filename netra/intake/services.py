"""Writes for the public channel after submission (submitting: `netra.intake.submission`): the
reporter's follow-up (messages, evidence), officers' messages, revealing an identity, the reporter's
status as the case moves, and the retention purge.

Nothing here logs or audits personal data: audit rows carry only ids, kinds and outcomes.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from netra.audit.services import audit_record
from netra.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from netra.core.scoping import restrict
from netra.evidence import services as evidence
from netra.intake import crypto
from netra.intake.models import (
    IdentityReveal,
    Message,
    Report,
    ReporterIdentity,
    ReportStatus,
    Witness,
)
from netra.intake.signals import reporter_message_received, reporter_news
from netra.intake.validation import check_file_count

MIN_REVEAL_REASON = 20


def report_for_receipt(*, receipt: str) -> Report | None:
    """The report a receipt opens, or None (the caller throttles failures)."""
    if not crypto.receipt_is_well_formed(receipt):
        return None
    return Report.objects.filter(receipt_hash=crypto.hash_receipt(receipt)).first()


def report_add_evidence_by_reporter(*, report: Report, files: list, links: list[str]) -> int:
    if report.purged_at:
        raise ApplicationError(_("Laporan ini sudah ditutup; bukti tidak dapat ditambahkan."), code="closed")
    check_file_count(files)
    checked = [evidence.evidence_check(uploaded_file=f) for f in files]
    valid_links = [evidence.evidence_link_prepare(url=u) for u in links if u.strip()]
    if not checked and not valid_links:
        raise ApplicationError(_("Pilih berkas atau isi tautan terlebih dahulu."), code="nothing")
    with transaction.atomic():
        for item in checked:
            evidence.evidence_store(report=report, checked=item, uploaded_by="pelapor")
        evidence.evidence_links_attach(report=report, links=valid_links, audited=False)  # counted below
        audit_record(
            actor=None,
            action="report.evidence_added",
            instance=report,
            after={"files": len(checked), "links": len(valid_links)},
        )
    return len(checked) + len(valid_links)


def message_from_reporter(*, report: Report, body: str) -> Message:
    body = (body or "").strip()
    if not body:
        raise ApplicationError(_("Pesan tidak boleh kosong."), code="empty-message")
    if len(body) > 5000:
        raise ApplicationError(_("Pesan terlalu panjang (maksimal 5.000 huruf)."), code="long-message")
    with transaction.atomic():
        message = Message.objects.create(report=report, sender=Message.Sender.REPORTER, body=body)
        audit_record(
            actor=None,
            action="report.message",
            instance=report,
            after={"sender": "pelapor", "message_id": message.pk},
        )
        report_id, message_id = report.pk, message.pk
        transaction.on_commit(
            lambda: reporter_message_received.send(sender=Message, report_id=report_id, message_id=message_id)
        )
    return message


def message_from_officer(*, report: Report, officer, body: str) -> Message:
    if not restrict(Report.objects.filter(pk=report.pk), officer, "message").exists():
        raise PermissionDeniedError(_("Anda tidak berwenang mengirim pesan pada laporan ini."))
    body = (body or "").strip()
    if not body:
        raise ApplicationError(_("Pesan tidak boleh kosong."), code="empty-message")
    with transaction.atomic():
        message = Message.objects.create(
            report=report,
            sender=Message.Sender.OFFICER,
            officer=officer,
            agency=officer.agency,
            body=body[:5000],
        )
        audit_record(
            actor=officer,
            action="report.message",
            instance=report,
            after={"sender": "petugas", "message_id": message.pk},
        )
        _news_after_commit(report.pk)
    return message


def messages_mark_read(*, report: Report, reader: str) -> int:
    """Mark the other side's messages as read by `reader` ("pelapor" or "petugas")."""
    other = Message.Sender.OFFICER if reader == Message.Sender.REPORTER else Message.Sender.REPORTER
    return Message.objects.filter(report=report, sender=other, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@sensitive_variables("identity", "witnesses")
def identity_reveal(*, report: Report, officer, reason: str) -> dict:
    """Open the reporter's identity for an officer with the named permission, for a stated reason.
    Written to the audit log and shown to the reporter."""
    if not restrict(Report.objects.filter(pk=report.pk), officer, "view").exists():
        raise NotFoundError(_("Laporan tidak ditemukan."))
    if not restrict(Report.objects.filter(pk=report.pk), officer, "reveal_identity").exists():
        raise PermissionDeniedError(_("Membuka identitas pelapor memerlukan kewenangan khusus."))
    reason = (reason or "").strip()
    if len(reason) < MIN_REVEAL_REASON:
        raise ApplicationError(
            _("Tuliskan alasan membuka identitas (minimal %(n)s huruf).") % {"n": MIN_REVEAL_REASON},
            code="reason-required",
        )
    record = ReporterIdentity.objects.filter(report=report, sealed__isnull=False).first()
    if record is None or record.sealed is None:
        raise ApplicationError(_("Laporan ini tidak memiliki identitas pelapor (anonim atau sudah dihapus)."))
    try:
        identity = crypto.open_identity(bytes(record.sealed))
    except crypto.IdentityKeyUnavailableError as exc:
        raise ApplicationError(
            _("Server ini tidak memegang kunci pembuka identitas. Gunakan aplikasi petugas."), code="no-key"
        ) from exc
    # The witnesses the reporter named are sealed too and open with the identity, under the same record.
    witnesses = [
        crypto.open_identity(bytes(w.sealed or b""))
        for w in Witness.objects.filter(report=report, sealed__isnull=False)
    ]
    with transaction.atomic():
        reveal = IdentityReveal.objects.create(
            report=report, officer=officer, agency=officer.agency, reason=reason
        )
        audit_record(
            actor=officer,
            action="report.identity_reveal",
            instance=report,
            after={"reveal_id": reveal.pk, "reason": reason, "witnesses": len(witnesses)},
        )
    return {**identity, "witnesses": witnesses}


def reports_status_set(
    *, report_ids, status: str, closed: bool, closed_at: dt.datetime | None = None, actor=None
) -> int:
    """Give these reports the status their case's stage means to a reporter (the cases app decides which,
    `netra.cases.services.reporters`). A case that ended starts the retention clock (`closed_at`, UU PDP;
    kept if already set); a reopened one clears it. One audit row per report that changed, in the
    caller's transaction when there is one (a case move), else in its own."""
    changed = 0
    with transaction.atomic():
        for report in Report.objects.select_for_update().filter(pk__in=report_ids).order_by("pk"):
            before = {"status": report.status, "closed_at": report.closed_at}
            report.status = status
            report.closed_at = (report.closed_at or closed_at or timezone.now()) if closed else None
            if before == {"status": report.status, "closed_at": report.closed_at}:
                continue
            report.save(update_fields=["status", "closed_at", "updated_at"])
            audit_record(
                actor=actor,
                action="report.status",
                instance=report,
                before=before,
                after={"status": report.status, "closed_at": report.closed_at},
            )
            changed += 1
            if status != ReportStatus.IN_REVIEW:  # the case opening at arrival is not news to tell
                _news_after_commit(report.pk)
    return changed


def _news_after_commit(report_id: int) -> None:
    transaction.on_commit(lambda: reporter_news.send(sender=Report, report_id=report_id))


def report_status_advance(*, report: Report, status: str, only_from: str, actor=None) -> bool:
    """Move one report's status on from `only_from` (e.g. received → in review as its case opens)."""
    if report.status != only_from:
        return False
    return reports_status_set(report_ids=[report.pk], status=status, closed=False, actor=actor) > 0


def retention_purge(*, now: dt.datetime | None = None) -> int:
    """Purge reporter identity, witnesses and display copies of reports closed more than
    NETRA_RETENTION_DAYS_AFTER_CLOSE days ago (UU 27/2022 PDP). Evidence originals stay with the case."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.NETRA_RETENTION_DAYS_AFTER_CLOSE)
    purged = 0
    for report in Report.objects.filter(closed_at__lte=cutoff, purged_at__isnull=True).iterator():
        with transaction.atomic():
            identity_rows = ReporterIdentity.objects.filter(report=report).update(
                sealed=None, nik_index="", phone_index="", email_index="", purged_at=now
            )
            witnesses, _ = Witness.objects.filter(report=report).delete()
            copies = 0
            for item in report.evidence.filter(purged_at__isnull=True):
                evidence.evidence_purge_display(evidence=item)
                copies += 1
            Report.objects.filter(pk=report.pk).update(purged_at=now)
            audit_record(
                actor=None,
                action="report.retention_purge",
                instance=report,
                after={
                    "identity": identity_rows,
                    "witnesses": witnesses,
                    "display_copies": copies,
                    "days_after_close": settings.NETRA_RETENTION_DAYS_AFTER_CLOSE,
                },
            )
        purged += 1
    return purged
