"""How a case comes to exist: a laporan or temuan opens it (handling office, subjects, clocks), a temuan is recorded by an officer."""

import datetime as dt
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.agencies.models import Agency, AgencyFamily, AgencyKind
from netra.agencies.selectors import agency_for_region, employer_for_unit
from netra.audit.services import audit_record
from netra.cases.models import (
    Case,
    CaseOrigin,
    CaseReport,
    CaseState,
    EventKind,
    Participant,
    ParticipantRole,
)
from netra.cases.services.common import event_add, now_or
from netra.cases.services.deadlines import (
    deadline_open,
    deadline_record_closed,
)
from netra.cases.services.persons import SubjectDetails, person_get_or_create
from netra.cases.services.subjects import case_subject_add
from netra.cases.signals import case_opened
from netra.clocks.models import DeadlineKind
from netra.core.clock import recorded_at
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from netra.core.scoping import restrict, scope_for
from netra.core.services import in_record_language
from netra.intake.models import Report, ReportKind, ReportStatus
from netra.rules.models import SubjectType

HANDLING_KINDS = (AgencyKind.BAWASLU_KABKOTA, AgencyKind.BAWASLU_PROVINSI, AgencyKind.BAWASLU_RI)


def _handling_office(report: Report) -> Agency:
    office = None
    if report.incident_region_id:
        office = agency_for_region(region_code=report.incident_region_id, kinds=HANDLING_KINDS)
    if office is None and report.office is not None and report.office.kind in HANDLING_KINDS:
        office = report.office
    if office is None:
        office = agency_for_region(region_code="", kinds=(AgencyKind.BAWASLU_RI,))
    if office is None:
        raise ApplicationError(
            _("Belum ada kantor Bawaslu yang dapat menangani kasus ini."), code="no_office"
        )
    return office


def _add_report_subjects(case: Case, report: Report, actor) -> None:
    for rp in report.reported_persons.all():
        details = SubjectDetails(
            name=rp.name,
            agency=employer_for_unit(name=rp.agency_name),
            agency_name=rp.agency_name,
            position=rp.position,
            employment_type=rp.employment_type if rp.employment_type in SubjectType.values else "",
        )
        nip = rp.nip if len(re.sub(r"\D", "", rp.nip)) == 18 else ""
        person = person_get_or_create(nip=nip, details=details)
        case_subject_add(case=case, person=person, actor=actor, details=details)


