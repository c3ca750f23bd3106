"""Terlapor identities (`Person`, keyed by NIP) and the details one case records about them (`SubjectDetails`)."""

import re
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from netra.agencies.models import Agency, AgencyKind
from netra.agencies.selectors import employer_for_unit
from netra.audit.services import audit_record
from netra.cases.models import (
    CaseSubject,
    EventKind,
    Person,
    PositionCategory,
)
from netra.cases.services.common import event_add
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError
from netra.core.identifiers import nip_digits, nip_is_valid
from netra.core.scoping import action_refusal, restrict
from netra.core.services import in_record_language
from netra.rules.models import SubjectType

_SPACE = re.compile(r"\s+")
_TITLES = re.compile(r"\b(drs?|dr|ir|h|hj|s\.?\s?\w{1,4}|m\.?\s?\w{1,4})\.", re.IGNORECASE)


def normalize_key(text: str) -> str:
    """Lower-case, no academic titles or punctuation: "Drs. H. Ahmad Yani, M.Si." → "ahmad yani"."""
    text = _TITLES.sub(" ", text or "")
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return _SPACE.sub(" ", text).strip()[:200]


@dataclass(frozen=True)
class SubjectDetails:
    """What one case records about a terlapor, as an officer or a reporter typed it. Stored on the
    `CaseSubject`, never taken from another jurisdiction's record of the same person (issue 8)."""

    name: str = ""
    agency: Agency | None = None
    agency_name: str = ""
    position: str = ""
    position_category: str = PositionCategory.OTHER
    employment_type: str = ""

    @classmethod
    def of(cls, source: Person | CaseSubject) -> "SubjectDetails":
        return cls(**{f: getattr(source, f) for f in SUBJECT_DETAIL_FIELDS})

    def over(self, base: "SubjectDetails") -> "SubjectDetails":
        """These details where given, `base`'s where left blank."""
        given = {f: getattr(self, f) for f in SUBJECT_DETAIL_FIELDS if _given(getattr(self, f), f)}
        return replace(base, **given)

    def clean(self) -> "SubjectDetails":
        if self.employment_type and self.employment_type not in SubjectType.values:
            raise ApplicationError(_("Jenis kepegawaian tidak dikenal."), extra={"field": "employment_type"})
        if self.position_category not in PositionCategory.values:
            raise ApplicationError(_("Kategori jabatan tidak dikenal."), extra={"field": "position_category"})
        agency_name = (self.agency_name or (self.agency.name if self.agency else "")).strip()[:200]
        return replace(
            self, name=self.name.strip()[:200], agency_name=agency_name, position=self.position.strip()[:200]
        )

    def apply_to(self, target: Person | CaseSubject) -> None:
        for field in SUBJECT_DETAIL_FIELDS:
            setattr(target, field, getattr(self, field))


SUBJECT_FIELD_LABELS = {
    "name": _lazy("Nama"),
    "nip": _lazy("NIP"),
    "agency_name": _lazy("Nama instansi"),
    "position": _lazy("Jabatan"),
    "position_category": _lazy("Kategori jabatan"),
    "employment_type": _lazy("Jenis kepegawaian"),
}
SUBJECT_DETAIL_FIELDS = ("name", "agency", "agency_name", "position", "position_category", "employment_type")


def _given(value, field: str) -> bool:
    if field == "position_category":
        return bool(value) and value != PositionCategory.OTHER
    return bool(value)


def clean_nip(nip: str) -> str:
    """Digits only; an NIP, once given, has 18 of them."""
    nip = nip_digits(nip)
    if nip and not nip_is_valid(nip):
        raise ApplicationError(_("NIP harus 18 angka."), extra={"field": "nip"})
    return nip


def person_get_or_create(*, nip: str, details: SubjectDetails) -> Person:
    """The person with this NIP if known; otherwise a new record (name matches are only *proposed* as
    duplicates — two different people share names too often to merge silently). An existing record is
    returned unchanged: the caller records `details` on the case's subject."""
    nip = clean_nip(nip)
    if nip:
        person = Person.objects.filter(nip=nip).first()
        if person is not None:
            return person
    details = details.clean()
    person = Person(nip=nip)
    details.apply_to(person)
    person.name_key = normalize_key(details.name)
    person.agency_key = normalize_key(details.agency_name)
    person.save()
    return person


