"""Submitting a laporan or an informasi awal (Formulir Model B.1; Perbawaslu 7/2022), and a
supervisor's temuan's report (Formulir Model B.2): the typed input, its validation, and the one write
that stores the report with its people, sealed identity and evidence.

Nothing here logs or audits personal data: audit rows carry only ids, kinds and outcomes.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from netra.agencies.models import Agency
from netra.agencies.selectors import bawaslu_office_for
from netra.audit.services import audit_record
from netra.clocks.receipt import receipt_counted
from netra.clocks.selectors import RuleNotFoundError, deadline_for
from netra.core.cache import ttl_memoize
from netra.core.exceptions import ApplicationError
from netra.elections.models import Election
from netra.evidence import services as evidence
from netra.intake import crypto
from netra.intake.models import (
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
from netra.intake.signals import report_received
from netra.intake.validation import submission_validate
from netra.regions.models import Region
from netra.regions.timezones import WIB


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
    # Opt-in: e-mail the reporter "ada pembaruan" when there is news (sealed with the identity).
    notify_by_email: bool = False
    links: list[str] = field(default_factory=list)


@dataclass
class SubmissionResult:
    report: Report
    receipt: str  # shown once, never stored


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


def _office_and_election(
    sub: Submission, region: Region | None, election: Election | None, now: dt.datetime
) -> tuple[Agency | None, Election | None]:
    """The Bawaslu office of the incident's region (Bawaslu RI when unknown), and the election running
    when it happened; without an incident date, when it became known or was reported — so the case
    still gets its election's clocks (issue 15 item 20)."""
    office = bawaslu_office_for(region_code=region.code if region else "")
    if election is None and region is not None:
        on = sub.incident_date or sub.known_date or timezone.localdate(now)
        election = election_for_incident(region_code=region.code, on=on)
    return office, election


@sensitive_variables("identity")
def _missing_requirements(
    sub: Submission,
    identity: IdentityIn,
    region: Region | None,
    *,
    now: dt.datetime,
    deadline: dt.datetime | None,
    evidence_count: int,
) -> list:
    return requirements_check(
        RequirementInput(
            kind=sub.kind,
            reporter_name=identity.name,
            reporter_address=identity.address,
            reported_names=tuple(p.name for p in sub.persons),
            incident_date=sub.incident_date,
            incident_place=sub.incident_place,
            incident_region_code=region.code if region else "",
            description=sub.description,
            evidence_count=evidence_count,
            statement_of_truth=sub.statement_of_truth,
            received_at=now,
            filing_deadline=deadline,
            deadline_known=deadline is not None,
        )
    )


@sensitive_variables("identity")
def _sealed_identity(sub: Submission, identity: IdentityIn) -> tuple[bytes, str] | None:
    """The reporter's identity sealed for the officers' tier (a laporan with an identity only)."""
    if sub.kind != ReportKind.LAPORAN or identity.is_empty():
        return None
    sealed = {k: getattr(identity, k) for k in identity.__dataclass_fields__}
    if sub.notify_by_email and identity.email:
        sealed[NOTIFY_KEY] = True  # only the officers' tier (and its notice worker) can read it
    return crypto.seal_identity(sealed)


NOTIFY_KEY = "notify_by_email"


@dataclass(frozen=True)
class _Intake:
    """What the submission was judged to be before it is stored."""

    region: Region | None
    election: Election | None
    office: Agency | None
    deadline: dt.datetime | None
    counted: Any  # clocks.receipt.ReceiptCount
    missing: list


def _report_row(
    sub: Submission, intake: _Intake, *, channel: str, now: dt.datetime, receipt_hash: str
) -> Report:
    """The report itself, saved with its reference (LAP-/INF-<year>-<id>)."""
    missing = intake.missing
    report = Report(
        kind=sub.kind,
        channel=channel,
        status=ReportStatus.INCOMPLETE
        if missing and sub.kind == ReportKind.LAPORAN
        else ReportStatus.RECEIVED,
        received_at=now,
        counted_received_at=intake.counted.counts_from,
        counted_received_reason=intake.counted.summary()[:500],
        election=intake.election,
        office=intake.office,
        incident_region=intake.region,
        incident_place=sub.incident_place.strip()[:300],
        incident_date=sub.incident_date,
        known_date=sub.known_date,
        description=sub.description.strip(),
        statement_of_truth=sub.statement_of_truth,
        identity_confidential=sub.identity_confidential,
        filing_deadline=intake.deadline,
        # The reporter meets the statutory window by submitting within it ("disampaikan", UU 7/2017
        # Ps. 454(6), UU 10/2016 Ps. 134(4)); intake hours cannot shorten it (UU 12/2011 Ps. 7).
        # [UNVERIFIED reading, docs/domain/clocks.md]
        is_timely=None if intake.deadline is None else now <= intake.deadline,
        requirements_met=not missing,
        missing=[m.as_dict() for m in missing],
        receipt_hash=receipt_hash,
    )
    # Field validation only: the FKs are objects we just loaded and the database enforces uniqueness
    # (a receipt collision is caught below), so skip full_clean's existence/unique queries.
    report.full_clean(exclude=["reference", "election", "office", "incident_region"], validate_unique=False)
    try:
        report.save()
    except IntegrityError as exc:  # a receipt collision (2^-100): refuse rather than overwrite
        raise ApplicationError(_("Silakan kirim ulang."), code="retry") from exc
    prefix = "LAP" if sub.kind == ReportKind.LAPORAN else "INF"
    report.reference = f"{prefix}-{now.year}-{report.pk:06d}"
    Report.objects.filter(pk=report.pk).update(reference=report.reference)
    return report


