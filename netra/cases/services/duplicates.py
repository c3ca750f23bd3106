"""Flag possible duplicates on a case's timeline as it arrives (the officer merges, never the system)."""

from django.db import transaction
from django.utils.translation import gettext as _

from netra.agencies.models import AgencyFamily
from netra.audit.services import audit_record
from netra.cases.models import Case, CaseEvent, EventKind
from netra.cases.selectors.duplicates import duplicate_candidates


def case_flag_duplicates(*, case: Case, limit: int = 5) -> CaseEvent | None:
    """One timeline event "Kemungkinan duplikat: KSS-…" when the handling office already holds cases
    that look like the same incident. Computed as the system, within the handling office's jurisdiction
    (no other office's case is named). The note is Bawaslu's own: the references it names mean nothing
    to — and must not be shown to — the bodies the case may later be forwarded to."""
    candidates = duplicate_candidates(case=case, user=None, limit=limit)
    if not candidates:
        return None
    listed = "; ".join(
        _("%(ref)s (%(reasons)s)") % {"ref": c.case, "reasons": ", ".join(c.reasons)} for c in candidates
    )
    with transaction.atomic():
        event = CaseEvent.objects.create(
            case=case,
            kind=EventKind.MERGE,
            agency=case.office,
            text=_("Kemungkinan duplikat: %(list)s. Periksa dan gabungkan bila laporan yang sama.")
            % {"list": listed},
            data={
                "duplicate_candidates": [
                    {"case_id": c.case.pk, "reference": str(c.case), "score": c.score, "signals": c.signals}
                    for c in candidates
                ]
            },
            visible_to=AgencyFamily.BAWASLU,
        )
        audit_record(
            actor=None,
            action="case.duplicates_flagged",
            instance=case,
            after={"candidate_ids": [c.case.pk for c in candidates], "event_id": event.pk},
        )
    return event