def _instansi(agency_id) -> Agency | None:
    """The employing agency (PPK) an officer picked, None when none was picked; a pick that is not an
    instansi is a field error."""
    if not agency_id:
        return None
    agency = Agency.objects.filter(pk=agency_id, kind=AgencyKind.INSTANSI).first()
    if agency is None:
        raise ApplicationError(_("Instansi tidak dikenal."), extra={"field": "agency_id"})
    return agency


def details_from_input(data: dict) -> SubjectDetails:
    agency = _instansi(data.get("agency_id"))
    agency_name = str(data.get("agency_name") or "")
    return SubjectDetails(
        name=str(data.get("name") or ""),
        agency=agency or employer_for_unit(name=agency_name),
        agency_name=agency_name,
        position=str(data.get("position") or ""),
        position_category=data.get("position_category") or PositionCategory.OTHER,
        employment_type=data.get("employment_type") or "",
    ).clean()


PERSON_FIELDS = (
    "name",
    "nip",
    "agency_id",
    "agency_name",
    "position",
    "position_category",
    "employment_type",
)


@in_record_language
def person_update(*, person_id: int, user, data: dict) -> Person:
    """Resolve a subject's details later (NIP, agency, position), e.g. from SIASN. Only a record that
    lives wholly inside cases the user may change can be changed (`Person` "change" scope); the change
    reaches every case's subject, since all of them are the user's."""
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ApplicationError(_("Kolom tidak dapat diubah: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if (refusal := action_refusal(user, Person, "edit")) is not None:
        raise refusal
    with transaction.atomic():
        person = restrict(Person.objects.all(), user, "edit").select_for_update().filter(pk=person_id).first()
        if person is None:
            raise NotFoundError(_("Data terlapor tidak ditemukan."))
        before = {k: getattr(person, k) for k in data}
        if "nip" in data:
            nip = clean_nip(data["nip"] or "")
            if nip and Person.objects.filter(nip=nip).exclude(pk=person.pk).exists():
                raise ConflictError(
                    _("NIP ini sudah tercatat untuk terlapor lain; gabungkan kedua data terlapor."),
                    code="nip_taken",
                )
            person.nip = nip
        merged = {k: v for k, v in data.items() if k != "nip"}
        if "agency_id" in merged:
            merged["agency"] = merged.pop("agency_id")
        details = details_with_changes(person, merged)
        details.apply_to(person)
        person.name_key = normalize_key(person.name)
        person.agency_key = normalize_key(person.agency_name)
        person.save()
        for subject in CaseSubject.objects.filter(person=person).select_related("case"):
            details_with_changes(subject, merged).apply_to(subject)
            subject.save()
            event_add(
                subject.case,
                EventKind.SUBJECT,
                _("Data terlapor %(p)s diperbarui.") % {"p": subject},
                actor=user,
            )
        audit_record(
            actor=user,
            action="person.update",
            instance=person,
            before=before,
            after={k: getattr(person, k) for k in data},
        )
    return person


def details_with_changes(target: Person | CaseSubject, changes: dict) -> SubjectDetails:
    """`target`'s details with `changes` (field → value; `agency` an id) applied and checked."""
    values = {f: getattr(target, f) for f in SUBJECT_DETAIL_FIELDS}
    for key, value in changes.items():
        if key == "agency":
            values["agency"] = _instansi(value)
        elif key == "position_category" and value == "":
            values[key] = PositionCategory.OTHER
        elif value is None:
            raise ApplicationError(
                _("%(f)s tidak boleh dikosongkan.") % {"f": SUBJECT_FIELD_LABELS.get(key, key)},
                extra={"field": key},
            )
        else:
            values[key] = value
    if "name" in changes and not str(values["name"]).strip():
        raise ApplicationError(_("Nama terlapor wajib diisi."), extra={"field": "name"})
    return SubjectDetails(**values).clean()