def reported_persons_create(*, report: Report, persons: list[PersonIn]) -> None:
    """The terlapor as the reporter (or the supervisor) named them; nameless rows are dropped."""
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
            for p in persons
            if p.name.strip()
        ]
    )


@sensitive_variables("witness")
def _witness_sealed(report: Report, witness: WitnessIn) -> Witness:
    """A witness's name and contact are sealed like the reporter's identity (issue 13, item 7)."""
    blob, key_id = crypto.seal_identity(
        {"name": witness.name.strip()[:200], "contact": witness.contact.strip()[:300]}
    )
    return Witness(report=report, sealed=blob, key_id=key_id)


@sensitive_variables("identity", "sealed")
def _people_store(report: Report, sub: Submission, identity: IdentityIn, sealed) -> None:
    """Terlapor, witnesses and the sealed identity with its blind indexes (to count one reporter)."""
    reported_persons_create(report=report, persons=sub.persons)
    Witness.objects.bulk_create([_witness_sealed(report, w) for w in sub.witnesses if w.name.strip()])
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


def _submit_audit(
    report: Report, intake: _Intake, *, channel: str, files: int, links: int, sealed: bool
) -> None:
    audit_record(
        actor=None,
        action="report.submit",
        instance=report,
        after={
            "kind": report.kind,
            "channel": channel,
            "office_id": intake.office.pk if intake.office else None,
            "incident_region_id": report.incident_region_id,
            "election_id": intake.election.pk if intake.election else None,
            "is_timely": report.is_timely,
            "missing": [m.code for m in intake.missing],
            "files": files,
            "links": links,
            "has_identity": sealed,
        },
    )


@sensitive_variables("sub", "identity", "sealed")
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
    region, election, checked, links = submission_validate(sub, files or [], timezone.localdate(now))
    office, election = _office_and_election(sub, region, election, now)
    deadline = _filing_deadline(sub=sub, election=election, office=office)
    identity = sub.identity or IdentityIn()
    intake = _Intake(
        region=region,
        election=election,
        office=office,
        deadline=deadline,
        # When it counts as received (after intake hours: the desk's next opening, Perbawaslu 9/2024):
        # the clocks that start at receipt run from it. Timeliness is judged on the submission instant.
        counted=receipt_counted(submitted_at=now, office=office, election=election),
        missing=_missing_requirements(
            sub, identity, region, now=now, deadline=deadline, evidence_count=len(checked) + len(links)
        ),
    )
    receipt = crypto.generate_receipt()
    sealed = _sealed_identity(sub, identity)
    with transaction.atomic():
        report = _report_row(sub, intake, channel=channel, now=now, receipt_hash=crypto.hash_receipt(receipt))
        _people_store(report, sub, identity, sealed)
        for item in checked:
            evidence.evidence_store(report=report, checked=item, uploaded_by="pelapor")
        evidence.evidence_links_attach(report=report, links=links, audited=False)  # counted in this row
        _submit_audit(
            report, intake, channel=channel, files=len(checked), links=len(links), sealed=sealed is not None
        )
        report_id = report.pk
        transaction.on_commit(lambda: report_received.send(sender=Report, report_id=report_id))
    return SubmissionResult(report=report, receipt=receipt)


@dataclass(frozen=True)
class FindingIn:
    """A supervisor's temuan as the cases app received it (Formulir Model B.2): checked already for
    the officer's permission and jurisdiction by `netra.cases.services.opening.finding_record`."""

    description: str
    region: Region
    found_date: dt.date
    incident_place: str = ""
    incident_date: dt.date | None = None
    persons: list[PersonIn] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def finding_report_create(*, finding: FindingIn, user, now: dt.datetime) -> Report:
    """The report a temuan is recorded as (TEM-<year>-<id>), with the terlapor named, its evidence links
    and its audit row; the caller opens its case in the same transaction."""
    prepared = [evidence.evidence_link_prepare(url=u) for u in finding.links if u.strip()]
    with transaction.atomic():
        report = Report.objects.create(
            kind=ReportKind.FINDING,
            channel=ReportChannel.OFFICER,
            received_at=now,
            election=election_for_incident(
                region_code=finding.region.code, on=finding.incident_date or finding.found_date
            ),
            office=user.agency,
            incident_region=finding.region,
            incident_place=finding.incident_place.strip()[:300],
            incident_date=finding.incident_date,
            known_date=finding.found_date,
            description=finding.description.strip(),
            statement_of_truth=True,
            requirements_met=True,
            found_by=user,
        )
        report.reference = f"TEM-{now.year}-{report.pk:06d}"
        Report.objects.filter(pk=report.pk).update(reference=report.reference)
        reported_persons_create(report=report, persons=finding.persons)
        evidence.evidence_links_attach(report=report, links=prepared, audited=False)
        audit_record(
            actor=user, action="finding.record", instance=report, after={"region": finding.region.code}
        )
    return report
