"""The terlapor of one case: add, correct, classify (violation item, sanction range, routing) and what is still missing before the case can be forwarded."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from netra.agencies.selectors import employer_for_unit
from netra.audit.services import audit_record
from netra.cases.models import (
    Case,
    CaseSubject,
    EventKind,
    Person,
    SubjectLevel,
)
from netra.cases.selectors.cases import person_latest_subject
from netra.cases.services.common import (
    case_bump,
    case_lock_for,
    check_version,
    event_add,
    refuse_unless,
)
from netra.cases.services.persons import (
    PERSON_FIELDS,
    SUBJECT_DETAIL_FIELDS,
    SubjectDetails,
    clean_nip,
    details_from_input,
    details_with_changes,
    normalize_key,
    person_get_or_create,
)
from netra.core.clock import recorded_at
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError
from netra.core.scoping import restrict
from netra.core.services import in_record_language
from netra.elections.selectors import contest_for_target
from netra.rules.selectors.catalogue import conduct_get
from netra.rules.selectors.classification import classify_conduct


def case_subject_add(
    *, case: Case, person: Person, actor=None, details: SubjectDetails | None = None
) -> CaseSubject:
    """Make `person` a subject of `case`, recording `details` (by default the person's own record, for
    a person created from these very details)."""
    recorded = (details or SubjectDetails.of(person)).clean()
    subject = CaseSubject.objects.filter(case=case, person=person).first()
    if subject is not None:
        return subject
    subject = CaseSubject(case=case, person=person)
    recorded.apply_to(subject)
    subject.save()
    event_add(
        case,
        EventKind.SUBJECT,
        _("Terlapor ditambahkan: %(person)s.") % {"person": subject},
        actor=actor,
        data={"person_id": person.pk},
    )
    return subject


def _classify(subject: CaseSubject, conduct_code: str, actor) -> CaseSubject:
    conduct = conduct_get(code=conduct_code)
    if conduct is None:
        raise ApplicationError(_("Perbuatan tidak dikenal."), extra={"field": "conduct"})
    case = subject.case
    employment = subject.employment_type if subject.employment_type in ("pns", "pppk") else "pns"
    result = classify_conduct(
        conduct=conduct,
        incident_date=case.incident_date,
        election=case.election,
        employment_type=employment,
        # The race the case records decides the determination date (Pemilu 2024: DCT 3 Nov, capres 13 Nov).
        contest=contest_for_target(
            election=case.election, contestant=case.target_contestant, party=case.target_party
        ),
        # Which election-crime articles name this kind of subject (a lurah is PNS; a kepala desa is not).
        subject_type=subject.employment_type,
    )
    variant = result.applicable
    subject.conduct = conduct
    subject.violation = None
    subject.level = SubjectLevel.UNDETERMINED
    if variant is not None and variant.violations:
        heaviest = [v for v in variant.violations if v.level == variant.level]
        subject.violation = heaviest[0]
        subject.level = variant.category or ""
    # The crime note is a suggestion ("juga dapat diteruskan ke Sentra Gakkumdu (1×24 jam)"): the officer
    # decides; classification never routes a case.
    subject.classification_note = "\n".join(
        n for n in (result.stage_note, result.catalogue_note, result.crime_note) if n
    )
    subject.save(update_fields=["conduct", "violation", "level", "classification_note"])
    event_add(
        case,
        EventKind.SUBJECT,
        _("Klasifikasi %(person)s: %(what)s.")
        % {
            "person": subject,
            "what": variant.describe()
            if variant is not None
            else _("tahap pemilihan belum dapat ditentukan"),
        },
        actor=actor,
        data={
            "subject_id": subject.pk,
            "conduct": conduct.code,
            "violation": getattr(subject.violation, "code", ""),
        },
    )
    return subject


@in_record_language
def subject_classify(
    *,
    case_id: int,
    subject_id: int,
    user,
    conduct_code: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> CaseSubject:
    """Catalogue item and ethics-vs-discipline from the election stage on the incident date (SKB 2022).
    Bawaslu classifies while it handles the case; the oversight body may correct it in examination."""
    refuse_unless(user, "classify")
    with transaction.atomic(), recorded_at(now):
        case = case_lock_for(case_id=case_id, user=user)
        check_version(case, expected_version)
        refuse_unless(user, "classify", case)
        subject = case.subjects.select_related("person").filter(pk=subject_id).first()
        if subject is None:
            raise NotFoundError(_("Terlapor tidak ditemukan dalam kasus ini."))
        _classify(subject, conduct_code, user)
        case_bump(case)
        audit_record(
            actor=user,
            action="case.classify",
            instance=case,
            after={
                "subject_id": subject.pk,
                "conduct": conduct_code,
                "violation": getattr(subject.violation, "code", ""),
            },
        )
    return subject


def _visible_details(person: Person, user) -> SubjectDetails:
    """What the user's own cases recorded about `person` (the latest), never another office's entries."""
    subject = person_latest_subject(person=person, user=user)
    return SubjectDetails.of(subject) if subject is not None else SubjectDetails()


@in_record_language
def subject_add(*, case_id: int, user, data: dict, expected_version: int | None = None) -> CaseSubject:
    """Add a terlapor: an existing person the user may see (by id), or by NIP / name as typed.

    A person outside the user's scope is never echoed back: by id it is not found (404); by NIP the
    case is linked to that identity silently and records only what the officer typed."""
    refuse_unless(user, "add_subject")
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        check_version(case, expected_version)
        refuse_unless(user, "add_subject", case)
        typed = details_from_input(data)
        if data.get("person_id"):
            person = restrict(Person.objects.all(), user, "view").filter(pk=data["person_id"]).first()
            if person is None:
                raise NotFoundError(_("Data terlapor tidak ditemukan."))
            details = typed.over(_visible_details(person, user))
        else:
            if not typed.name.strip():
                raise ApplicationError(_("Nama terlapor wajib diisi."), extra={"field": "name"})
            person = person_get_or_create(nip=data.get("nip", ""), details=typed)
            visible = restrict(Person.objects.all(), user, "view").filter(pk=person.pk).exists()
            details = typed.over(_visible_details(person, user)) if visible else typed
        subject = case_subject_add(case=case, person=person, actor=user, details=details)
        if data.get("conduct"):
            _classify(subject, data["conduct"], user)
        fields = ("title",) if case_retitle(case) else ()
        case_bump(case, *fields)
        audit_record(actor=user, action="case.subject_add", instance=case, after={"person_id": person.pk})
    return subject


@in_record_language
def subject_update(
    *, case_id: int, subject_id: int, user, data: dict, expected_version: int | None = None
) -> CaseSubject:
    """Correct what this case records about a terlapor (the stage owner; audited). Only this case's
    record changes; a record that is wholly the user's (`Person` "change" scope) follows along, so the
    person page shows it too. A new NIP links the subject to that identity (never echoing another
    office's record: what the officer typed is what the case keeps)."""
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ApplicationError(_("Kolom tidak dapat diubah: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    refuse_unless(user, "edit_subject")
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        check_version(case, expected_version)
        refuse_unless(user, "edit_subject", case)
        subject = case.subjects.select_related("person", "agency").filter(pk=subject_id).first()
        if subject is None:
            raise NotFoundError(_("Terlapor tidak ditemukan dalam kasus ini."))
        before = {**{f: getattr(subject, f) for f in SUBJECT_DETAIL_FIELDS if f != "agency"}}
        before.update(agency_id=subject.agency_id, nip=subject.nip)
        changes = {k: v for k, v in data.items() if k != "nip"}
        if "agency_id" in changes:
            changes["agency"] = changes.pop("agency_id")
        if "agency_name" in changes and "agency" not in changes:
            resolved = employer_for_unit(name=changes["agency_name"] or "")
            changes["agency"] = resolved.pk if resolved else None
        details = details_with_changes(subject, changes)
        if "nip" in data and clean_nip(data["nip"] or "") != subject.person.nip:
            _subject_relink(subject, clean_nip(data["nip"] or ""), details)
        details.apply_to(subject)
        subject.save()
        owned = restrict(Person.objects.all(), user, "change").filter(pk=subject.person_id).exists()
        if owned:
            details.apply_to(subject.person)
            subject.person.name_key = normalize_key(details.name)
            subject.person.agency_key = normalize_key(details.agency_name)
            subject.person.save()
        event_add(case, EventKind.SUBJECT, _("Data terlapor %(p)s diperbarui.") % {"p": subject}, actor=user)
        case_bump(case)
        after = {f: getattr(subject, f) for f in SUBJECT_DETAIL_FIELDS if f != "agency"}
        after.update(agency_id=subject.agency_id, nip=subject.nip)
        audit_record(actor=user, action="case.subject_update", instance=case, before=before, after=after)
    return subject


def _subject_relink(subject: CaseSubject, nip: str, details: SubjectDetails) -> None:
    """Point the subject at the identity with this NIP: the same record when it is this case's alone
    and the NIP is free, otherwise the known (or a new) person with that NIP."""
    person = subject.person
    alone = not CaseSubject.objects.filter(person=person).exclude(pk=subject.pk).exists()
    taken = Person.objects.filter(nip=nip).exclude(pk=person.pk).first() if nip else None
    if alone and taken is None:
        person.nip = nip
        person.save(update_fields=["nip"])
        return
    target = taken or person_get_or_create(nip=nip, details=details)
    if CaseSubject.objects.filter(case=subject.case_id, person=target).exclude(pk=subject.pk).exists():
        raise ConflictError(
            _("Terlapor dengan NIP ini sudah ada dalam kasus ini."),
            code="subject_exists",
            extra={"field": "nip"},
        )
    subject.person = target


def subject_gaps(subject: CaseSubject) -> list[str]:
    """What an ASN case must know about a terlapor before it leaves Bawaslu: the PPK who will act on
    the recommendation and the classification (catalogue item, ethics or discipline) it rests on."""
    gaps = []
    if not subject.agency_id:
        gaps.append(_("instansi (PPK) belum dipilih"))
    if not subject.violation_id:
        gaps.append(_("perbuatan belum diklasifikasikan"))
    return gaps


def case_retitle(case: Case) -> bool:
    """A title made while no terlapor was known ("Terlapor belum diketahui — Balikpapan Selatan") names
    the terlapor once there is one; an officer's own title is never touched."""
    placeholder = _("Terlapor belum diketahui")
    if not case.title.startswith(placeholder):
        return False
    names = ", ".join(s.name for s in case.subjects.order_by("pk")[:3])
    if not names:
        return False
    case.title = f"{names}{case.title[len(placeholder) :]}"[:300]
    return True
