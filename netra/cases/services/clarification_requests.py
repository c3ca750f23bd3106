"""The request to present a terlapor (see services.clarifications): Bawaslu cannot compel anyone, so after
`NETRA_CLARIFICATION_ABSENCES_BEFORE_REQUEST` (default 2) unheeded summonses it asks the subject's
superior/PPK to present them at a new session. ASN are bound to support the handling of neutrality cases
(UU 20/2023 on ASN; PP 94/2021 on discipline), which is what the superior is asked to enforce."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from netra.agencies.models import Agency
from netra.audit.services import audit_record
from netra.cases import letters
from netra.cases.models import Case, CaseSubject, Clarification, ClarificationRole, EventKind
from netra.cases.services.clarification_common import (
    Session,
    lock_in_clarification,
    refuse_pending,
    same_invitee,
    session_checks,
    session_save,
    unheeded,
    working_day_check,
)
from netra.cases.services.clarification_letters import presentation_request_issue
from netra.cases.services.common import case_bump, event_add, now_or
from netra.cases.services.documents import subject_for_case
from netra.core.exceptions import ApplicationError, ConflictError
from netra.core.services import in_record_language


def absences_before_request() -> int:
    return int(getattr(settings, "NETRA_CLARIFICATION_ABSENCES_BEFORE_REQUEST", 2))


def _enough_absences(earlier) -> list[Clarification]:
    """The subject's unheeded summonses, if there are enough of them to ask the PPK."""
    absences = unheeded(earlier)
    needed = absences_before_request()
    if len(absences) < needed:
        raise ConflictError(
            _(
                "Permintaan menghadirkan terlapor baru dapat diajukan setelah %(n)s kali tidak hadir "
                "(saat ini %(k)s)."
            )
            % {"n": needed, "k": len(absences)},
            code="not_enough_absences",
            extra={"required": needed, "absences": len(absences)},
        )
    return absences


def _ppk_of(subject: CaseSubject) -> Agency:
    if subject.agency is None:
        raise ApplicationError(
            _("Instansi (PPK) terlapor belum diketahui: lengkapi data terlapor dahulu."),
            extra={"field": "subject_id"},
        )
    return subject.agency


def _requested_log(case: Case, clarification: Clarification, *, user, ppk: Agency, absences: int) -> None:
    """Version, timeline line (every family may read it) and audit row of a request to the PPK."""
    case_bump(case)
    event_add(
        case,
        EventKind.CLARIFICATION,
        _("%(name)s tidak hadir %(k)s kali; %(ppk)s diminta menghadirkannya pada %(when)s.")
        % {
            "name": clarification.invitee_name,
            "k": absences,
            "ppk": ppk.name,
            "when": letters.datetime_id(clarification.scheduled_at, case.office),
        },
        actor=user,
        data={"clarification_id": clarification.pk, "document_id": clarification.presentation_request_id},
    )
    audit_record(
        actor=user,
        action="case.clarification_request_presentation",
        instance=case,
        after={
            "clarification_id": clarification.pk,
            "document_id": clarification.presentation_request_id,
            "ppk_id": ppk.pk,
        },
    )


@in_record_language
def clarification_request_presentation(
    *,
    case_id: int,
    user,
    subject_id: int,
    scheduled_at: dt.datetime,
    place: str,
    confirm_non_working_day: bool = False,
    now: dt.datetime | None = None,
) -> Clarification:
    """After N unheeded summonses of a terlapor (absences since they last came), ask their
    superior/PPK to present them at a new session (the next attempt); the letter is addressed to the
    subject's agency and recorded on that session."""
    now = now_or(now)
    place = session_checks(user=user, scheduled_at=scheduled_at, place=place, now=now)
    with transaction.atomic():
        case = lock_in_clarification(case_id=case_id, user=user)
        subject = subject_for_case(case, subject_id)
        earlier = list(same_invitee(case, ClarificationRole.SUBJECT, subject, ""))
        absences = _enough_absences(earlier)
        refuse_pending(case, earlier)
        warning = working_day_check(case=case, scheduled_at=scheduled_at, confirmed=confirm_non_working_day)
        ppk = _ppk_of(subject)
        session = Session(
            role=ClarificationRole.SUBJECT,
            subject=subject,
            invitee_name=subject.name,
            attempt=len(absences) + 1,
            scheduled_at=scheduled_at,
            place=place,
        )
        document = presentation_request_issue(
            case=case, user=user, session=session, ppk=ppk, absences=absences, now=now
        )
        clarification = session_save(
            case=case, user=user, session=session, warning=warning, presentation_request=document
        )
        _requested_log(case, clarification, user=user, ppk=ppk, absences=len(absences))
    return clarification
