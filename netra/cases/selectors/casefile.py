"""The case file (berkas kasus): what every agency that may see a case reads about the incident.

A forwarded case is worked on by agencies that never see the reports (the Report scope stays
Bawaslu's). What they need to act on is the *case file*: what happened (an account), where and when,
the terlapor (on the case page already), and the evidence — display copies without metadata, their
hashes (the forwarding letter lists them) and the links. Who reads which part (docs/domain/access.md):

- Bawaslu (the handling office, offices above it): the reports' own descriptions, each under its
  report number, with links to the reports.
- Every other family that sees the case (`restrict(Case, user, "view")`: the oversight body from the
  forwarding, the PPK from the recommendation addressed to it, other recipients from the forwarding):
  the officer's forwarding summary (`Case.forwarding_summary`, required by the `forward` move). When a
  case has none (forwarded before the move required it), the officer's own words of a temuan (Formulir
  B.2 written by a supervisor). Never a laporan's description nor `Case.summary` (copied from it):
  the reporter's first-person words can identify them.
- Nobody through the case file: the reporter's identity (behind `intake.reveal_identity`), witnesses,
  the reporter's messages, the name a reporter gave a file, a link's note.

Scoping goes through the case: a file is found only among the evidence of the reports of a case the
user may view. Query count is fixed whatever the number of reports or files.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from netra.agencies.models import AgencyFamily
from netra.cases.models import Case
from netra.cases.selectors.cases import case_get_visible
from netra.core.exceptions import NotFoundError
from netra.core.scoping import scope_for
from netra.evidence.models import Evidence, EvidenceLink
from netra.intake.models import Report, ReportKind


@dataclass(frozen=True)
class Account:
    """One account of the incident: its source (a report number, or the officer's summary) and text."""

    source: str
    text: str
    report_id: int | None = None


@dataclass(frozen=True)
class CaseFile:
    accounts: list[Account]
    places: list[str]
    evidence: list[Evidence]
    links: list[EvidenceLink]
    reads_reports: bool  # Bawaslu: the reporters' own words, report links and the links' notes


def case_evidence(*, case: Case) -> QuerySet[Evidence]:
    """The evidence files of the reports gathered in `case` (the caller resolved the case in scope)."""
    return (
        Evidence.objects.filter(report__case_link__case=case)
        .select_related("report")
        .order_by("created_at", "id")
    )


def case_evidence_links(*, case: Case) -> QuerySet[EvidenceLink]:
    return EvidenceLink.objects.filter(report__case_link__case=case).order_by("submitted_at", "id")


def case_evidence_get(*, case_id: int, evidence_id: int, user) -> tuple[Case, Evidence]:
    """The case and one of its evidence files, or NotFoundError when the case is out of the user's
    scope or the file is not the case's."""
    case = case_get_visible(user=user, case_id=case_id)
    evidence = case_evidence(case=case).filter(pk=evidence_id).first() if case is not None else None
    if case is None or evidence is None:
        raise NotFoundError(_("Bukti tidak ditemukan."))
    return case, evidence


def _accounts(case: Case, reports: list[Report], reads_reports: bool) -> list[Account]:
    if reads_reports:
        return [
            Account(source=r.reference or r.get_kind_display(), text=r.description, report_id=r.pk)
            for r in reports
            if r.description.strip()
        ]
    if case.forwarding_summary.strip():
        return [Account(source="forwarding_summary", text=case.forwarding_summary)]
    # A temuan is the supervisor's own record (Formulir Model B.2), not a reporter's words.
    return [
        Account(source=r.reference or r.get_kind_display(), text=r.description)
        for r in reports
        if r.kind == ReportKind.FINDING and r.description.strip()
    ]


def case_file_for(*, case: Case, user) -> CaseFile:
    """The case file of `case` (already resolved in the user's scope) as this reader may see it."""
    reads_reports = scope_for(user).acts_as(AgencyFamily.BAWASLU)
    reports = list(
        Report.objects.filter(case_link__case=case)
        .only("pk", "reference", "kind", "description", "incident_place", "received_at")
        .order_by("received_at", "id")
    )
    places = list(dict.fromkeys(r.incident_place.strip() for r in reports if r.incident_place.strip()))
    return CaseFile(
        accounts=_accounts(case, reports, reads_reports),
        places=places,
        evidence=list(case_evidence(case=case)),
        links=list(case_evidence_links(case=case)),
        reads_reports=reads_reports,
    )
