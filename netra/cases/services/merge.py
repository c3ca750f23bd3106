"""Merging: two cases about one incident become one; one person recorded twice becomes one record.

`case_merge` is the only code that puts a case in `CaseState.MERGED`. It is not a row of the workflow
table because it acts on two cases at once (the table's moves act on one) and needs both locked; the
MERGED state has no way out (`reopen` starts from CLOSED/STOPPED only), so nothing else changes it.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from netra.agencies.models import AgencyFamily
from netra.audit.services import audit_record
from netra.cases import workflow
from netra.cases.models import (
    Case,
    CaseReport,
    CaseState,
    CaseSubject,
    EventKind,
    Participant,
    ParticipantRole,
    Person,
)
from netra.cases.services.common import (
    case_bump,
    case_lock_for,
    check_version,
    event_add,
    now_or,
    refuse_unless,
)
from netra.cases.services.deadlines import deadlines_cancel
from netra.cases.services.persons import SUBJECT_DETAIL_FIELDS
from netra.cases.services.reporters import reports_sync
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from netra.core.identifiers import nip_digits
from netra.core.scoping import action_refusal, restrict
from netra.core.services import in_record_language
from netra.intake.models import Report

MERGE_PERMISSION = "cases.merge_case"


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Alasan penggabungan wajib diisi."), extra={"field": "reason"})
    return reason[:2000]


def _bawaslu_stage_refusal(case: Case, *, role: str) -> ConflictError | None:
    """Merging is Bawaslu's handling decision: once a case is forwarded, its record belongs to the
    recipient's procedure and is not rearranged."""
    if not case.is_open:
        return ConflictError(
            _("Kasus %(role)s %(ref)s sudah selesai atau digabung; tidak dapat digabungkan.")
            % {"role": role, "ref": case},
            code="case_closed",
        )
    if workflow.STAGE_OWNER.get(case.state) != AgencyFamily.BAWASLU or case.forwarded_at is not None:
        return ConflictError(
            _("Kasus %(role)s %(ref)s sudah diteruskan; penggabungan hanya pada tahap penanganan Bawaslu.")
            % {"role": role, "ref": case},
            code="case_forwarded",
        )
    return None


def _require_bawaslu_stage(case: Case, *, role: str) -> None:
    if (refusal := _bawaslu_stage_refusal(case, role=role)) is not None:
        raise refusal


def case_merge_refusal(*, source: Case, target: Case, user) -> ApplicationError | None:
    """Why `user` may not merge `source` into `target` now, or None: the leadership's permission, the
    supervisors' family, both cases still in Bawaslu's hands. The case page offers the merge exactly
    when this is None (one rule for the page and the service)."""
    if (refusal := action_refusal(user, Case, "merge")) is not None:
        return refusal
    return _bawaslu_stage_refusal(source, role=_("sumber")) or _bawaslu_stage_refusal(
        target, role=_("tujuan")
    )


def _merge_checks(*, source_id: int, target_id: int, user) -> None:
    """Before anything is locked: the leadership's permission, two different cases, the supervisors."""
    refuse_unless(user, "merge")
    if source_id == target_id:
        raise ApplicationError(
            _("Kasus tidak dapat digabungkan dengan dirinya sendiri."), extra={"field": "into_case_id"}
        )


def _lock_pair(*, source_id: int, target_id: int, user) -> tuple[Case, Case]:
    """Both cases, locked in id order so two officers merging the same pair the other way round cannot
    deadlock."""
    locked = {
        case_id: case_lock_for(case_id=case_id, user=user, action="change")
        for case_id in sorted((source_id, target_id))
    }
    return locked[source_id], locked[target_id]


def _reports_move(source: Case, target: Case) -> list[Report]:
    """Every report of the source now belongs to the target, remembering where it came from."""
    links = list(CaseReport.objects.filter(case=source).select_related("report").order_by("id"))
    for link in links:
        link.case = target
        link.merged_from = source
        link.save(update_fields=["case", "merged_from"])
    return [link.report for link in links]


def _subjects_unite(source: Case, target: Case) -> list[Person]:
    """The source's terlapor join the target's, each person once; returns the persons added."""
    have = set(target.subjects.values_list("person_id", flat=True))
    added = []
    for subject in source.subjects.select_related("person").order_by("id"):
        if subject.person_id in have:
            continue
        CaseSubject.objects.create(
            case=target,
            person=subject.person,
            **{f: getattr(subject, f) for f in SUBJECT_DETAIL_FIELDS},
            conduct=subject.conduct,
            violation=subject.violation,
            level=subject.level,
            classification_note=subject.classification_note,
        )
        have.add(subject.person_id)
        added.append(subject.person)
    return added


def _assignees_join(source: Case, target: Case) -> None:
    """The source's active assignees are assigned to the target too (each once)."""
    assigned: set[int | None] = set(
        target.participants.filter(role=ParticipantRole.ASSIGNEE).values_list("user_id", flat=True)
    )
    for participant in source.participants.filter(role=ParticipantRole.ASSIGNEE, active=True):
        if participant.user_id not in assigned:
            Participant.objects.create(
                case=target, agency=participant.agency, user=participant.user, role=participant.role
            )
            assigned.add(participant.user_id)


