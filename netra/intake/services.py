"""Writes for the public channel: submitting a laporan or an informasi awal, the reporter's follow-up
(messages, evidence), officers' messages, revealing an identity, and the retention purge.

Nothing here logs or audits personal data: audit rows carry only ids, kinds and outcomes.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from netra.agencies.models import AgencyKind
from netra.agencies.selectors import agency_for_region
from netra.audit.services import audit_record
from netra.clocks.receipt import receipt_counted
from netra.clocks.selectors import RuleNotFoundError, deadline_for
from netra.core.cache import ttl_memoize
from netra.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from netra.core.scoping import restrict
from netra.elections.models import Election
from netra.evidence import services as evidence
from netra.intake import crypto
from netra.intake.models import (
    IdentityReveal,
    Message,
    Report,
    ReportChannel,
    ReportedPerson,
    ReporterIdentity,
    ReportKind,
    ReportStatus,
    Witness,
)
from netra.intake.requirements import RequirementInput, requirements_check
from netra.intake.selectors import election_for_incident
from netra.intake.signals import report_received, reporter_message_received
from netra.regions.models import Region
from netra.regions.selectors import region_active
from netra.regions.timezones import WIB

BAWASLU_KINDS = (
    AgencyKind.PANWASLU_KECAMATAN,
    AgencyKind.BAWASLU_KABKOTA,
    AgencyKind.BAWASLU_PROVINSI,
    AgencyKind.BAWASLU_RI,
)
MAX_PERSONS = 20
MAX_WITNESSES = 20
MAX_LINKS = 20
MIN_REVEAL_REASON = 20


@dataclass
class PersonIn:
    name: str
    nip: str = ""
    agency_name: str = ""
    position: str = ""
    employment_type: str = ""


@dataclass
class WitnessIn:
    name: str
    contact: str = ""


@dataclass
class IdentityIn:
    """Formulir Model B.1: identitas pelapor."""

    name: str = ""
    nik: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    birth_place: str = ""
    birth_date: str = ""
    gender: str = ""
    occupation: str = ""
    nationality: str = ""

    def is_empty(self) -> bool:
        return not any(getattr(self, f) for f in self.__dataclass_fields__)


@dataclass
class Submission:
    kind: str
    description: str
    incident_region_code: str = ""
    incident_place: str = ""
    incident_date: dt.date | None = None
    known_date: dt.date | None = None
    election_code: str = ""
    persons: list[PersonIn] = field(default_factory=list)
    witnesses: list[WitnessIn] = field(default_factory=list)
    identity: IdentityIn | None = None
    identity_confidential: bool = True
    statement_of_truth: bool = False
    links: list[str] = field(default_factory=list)


@dataclass
class SubmissionResult:
    report: Report
    receipt: str  # shown once, never stored


EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)


def birth_date_problem(value: str, *, today: dt.date) -> str:
    """Why a reporter's birth date (ISO "YYYY-MM-DD") cannot be right, or "" when it can: a date in the
    future or before 1900 is a typing slip, and the sealed identity would carry it to the office."""
    try:
        born = dt.date.fromisoformat(value.strip())
    except ValueError:
        return _("Tanggal lahir tidak dikenal. Tulis seperti 31-12-1980.")
    if born > today:
        return _("Tanggal lahir tidak boleh di masa depan.")
    if born < EARLIEST_BIRTH_DATE:
        return _("Tanggal lahir tidak mungkin sebelum tahun 1900. Periksa tahunnya.")
    return ""


def _validate(sub: Submission, today: dt.date) -> tuple[Region | None, Election | None]:
    """Hard errors: the input cannot be understood. (Missing legal requirements are not errors.)"""
    errors: dict[str, str] = {}
    if sub.kind not in ReportKind.values:
        errors["kind"] = _("Jenis laporan tidak dikenal.")
    if len(sub.description.strip()) < 10:
        errors["description"] = _("Ceritakan apa yang terjadi (minimal 10 huruf).")
    if len(sub.description) > 20000:
        errors["description"] = _("Uraian terlalu panjang (maksimal 20.000 huruf).")
    region = None
    if sub.incident_region_code:
        region = region_active(code=sub.incident_region_code)
        if region is None:
            errors["incident_region_code"] = _("Wilayah kejadian tidak dikenal.")
    for name, value in (("incident_date", sub.incident_date), ("known_date", sub.known_date)):
        if value is not None and value > today + dt.timedelta(days=1):
            errors[name] = _("Tanggal tidak boleh di masa depan.")
    if sub.incident_date and sub.known_date and sub.known_date < sub.incident_date:
        errors["known_date"] = _("Tanggal diketahui tidak boleh sebelum tanggal kejadian.")
    if len(sub.persons) > MAX_PERSONS:
        errors["persons"] = _("Terlalu banyak terlapor (maksimal %(n)s).") % {"n": MAX_PERSONS}
    if len(sub.witnesses) > MAX_WITNESSES:
        errors["witnesses"] = _("Terlalu banyak saksi (maksimal %(n)s).") % {"n": MAX_WITNESSES}
    if len(sub.links) > MAX_LINKS:
        errors["links"] = _("Terlalu banyak tautan (maksimal %(n)s).") % {"n": MAX_LINKS}
    if sub.kind == ReportKind.TIP and sub.identity and not sub.identity.is_empty():
        errors["identity"] = _("Informasi awal bersifat anonim: jangan isi identitas.")
    elif sub.identity and sub.identity.birth_date:
        problem = birth_date_problem(sub.identity.birth_date, today=today)
        if problem:
            errors["birth_date"] = problem
    election = None
    if sub.election_code:
        election = Election.objects.prefetch_related("stages").filter(code=sub.election_code).first()
        if election is None:
            errors["election_code"] = _("Pemilihan tidak dikenal.")
    if errors:
        raise ApplicationError(next(iter(errors.values())), extra={"errors": errors}, code="invalid-report")
    return region, election


def _filing_deadline(*, sub: Submission, election: Election | None, office) -> dt.datetime | None:
    if sub.kind != ReportKind.LAPORAN or sub.known_date is None or election is None:
        return None
    return _filing_due(sub.known_date, election, office)


@ttl_memoize(60)
def _filing_due(known_date: dt.date, election: Election, office) -> dt.datetime | None:
    """The filing window depends only on the day it became known, the election and the office, and
    most reports of a day share them: computed once a minute per combination, like the rules it uses."""
    tz = zoneinfo.ZoneInfo(getattr(office, "timezone", None) or WIB)
    start = dt.datetime.combine(known_date, dt.time(12, 0), tzinfo=tz)
    try:
        return deadline_for("filing_window", start, election, office).due_at
    except RuleNotFoundError:
        return None


def _check_file_count(files: list) -> None:
    if len(files) > settings.NETRA_UPLOAD_MAX_FILES:
        raise ApplicationError(
            _("Terlalu banyak berkas (maksimal %(n)s).") % {"n": settings.NETRA_UPLOAD_MAX_FILES},
            code="too-many-files",
        )


@sensitive_variables("sub", "identity")
def report_submit(
    *,
    submission: Submission,
    files: list | None = None,
    channel: str = ReportChannel.WEB,
    now: dt.datetime | None = None,
) -> SubmissionResult:
    """Accept a laporan or an informasi awal. Returns the report and its receipt (shown once).

    Files are checked before anything is stored: a refused file refuses the submission with a clear
    message, so nothing is half-accepted. Missing legal requirements do not refuse it: the report is
    stored, routed and flagged, and the reporter is told exactly what to complete.
    """
    sub = submission
    now = now or timezone.now()
    region, election = _validate(sub, timezone.localdate(now))
    _check_file_count(files or [])
    checked = [evidence.evidence_check(uploaded_file=f) for f in (files or [])]
    links = [evidence.evidence_link_prepare(url=u) for u in sub.links if u.strip()]

    office = agency_for_region(region_code=region.code, kinds=BAWASLU_KINDS) if region else None
    if office is None:
        office = agency_for_region(region_code="", kinds=(AgencyKind.BAWASLU_RI,))
    if election is None and region is not None:
        # The election running when it happened; without an incident date, when it became known or
        # was reported — so the case still gets its election's clocks (issue 15 item 20).
        on = sub.incident_date or sub.known_date or timezone.localdate(now)
        election = election_for_incident(region_code=region.code, on=on)
    deadline = _filing_deadline(sub=sub, election=election, office=office)
    # When it counts as received (after intake hours: the desk's next opening, Perbawaslu 9/2024): the
    # clocks that start at receipt run from it. Timeliness is judged on the submission instant `now`.
    counted = receipt_counted(submitted_at=now, office=office, election=election)
    identity = sub.identity or IdentityIn()
    missing = requirements_check(
        RequirementInput(
            kind=sub.kind,
            reporter_name=identity.name,
            reporter_address=identity.address,
            reported_names=tuple(p.name for p in sub.persons),
            incident_date=sub.incident_date,
            incident_place=sub.incident_place,
            incident_region_code=region.code if region else "",
            description=sub.description,
            evidence_count=len(checked) + len(links),
            statement_of_truth=sub.statement_of_truth,
            received_at=now,
            filing_deadline=deadline,
            deadline_known=deadline is not None,
        )
    )
    receipt = crypto.generate_receipt()
    receipt_hash = crypto.hash_receipt(receipt)
    sealed = None
    if sub.kind == ReportKind.LAPORAN and not identity.is_empty():
        sealed = crypto.seal_identity({k: getattr(identity, k) for k in identity.__dataclass_fields__})

    with transaction.atomic():
        report = Report(
            kind=sub.kind,
            channel=channel,
            status=ReportStatus.INCOMPLETE
            if missing and sub.kind == ReportKind.LAPORAN
            else ReportStatus.RECEIVED,
            received_at=now,
            counted_received_at=counted.counts_from,
            counted_received_reason=counted.summary()[:500],
            election=election,
            office=office,
            incident_region=region,
            incident_place=sub.incident_place.strip()[:300],
            incident_date=sub.incident_date,
            known_date=sub.known_date,
            description=sub.description.strip(),
            statement_of_truth=sub.statement_of_truth,
            identity_confidential=sub.identity_confidential,
            filing_deadline=deadline,
            # The reporter meets the statutory window by submitting within it ("disampaikan", UU 7/2017
            # Ps. 454(6), UU 10/2016 Ps. 134(4)); intake hours cannot shorten it (UU 12/2011 Ps. 7).
            # [UNVERIFIED reading, docs/domain/clocks.md]
            is_timely=None if deadline is None else now <= deadline,
            requirements_met=not missing,
            missing=[m.as_dict() for m in missing],
            receipt_hash=receipt_hash,
        )
        # Field validation only: the FKs are objects we just loaded and the database enforces uniqueness
        # (a receipt collision is caught below), so skip full_clean's existence/unique queries.
        report.full_clean(
            exclude=["reference", "election", "office", "incident_region"], validate_unique=False
        )
        try:
            report.save()
        except IntegrityError as exc:  # a receipt collision (2^-100): refuse rather than overwrite
            raise ApplicationError(_("Silakan kirim ulang."), code="retry") from exc
        prefix = "LAP" if sub.kind == ReportKind.LAPORAN else "INF"
        report.reference = f"{prefix}-{now.year}-{report.pk:06d}"
        Report.objects.filter(pk=report.pk).update(reference=report.reference)
        ReportedPerson.objects.bulk_create(
            [
                ReportedPerson(
                    report=report,
                    name=p.name.strip()[:200],
                    nip=p.nip.strip()[:18],
                    agency_name=p.agency_name.strip()[:200],
                    position=p.position.strip()[:200],
                    employment_type=p.employment_type,
                )
                for p in sub.persons
                if p.name.strip()
            ]
        )
        Witness.objects.bulk_create(
            [
                Witness(report=report, name=w.name.strip()[:200], contact=w.contact.strip()[:300])
                for w in sub.witnesses
                if w.name.strip()
            ]
        )
        if sealed is not None:
            blob, key_id = sealed
            ReporterIdentity.objects.create(
                report=report,
                sealed=blob,
                key_id=key_id,
                nik_index=crypto.blind_index("nik", identity.nik),
                phone_index=crypto.blind_index("phone", identity.phone),
                email_index=crypto.blind_index("email", identity.email),
            )
        for item in checked:
            evidence.evidence_store(report=report, checked=item, uploaded_by="pelapor")
        evidence.evidence_links_attach(report=report, links=links, audited=False)  # counted in this row
        audit_record(
            actor=None,
            action="report.submit",
            instance=report,
            after={
                "kind": report.kind,
                "channel": channel,
                "office_id": office.pk if office else None,
                "incident_region_id": report.incident_region_id,
                "election_id": election.pk if election else None,
                "is_timely": report.is_timely,
                "missing": [m.code for m in missing],
                "files": len(checked),
                "links": len(links),
                "has_identity": sealed is not None,
            },
        )
        report_id = report.pk
        transaction.on_commit(lambda: report_received.send(sender=Report, report_id=report_id))
    return SubmissionResult(report=report, receipt=receipt)


def report_for_receipt(*, receipt: str) -> Report | None:
    """The report a receipt opens, or None (the caller throttles failures)."""
    if not crypto.receipt_is_well_formed(receipt):
        return None
    return Report.objects.filter(receipt_hash=crypto.hash_receipt(receipt)).first()


def report_add_evidence_by_reporter(*, report: Report, files: list, links: list[str]) -> int:
    if report.purged_at:
        raise ApplicationError(_("Laporan ini sudah ditutup; bukti tidak dapat ditambahkan."), code="closed")
    _check_file_count(files)
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
    return message


def messages_mark_read(*, report: Report, reader: str) -> int:
    """Mark the other side's messages as read by `reader` ("pelapor" or "petugas")."""
    other = Message.Sender.OFFICER if reader == Message.Sender.REPORTER else Message.Sender.REPORTER
    return Message.objects.filter(report=report, sender=other, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@sensitive_variables("identity")
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
    if record is None:
        raise ApplicationError(_("Laporan ini tidak memiliki identitas pelapor (anonim atau sudah dihapus)."))
    try:
        identity = crypto.open_identity(record.sealed)
    except crypto.IdentityKeyUnavailableError as exc:
        raise ApplicationError(
            _("Server ini tidak memegang kunci pembuka identitas. Gunakan aplikasi petugas."), code="no-key"
        ) from exc
    with transaction.atomic():
        reveal = IdentityReveal.objects.create(
            report=report, officer=officer, agency=officer.agency, reason=reason
        )
        audit_record(
            actor=officer,
            action="report.identity_reveal",
            instance=report,
            after={"reveal_id": reveal.pk, "reason": reason},
        )
    return identity


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
