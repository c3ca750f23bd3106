"""What every write on a case shares: the lock, the version check (optimistic concurrency), the version bump and the timeline line."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from netra.cases import workflow
from netra.cases.models import (
    Case,
    CaseEvent,
)
from netra.core.exceptions import ConflictError, NotFoundError, PermissionDeniedError
from netra.core.scoping import action_refusal, restrict, scope_for


def now_or(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def event_add(case: Case, kind: str, text: str, *, actor=None, agency=None, data=None, **kw) -> CaseEvent:
    """One timeline line; its agency is the actor's, or the one given for the system's own moves."""
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        agency=getattr(actor, "agency", None) if actor is not None else agency,
        text=text,
        data=data or {},
        **kw,
    )


def case_bump(case: Case, *fields: str) -> None:
    case.version += 1
    case.save(update_fields=["version", "updated_at", *fields])


def require_stage_owner(case: Case, user) -> None:
    """Only the agency family that owns the current stage edits the case's substance."""
    scope = scope_for(user)
    owner = workflow.STAGE_OWNER.get(case.state, "")
    if scope.is_superuser:
        return
    if not case.is_open:
        raise ConflictError(_("Kasus sudah selesai; buka kembali untuk mengubahnya."), code="case_closed")
    if owner and scope.agency_family != owner:
        raise PermissionDeniedError(_("Tahap ini bukan kewenangan instansi Anda."), code="not_your_stage")


def refuse_unless(user, action: str, case: Case | None = None) -> None:
    """Raise why `user` may not take the named action (netra.cases.permissions), on `case` if given."""
    if (refusal := action_refusal(user, Case, action, case)) is not None:
        raise refusal


def check_version(case: Case, expected_version: int | None) -> None:
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(
            _(
                "Kasus ini telah diubah oleh orang lain (versi %(current)s, Anda mengubah versi %(yours)s). "
                "Muat ulang halaman, periksa perubahannya, lalu ulangi."
            )
            % {"current": case.version, "yours": expected_version},
            code="version_conflict",
            extra={"current_version": case.version},
        )


def case_lock_for(*, case_id: int, user, action: str = "view") -> Case:
    """The case, locked for update, if `user` may see it; otherwise NotFound (never "it exists")."""
    qs = Case.objects.select_for_update(of=("self",)).select_related("election", "office", "recipient")
    if user is None:  # the system (periodic jobs)
        case = qs.filter(pk=case_id).first()
    else:
        case = restrict(qs, user, action).filter(pk=case_id).first()
    if case is None:
        raise NotFoundError(_("Kasus tidak ditemukan."))
    return case