def _source_end(source: Case, target: Case, *, now: dt.datetime) -> str:
    """The source ends as MERGED, pointing at the target; returns the state it left."""
    before_state = source.state
    source.state_before_end = before_state
    source.state = CaseState.MERGED
    source.merged_into = target
    source.closed_at = now
    case_bump(source, "state", "state_before_end", "merged_into", "closed_at")
    return before_state


@dataclass(frozen=True)
class _Merged:
    """What a case merge did, for its timeline lines and audit rows."""

    reason: str
    before_state: str
    moved: list[Report]
    added: list[Person]
    deadlines_cancelled: int


def _merge_timeline(source: Case, target: Case, merged: _Merged, *, user) -> None:
    references = ", ".join(str(r) for r in merged.moved) or "-"
    report_ids = [r.pk for r in merged.moved]
    event_add(
        source,
        EventKind.MERGE,
        _("Digabung ke %(target)s. Laporan dipindahkan: %(reports)s. Alasan: %(reason)s")
        % {"target": target, "reports": references, "reason": merged.reason},
        actor=user,
        data={"merged_into": target.pk, "report_ids": report_ids, "reason": merged.reason},
        from_state=merged.before_state,
        to_state=CaseState.MERGED,
    )
    event_add(
        target,
        EventKind.MERGE,
        _("%(source)s digabung ke kasus ini. Laporan ditambahkan: %(reports)s. Alasan: %(reason)s")
        % {"source": source, "reports": references, "reason": merged.reason},
        actor=user,
        data={
            "merged_from": source.pk,
            "report_ids": report_ids,
            "person_ids": [p.pk for p in merged.added],
            "reason": merged.reason,
        },
    )


def _merge_audit(source: Case, target: Case, merged: _Merged, *, user) -> None:
    report_ids = [r.pk for r in merged.moved]
    audit_record(
        actor=user,
        action="case.merge",
        instance=source,
        before={"state": merged.before_state, "version": source.version - 1},
        after={
            "state": source.state,
            "merged_into": target.pk,
            "report_ids": report_ids,
            "deadlines_cancelled": merged.deadlines_cancelled,
            "reason": merged.reason,
        },
    )
    audit_record(
        actor=user,
        action="case.merge",
        instance=target,
        before={"version": target.version - 1},
        after={
            "merged_from": source.pk,
            "report_ids": report_ids,
            "person_ids": [p.pk for p in merged.added],
            "version": target.version,
        },
    )


