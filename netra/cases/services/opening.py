"""How a case comes to exist: a laporan or temuan opens it (handling office, subjects, clocks), a temuan is recorded by an officer."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.agencies.models import Agency
from netra.agencies.selectors import employer_for_unit, handling_office_for
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
from netra.cases.services.common import event_add, now_or, refuse_unless
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
from netra.core.identifiers import nip_or_blank
from netra.core.scoping import action_refusal, restrict, scope_for
from netra.core.services import in_record_language
from netra.intake.models import Report, ReportKind, ReportStatus
from netra.intake.services import report_status_advance
from netra.rules.models import SubjectType


def _handling_office(report: Report) -> Agency:
    """The office that handles the report's case (`agencies.selectors.handling_office_for`: the one rule,
    shared with where intake receives it)."""
    office = handling_office_for(region_code=report.incident_region_id or "", received_by_id=report.office_id)
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
        nip = rp.nip if nip_or_blank(rp.nip) else ""
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
        _open_clocks(case, report, office)
        report_status_advance(
            report=report, status=ReportStatus.IN_REVIEW, only_from=ReportStatus.RECEIVED, actor=actor
        )
        audit_record(
            actor=actor,
            action="case.open",
            instance=case,
            after={"report_id": report.pk, "office_id": office.pk, "origin": origin, "state": case.state},
        )
        case_opened.send(sender=Case, case=case, report=report, actor=actor)
    return case


def _open_clocks(case: Case, report: Report, office: Agency) -> None:
    """A laporan: its filing window as it ran (met or late) and kajian awal from receipt (Perbawaslu
    7/2022 Pasal 16), the case entering initial review. A temuan: its 7-day window from discovery (UU
    7/2017 Pasal 454 ayat (5))."""
    if case.origin == CaseOrigin.REPORT:
        if report.filing_deadline is not None and report.known_date is not None:
            known = dt.datetime.combine(
                report.known_date, dt.time(0, 0), tzinfo=report.filing_deadline.tzinfo
            )
            deadline_record_closed(
                case=case, kind=DeadlineKind.FILING_WINDOW, start=known, end=report.received_at, agency=office
            )
        case.state = CaseState.INITIAL_REVIEW
        case.save(update_fields=["state"])
        deadline_open(
            case=case, kind=DeadlineKind.INITIAL_REVIEW, start=report.counted_receipt, agency=office
        )
    else:
        found = report.known_date or report.received_at.date()
        start = dt.datetime.combine(found, dt.time(0, 0), tzinfo=report.received_at.tzinfo)
        deadline_open(case=case, kind=DeadlineKind.FINDING_WINDOW, start=start, agency=office)


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
    place = report.incident_region.name if report.incident_region else ""
    base = names or _("Terlapor belum diketahui")
    return f"{base} — {place}"[:300] if place else base[:300]


def finding_refusal(*, user) -> ApplicationError | None:
    """Why `user` may not record a temuan at all, or None (the named action `record_finding`; the
    interface offers "Catat temuan" exactly when this is None)."""
    return action_refusal(user, Case, "record_finding")


def _finding_region(user, incident_region_code: str):
    """The incident's region, inside the supervisor's jurisdiction."""
    from netra.regions.models import Region

    region = Region.objects.filter(code=incident_region_code).first()
    if region is None:
        raise ApplicationError(_("Wilayah kejadian tidak dikenal."), extra={"field": "incident_region_code"})
    inside = scope_for(user).region_q("code")
    if inside is None or not Region.objects.filter(inside, code=region.code).exists():
        raise PermissionDeniedError(_("Wilayah kejadian di luar wilayah kerja Anda."))
    return region


@in_record_language
def finding_record(
    *,
    user,
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
    Tips given as sources join the case so their reporters can be told the outcome. Its report is
    written by intake (`finding_report_create`); the case opens from it in the same transaction."""
    from netra.intake.submission import FindingIn, PersonIn, finding_report_create

    now = now_or(now)
    refuse_unless(user, "record_finding")
    if not description.strip():
        raise ApplicationError(_("Uraian temuan wajib diisi."), extra={"field": "description"})
    finding = FindingIn(
        description=description,
        region=_finding_region(user, incident_region_code),
        found_date=found_date or timezone.localdate(now),
        incident_place=incident_place,
        incident_date=incident_date,
        persons=[PersonIn(**{k: str(p.get(k) or "") for k in PERSON_KEYS}) for p in persons or []],
        links=list(links or []),
    )
    sources = list(restrict(Report.objects.filter(pk__in=source_report_ids or []), user, "view"))
    if len(sources) != len(set(source_report_ids or [])):
        raise NotFoundError(_("Laporan sumber tidak ditemukan."))
    with transaction.atomic():
        report = finding_report_create(finding=finding, user=user, now=now)
        case = case_open_for_report(report=report, actor=user, now=now)
        for source in sources:
            _attach_report(case=case, report=source, actor=user)
    return case


# What a temuan's form or the API says about each terlapor (intake.submission.PersonIn's fields).
PERSON_KEYS = ("name", "nip", "agency_name", "position", "employment_type")


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