@in_record_language
def case_open_for_report(*, report: Report, actor=None, now: dt.datetime | None = None) -> Case | None:
    """Open a case for a laporan as it arrives, so its clocks run from receipt (nothing waits unseen).
    Informasi awal does not open a case: by law it can only feed a temuan (`finding_record`). Returns
    None when the report already belongs to a case or is a tip."""
    now = now_or(now)
    if report.kind == ReportKind.TIP:
        return None
    with transaction.atomic(), recorded_at(now):
        report = Report.objects.select_for_update().get(pk=report.pk)
        if CaseReport.objects.filter(report=report).exists():
            return None
        office = _handling_office(report)
        origin = CaseOrigin.FINDING if report.kind == ReportKind.FINDING else CaseOrigin.REPORT
        case = Case.objects.create(
            origin=origin,
            state=CaseState.RECEIVED,
            title=_title_for(report),
            summary=report.description[:4000],
            election=report.election,
            office=office,
            incident_region=report.incident_region,
            incident_date=report.incident_date,
            known_date=report.known_date,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        case.reference = f"KSS-{report.received_at.year}-{case.pk:06d}"
        Case.objects.filter(pk=case.pk).update(reference=case.reference)
        CaseReport.objects.create(case=case, report=report, added_by=case.created_by)
        Participant.objects.create(case=case, agency=office, role=ParticipantRole.HANDLING)
        event_add(
            case,
            EventKind.OPENED,
            _("Kasus dibuka dari %(report)s, ditangani %(office)s.") % {"report": report, "office": office},
            actor=actor,
            data={"report_id": report.pk},
        )
        _add_report_subjects(case, report, actor)
        if origin == CaseOrigin.REPORT:
            if report.filing_deadline is not None and report.known_date is not None:
                known = dt.datetime.combine(
                    report.known_date, dt.time(0, 0), tzinfo=report.filing_deadline.tzinfo
                )
                deadline_record_closed(
                    case=case,
                    kind=DeadlineKind.FILING_WINDOW,
                    start=known,
                    end=report.received_at,
                    agency=office,
                )
            # Kajian awal runs from receipt (Perbawaslu 7/2022 Pasal 16).
            case.state = CaseState.INITIAL_REVIEW
            case.save(update_fields=["state"])
            deadline_open(
                case=case, kind=DeadlineKind.INITIAL_REVIEW, start=report.counted_receipt, agency=office
            )
        else:
            found = report.known_date or report.received_at.date()
            start = dt.datetime.combine(found, dt.time(0, 0), tzinfo=report.received_at.tzinfo)
            deadline_open(case=case, kind=DeadlineKind.FINDING_WINDOW, start=start, agency=office)
        Report.objects.filter(pk=report.pk, status=ReportStatus.RECEIVED).update(
            status=ReportStatus.IN_REVIEW
        )
        audit_record(
            actor=actor,
            action="case.open",
            instance=case,
            after={"report_id": report.pk, "office_id": office.pk, "origin": origin, "state": case.state},
        )
        case_opened.send(sender=Case, case=case, report=report, actor=actor)
    return case


def cases_open_pending(*, limit: int = 500) -> int:
    """Open cases for laporan/temuan that have none yet (the opening task was lost or failed)."""
    pending = Report.objects.filter(
        kind__in=(ReportKind.LAPORAN, ReportKind.FINDING), case_link__isnull=True, purged_at__isnull=True
    ).order_by("received_at")[:limit]
    opened = 0
    for report in pending:
        if case_open_for_report(report=report) is not None:
            opened += 1
    return opened


def _title_for(report: Report) -> str:
    names = ", ".join(p.name for p in report.reported_persons.all()[:3])
    place = report.incident_region.name if report.incident_region_id else ""
    base = names or _("Terlapor belum diketahui")
    return f"{base} — {place}"[:300] if place else base[:300]


def finding_refusal(*, user) -> PermissionDeniedError | None:
    """Why `user` may not record a temuan at all, or None: supervisors (Bawaslu family) with the
    permission to add cases. The interface offers "Catat temuan" exactly when this is None."""
    if not scope_for(user).acts_as(AgencyFamily.BAWASLU):
        return PermissionDeniedError(_("Temuan hanya dicatat oleh pengawas pemilu."))
    if not user.has_perm("cases.add_case"):
        return PermissionDeniedError(_("Anda tidak berwenang mencatat temuan."))
    return None


@in_record_language
def finding_record(
    *,
    officer,
    description: str,
    incident_region_code: str,
    incident_place: str = "",
    incident_date: dt.date | None = None,
    found_date: dt.date | None = None,
    persons: list[dict] | None = None,
    source_report_ids: list[int] | None = None,
    links: list[str] | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """A supervisor's own finding (temuan, Formulir Model B.2), e.g. from social-media patrol or from
    an anonymous tip; the temuan must be set within 7 days of discovery (UU 7/2017 Pasal 454 ayat 5).
    Tips given as sources join the case so their reporters can be told the outcome."""
    from netra.evidence.services import evidence_link_prepare, evidence_links_attach
    from netra.intake.models import ReportChannel, ReportedPerson
    from netra.intake.selectors import election_for_incident
    from netra.regions.models import Region

    now = now_or(now)
    scope = scope_for(officer)
    if (refusal := finding_refusal(user=officer)) is not None:
        raise refusal
    if not description.strip():
        raise ApplicationError(_("Uraian temuan wajib diisi."), extra={"field": "description"})
    region = Region.objects.filter(code=incident_region_code).first()
    if region is None:
        raise ApplicationError(_("Wilayah kejadian tidak dikenal."), extra={"field": "incident_region_code"})
    if (
        scope.region_q("code") is None
        or not Region.objects.filter(scope.region_q("code"), code=region.code).exists()
    ):
        raise PermissionDeniedError(_("Wilayah kejadian di luar wilayah kerja Anda."))
    found_date = found_date or timezone.localdate(now)
    prepared = [evidence_link_prepare(url=u) for u in (links or []) if u.strip()]
    sources = list(restrict(Report.objects.filter(pk__in=source_report_ids or []), officer, "view"))
    if len(sources) != len(set(source_report_ids or [])):
        raise NotFoundError(_("Laporan sumber tidak ditemukan."))
    with transaction.atomic():
        report = Report.objects.create(
            kind=ReportKind.FINDING,
            channel=ReportChannel.OFFICER,
            received_at=now,
            election=election_for_incident(region_code=region.code, on=incident_date or found_date),
            office=officer.agency,
            incident_region=region,
            incident_place=incident_place.strip()[:300],
            incident_date=incident_date,
            known_date=found_date,
            description=description.strip(),
            statement_of_truth=True,
            requirements_met=True,
            found_by=officer,
        )
        report.reference = f"TEM-{now.year}-{report.pk:06d}"
        Report.objects.filter(pk=report.pk).update(reference=report.reference)
        ReportedPerson.objects.bulk_create(
            [
                ReportedPerson(
                    report=report,
                    name=p.get("name", "").strip()[:200],
                    nip=p.get("nip", "").strip()[:18],
                    agency_name=p.get("agency_name", "").strip()[:200],
                    position=p.get("position", "").strip()[:200],
                    employment_type=p.get("employment_type", ""),
                )
                for p in (persons or [])
                if p.get("name", "").strip()
            ]
        )
        evidence_links_attach(report=report, links=prepared, audited=False)
        audit_record(actor=officer, action="finding.record", instance=report, after={"region": region.code})
        case = case_open_for_report(report=report, actor=officer, now=now)
        for source in sources:
            _attach_report(case=case, report=source, actor=officer)
    return case


def _attach_report(*, case: Case, report: Report, actor, merged_from: Case | None = None) -> None:
    link = CaseReport.objects.filter(report=report).first()
    if link is not None:
        if link.case_id == case.pk:
            return
        raise ConflictError(_("Laporan %(report)s sudah menjadi bagian kasus lain.") % {"report": report})
    CaseReport.objects.create(case=case, report=report, added_by=actor, merged_from=merged_from)
    event_add(
        case,
        EventKind.REPORT_ADDED,
        _("%(report)s ditambahkan ke kasus.") % {"report": report},
        actor=actor,
        data={"report_id": report.pk},
    )
