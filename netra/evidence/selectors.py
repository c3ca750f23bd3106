"""Reads for evidence. Which reports a user may see is decided by the report's scoping selector
(netra.intake.permissions); these only follow a report the caller already resolved in scope."""

from django.db.models import QuerySet

from netra.evidence.models import CustodyEvent, Evidence, EvidenceLink


def evidence_list_for_report(*, report) -> QuerySet[Evidence]:
    return Evidence.objects.filter(report=report).order_by("created_at", "id")


def evidence_link_list_for_report(*, report) -> QuerySet[EvidenceLink]:
    return EvidenceLink.objects.filter(report=report).order_by("submitted_at", "id")


def custody_event_list(*, evidence: Evidence) -> QuerySet[CustodyEvent]:
    """The chain of custody of one file, oldest first."""
    return CustodyEvent.objects.filter(evidence=evidence).select_related("actor").order_by("at", "id")
