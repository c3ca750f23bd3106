"""Edits that do not move the case: details, notes, assignment, extending the follow-up clock."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.cases.models import (
    Case,
    CaseEvent,
    EventKind,
    Participant,
    ParticipantRole,
)
from netra.cases.services.common import (
    case_bump,
    case_lock_for,
    check_version,
    event_add,
    now_or,
    refuse_unless,
)
from netra.cases.services.deadlines import (
    deadline_extend,
)
from netra.cases.signals import case_assigned
from netra.core.exceptions import ApplicationError
from netra.core.scoping import scope_for
from netra.core.services import in_record_language
from netra.rules.models import ViolationClass

EDITABLE_FIELDS = (
    "title",
    "summary",
    "incident_date",
    "violation_class",
    "target_contestant_id",
    "target_party_id",
    "target_blank_column",
)


@in_record_language
def case_update(*, case_id: int, user, data: dict, expected_version: int | None) -> Case:
    """Edit the case's descriptive fields. `expected_version` is required (If-Match): a stale edit is
    refused with 412/409 instead of silently overwriting a colleague's work."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(_("Kolom tidak dapat diubah: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user, action="edit")
        check_version(case, expected_version)
        refuse_unless(user, "edit", case)
        if "violation_class" in data and data["violation_class"] not in ViolationClass.values:
            raise ApplicationError(_("Jenis pelanggaran tidak dikenal."), extra={"field": "violation_class"})
        if "title" in data and not str(data["title"]).strip():
            raise ApplicationError(_("Judul wajib diisi."), extra={"field": "title"})
        _check_contest_target(case, data)
        before = {k: getattr(case, k) for k in data}
        for key, value in data.items():
            setattr(case, key, value)
        changed = [k for k in data if before[k] != getattr(case, k)]
        if not changed:
            return case
        case_bump(case, *changed)
        event_add(
            case,
            EventKind.EDIT,
            _("Data kasus diubah: %(fields)s.") % {"fields": ", ".join(changed)},
            actor=user,
            data={"fields": changed},
        )
        audit_record(
            actor=user,
            action="case.update",
            instance=case,
            before={k: before[k] for k in changed},
            after={k: getattr(case, k) for k in changed},
        )
    return case


def _check_contest_target(case: Case, data: dict) -> None:
    """The candidate pair must stand in the case's election; the party must take part in it."""
    from netra.elections.selectors import contestant_list_for_incident, party_list_for_incident

    election = case.election
    if election is None:
        if data.get("target_contestant_id") or data.get("target_party_id"):
            raise ApplicationError(
                _("Pemilihan kasus ini belum diketahui."), extra={"field": "target_contestant_id"}
            )
        return
    pairs = contestant_list_for_incident(election=election, region_code=case.incident_region_id)
    contestant_id = data.get("target_contestant_id")
    if contestant_id and contestant_id not in {c.pk for c in pairs if not c.is_empty_box}:
        raise ApplicationError(
            _("Pasangan calon tidak terdaftar dalam pemilihan kasus ini di wilayah kejadian."),
            extra={"field": "target_contestant_id"},
        )
    party_id = data.get("target_party_id")
    parties = party_list_for_incident(election=election, region_code=case.incident_region_id)
    if party_id and party_id not in {p.pk for p in parties}:
        raise ApplicationError(
            _("Partai tidak terdaftar dalam pemilihan kasus ini."), extra={"field": "target_party_id"}
        )


@in_record_language
def case_note_add(*, case_id: int, user, body: str, internal_to_family: bool = False) -> CaseEvent:
    """An internal note on the shared timeline (never shown to the reporter)."""
    body = body.strip()
    if not body:
        raise ApplicationError(_("Catatan tidak boleh kosong."), extra={"field": "body"})
    refuse_unless(user, "note")
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        scope = scope_for(user)
        event = event_add(
            case,
            EventKind.NOTE,
            body[:10000],
            actor=user,
            visible_to=scope.agency_family if internal_to_family else "",
        )
        audit_record(actor=user, action="case.note", instance=case, after={"event_id": event.pk})
    return event


@in_record_language
def case_assign(*, case_id: int, user, assignee_id: int) -> Participant:
    """Assign an officer of the user's own office (or below) to the case."""
    from netra.agencies.models import User

    refuse_unless(user, "assign")
    scope = scope_for(user)
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        assignee = User.objects.filter(pk=assignee_id, is_active=True, agency_id__in=scope.agency_ids).first()
        if assignee is None:
            raise ApplicationError(
                _("Petugas tidak ditemukan di kantor Anda."), extra={"field": "assignee_id"}
            )
        participant, _created = Participant.objects.get_or_create(
            case=case, agency=assignee.agency, user=assignee, role=ParticipantRole.ASSIGNEE
        )
        case_bump(case)
        event_add(
            case,
            EventKind.ASSIGNMENT,
            _("%(who)s ditugaskan menangani kasus.") % {"who": assignee},
            actor=user,
            data={"assignee_id": assignee.pk},
        )
        audit_record(actor=user, action="case.assign", instance=case, after={"assignee_id": assignee.pk})
        case_assigned.send(sender=Case, case=case, participant=participant, actor=user)
    return participant


def case_deadline_extend(*, case_id: int, user, reason: str, now: dt.datetime | None = None) -> Case:
    """The follow-up clock becomes the extended one (additional information needed)."""
    refuse_unless(user, "extend_deadline")
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        refuse_unless(user, "extend_deadline", case)
        deadline = deadline_extend(case=case, actor=user, reason=reason, now=now_or(now))
        case_bump(case)
        audit_record(
            actor=user,
            action="case.deadline_extend",
            instance=case,
            after={"deadline_id": deadline.pk if deadline else None, "reason": reason.strip()},
        )
    return case