@in_record_language
def case_merge(
    *,
    source_id: int,
    target_id: int,
    user,
    reason: str,
    expected_source_version: int | None = None,
    expected_target_version: int | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """Merge case `source_id` into `target_id`: every report moves to the target with its own record
    (`merged_from` says where it came from; its reporter still follows it by receipt), subjects are
    united (each person once), the source's clocks stop and it ends as MERGED pointing at the target.
    Returns the target."""
    now = now_or(now)
    reason = _require_reason(reason)
    _merge_checks(source_id=source_id, target_id=target_id, user=user)
    with transaction.atomic():
        source, target = _lock_pair(source_id=source_id, target_id=target_id, user=user)
        check_version(source, expected_source_version)
        check_version(target, expected_target_version)
        _require_bawaslu_stage(source, role=_("sumber"))
        _require_bawaslu_stage(target, role=_("tujuan"))
        moved = _reports_move(source, target)
        added = _subjects_unite(source, target)
        _assignees_join(source, target)
        cancelled = deadlines_cancel(case=source, now=now)
        before_state = _source_end(source, target, now=now)
        case_bump(target)
        merged = _Merged(
            reason=reason, before_state=before_state, moved=moved, added=added, deadlines_cancelled=cancelled
        )
        _merge_timeline(source, target, merged, user=user)
        _merge_audit(source, target, merged, user=user)
        reports_sync(case=target, user=user)  # the moved reports' reporters now see the target's stage
    return target


# --- persons -------------------------------------------------------------------------------------------

_FILLABLE = ("agency_id", "agency_name", "agency_key", "position", "employment_type")


def _snapshot(person: Person) -> dict:
    return {
        "id": person.pk,
        "name": person.name,
        "nip": person.nip,
        "agency_id": person.agency_id,
        "agency_name": person.agency_name,
        "position": person.position,
    }


def _person_merge_checks(*, keep_id: int, drop_id: int, user) -> None:
    if not user.has_perm(MERGE_PERMISSION):
        raise PermissionDeniedError(
            _("Anda tidak berwenang menggabungkan data terlapor."), code="no_permission"
        )
    if keep_id == drop_id:
        raise ApplicationError(
            _("Data terlapor tidak dapat digabungkan dengan dirinya sendiri."),
            extra={"field": "drop_person_id"},
        )


def _lock_persons(*, keep_id: int, drop_id: int, user) -> tuple[Person, Person]:
    """Both records, locked, and every case either appears in. Both must lie wholly inside cases the user
    may change (`Person` "change" scope): a merge edits every case of both, and a record shared with
    another jurisdiction is not ours."""
    persons = {
        p.pk: p
        for p in restrict(Person.objects.all(), user, "change")
        .select_for_update()
        .filter(pk__in=(keep_id, drop_id))
        .order_by("pk")
    }
    if keep_id not in persons or drop_id not in persons:
        raise NotFoundError(_("Data terlapor tidak ditemukan."))
    keep, drop = persons[keep_id], persons[drop_id]
    list(
        Case.objects.select_for_update(of=("self",))
        .filter(pk__in=CaseSubject.objects.filter(person__in=(keep, drop)).values("case_id"))
        .order_by("pk")
    )
    return keep, drop


def _refuse_different_nips(keep: Person, drop: Person) -> None:
    nips = {nip_digits(p.nip) for p in (keep, drop) if p.nip}
    if len(nips) > 1:
        raise ConflictError(
            _("Kedua data terlapor memiliki NIP berbeda; keduanya orang yang berbeda."),
            code="different_nip",
        )


def _subject_collapse(subject: CaseSubject, existing: CaseSubject) -> None:
    """The case holds both records: keep one subject. The other may go only if nothing (a
    recommendation, sanction or clarification) hangs on it; its classification fills a blank one."""
    if subject.recommendations.exists() or subject.sanctions.exists() or subject.clarifications.exists():
        raise ConflictError(
            _(
                "Pada kasus %(ref)s kedua data terlapor sudah memiliki rekomendasi, sanksi atau "
                "klarifikasi masing-masing; gabungkan secara manual."
            )
            % {"ref": subject.case},
            code="subject_in_use",
        )
    if not existing.conduct_id and subject.conduct_id:
        existing.conduct = subject.conduct
        existing.violation = subject.violation
        existing.level = subject.level
        existing.classification_note = subject.classification_note
        existing.save(update_fields=["conduct", "violation", "level", "classification_note"])
    subject.delete()


def _subjects_move(*, keep: Person, drop: Person) -> list[Case]:
    """Every case role of `drop` moves to `keep`; returns the cases touched (moved ones first, then
    those where the two subjects collapsed into one)."""
    moved_cases, collapsed = [], []
    for subject in CaseSubject.objects.filter(person=drop).select_related("case").order_by("id"):
        existing = CaseSubject.objects.filter(case=subject.case_id, person=keep).first()
        if existing is None:
            subject.person = keep
            subject.save(update_fields=["person"])
            moved_cases.append(subject.case)
        else:
            _subject_collapse(subject, existing)
            collapsed.append(subject.case)
    return [*moved_cases, *collapsed]


def _person_absorb(*, keep: Person, drop: Person) -> None:
    """`keep` takes the NIP and fills its blanks from `drop`, which is deleted."""
    nip = keep.nip or drop.nip
    for name in _FILLABLE:
        if not getattr(keep, name) and getattr(drop, name):
            setattr(keep, name, getattr(drop, name))
    drop.delete()  # frees the NIP (unique) before `keep` takes it
    keep.nip = nip
    keep.full_clean()
    keep.save()


def _person_merge_log(cases: list[Case], *, keep: Person, before: dict, user, reason: str) -> None:
    """Version and timeline line on every case touched, and the audit row keeping `drop`'s snapshot."""
    for case in {c.pk: c for c in cases}.values():
        case_bump(case)
        event_add(
            case,
            EventKind.SUBJECT,
            _("Data terlapor digabung: %(drop)s dan %(keep)s adalah orang yang sama. Alasan: %(reason)s")
            % {"drop": before["drop"]["name"], "keep": keep, "reason": reason},
            actor=user,
            data={"kept_person_id": keep.pk, "dropped_person_id": before["drop"]["id"]},
        )
    audit_record(
        actor=user,
        action="person.merge",
        instance=keep,
        before=before,
        after={"keep": _snapshot(keep), "case_ids": sorted({c.pk for c in cases}), "reason": reason},
    )


@in_record_language
def person_merge(*, keep_id: int, drop_id: int, user, reason: str) -> Person:
    """One person recorded twice (typically: the NIP was resolved later on one record). Every case role
    of `drop` moves to `keep` (a case holding both keeps one subject), `keep` takes the NIP and fills
    its blanks from `drop`, and `drop` is deleted; the audit row keeps its snapshot.

    Both records must lie wholly inside cases the user may change: a merge never edits another
    jurisdiction's case or record behind its back. Anything else is not found (404), as everywhere."""
    reason = _require_reason(reason)
    _person_merge_checks(keep_id=keep_id, drop_id=drop_id, user=user)
    with transaction.atomic():
        keep, drop = _lock_persons(keep_id=keep_id, drop_id=drop_id, user=user)
        _refuse_different_nips(keep, drop)
        before = {"keep": _snapshot(keep), "drop": _snapshot(drop)}
        cases = _subjects_move(keep=keep, drop=drop)
        _person_absorb(keep=keep, drop=drop)
        _person_merge_log(cases, keep=keep, before=before, user=user, reason=reason)
    return keep
