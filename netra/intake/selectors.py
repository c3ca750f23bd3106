"""Reading reports: for the reporter (through the receipt) and for officers (through the scope)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Q, QuerySet

from netra.agencies.models import Agency, AgencyKind
from netra.core.cache import ttl_memoize
from netra.core.scoping import restrict
from netra.elections.models import Election
from netra.intake.models import IdentityReveal, Message, Report, ReporterIdentity
from netra.regions.codes import codes_cover

# An incident belongs to an election when it falls between (first stage − lead) and (last stage + tail).
_LEAD = dt.timedelta(days=120)
_TAIL = dt.timedelta(days=30)


@ttl_memoize(60)
def _election_windows() -> tuple[tuple[Election, dt.date, dt.date, frozenset[str] | None], ...]:
    """(election with its stages, first day, last day, region codes or None if nationwide), memoised."""
    windows = []
    for election in Election.objects.prefetch_related("stages", "regions"):
        stages = list(election.stages.all())
        first = min((s.starts_on for s in stages), default=election.voting_day)
        last = max((s.ends_on for s in stages), default=election.voting_day)
        codes = None if election.is_nationwide else frozenset(r.code for r in election.regions.all())
        windows.append((election, first, last, codes))
    return tuple(windows)


def election_for_incident(*, region_code: str, on: dt.date) -> Election | None:
    """The election an incident on `on` in `region_code` most plausibly concerns (nearest voting day)."""
    candidates = [
        election
        for election, first, last, codes in _election_windows()
        if first - _LEAD <= on <= last + _TAIL and (codes is None or codes_cover(codes, region_code))
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda e: abs((e.voting_day - on).days))


@dataclass(frozen=True)
class ReporterView:
    """What the reporter sees after logging in with the receipt: plain words, no officer names."""

    report: Report
    office: Agency | None  # the office handling it now: the case's once a case exists
    messages: list[Message]
    reveals: list[IdentityReveal]
    evidence_count: int
    link_count: int


def handling_office(report: Report) -> Agency | None:
    """The case's office once the report belongs to a case (a Panwaslu Kecamatan receives, the Bawaslu
    Kabupaten/Kota handles; a merged report follows its new case), else the office that received it.
    Read through the reverse relation the case workflow adds to Report, without importing it (intake
    sits below cases)."""
    try:
        return report.case_link.case.office
    except ObjectDoesNotExist:
        return report.office


def reporter_view(*, report: Report) -> ReporterView:
    report = Report.objects.select_related(
        "office", "incident_region", "election", "case_link__case__office"
    ).get(pk=report.pk)
    return ReporterView(
        report=report,
        office=handling_office(report),
        messages=list(report.messages.select_related("agency")),
        reveals=list(report.reveals.select_related("agency")),
        evidence_count=report.evidence.count(),
        link_count=report.evidence_links.count(),
    )


def report_for_reporter_session(*, report_id: int) -> Report | None:
    """The report a reporter's session was opened for (the id was proven by the receipt at login)."""
    return Report.objects.filter(pk=report_id).first()


def report_list_visible_to(*, user, status: str = "", kind: str = "") -> QuerySet[Report]:
    """Reports in the user's scope, newest first, with what an officer triages from: the terlapor as
    named (prefetched: one query per page, not per row) and the description (the list shows ~200
    characters). Never the reporter's identity."""
    qs = (
        restrict(Report.objects.all(), user, "view")
        .select_related("office", "incident_region", "election")
        .prefetch_related("reported_persons")
    )
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(
        unread=Count(
            "messages", filter=Q(messages__sender=Message.Sender.REPORTER, messages__read_at__isnull=True)
        )
    ).order_by("-received_at", "-id")


def report_get_visible(*, user, report_id: int) -> Report | None:
    return (
        restrict(Report.objects.all(), user, "view")
        .select_related("office", "incident_region", "election")
        .prefetch_related("reported_persons", "witnesses", "messages__officer", "reveals__officer")
        .filter(pk=report_id)
        .first()
    )


def same_reporter_count(*, report: Report, user) -> int:
    """How many other reports *this user may see* share a blind index with this one (same NIK, phone
    or e-mail). Reports outside the user's jurisdiction are not counted: the count itself would tell an
    office that the reporter also reported elsewhere."""
    identity = ReporterIdentity.objects.filter(report=report).first()
    if identity is None:
        return 0
    q = Q()
    for field in ("nik_index", "phone_index", "email_index"):
        value = getattr(identity, field)
        if value:
            q |= Q(**{field: value})
    if not q:
        return 0
    visible = restrict(Report.objects.all(), user, "view").values("pk")
    return ReporterIdentity.objects.filter(q, report_id__in=visible).exclude(report=report).count()


def office_contacts(*, province_code: str = "") -> list[Agency]:
    """The Bawaslu offices a reporter can call or write to (e.g. after losing the receipt): Bawaslu RI
    and the provinces, or, for one province, its own office and its kabupaten/kota offices. Each with
    its e-mail, address and the telephone/website of its letter settings."""
    qs = Agency.objects.filter(is_active=True).select_related("letter_settings", "region")
    if province_code:
        qs = qs.filter(
            Q(kind=AgencyKind.BAWASLU_PROVINSI, region_id=province_code)
            | Q(kind=AgencyKind.BAWASLU_KABKOTA, region__code__startswith=f"{province_code}.")
        )
    else:
        qs = qs.filter(kind__in=[AgencyKind.BAWASLU_RI, AgencyKind.BAWASLU_PROVINSI])
    return list(qs.order_by("kind", "region_id", "name"))
