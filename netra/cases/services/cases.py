"""Writes on cases. Every function here is the only way its change happens, runs in one transaction,
bumps `Case.version` (optimistic concurrency), writes a timeline event and an audit row."""

import datetime as dt
import re
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from netra.agencies.models import Agency, AgencyFamily, AgencyKind
from netra.agencies.selectors import agency_for_region, employer_for_unit
from netra.audit.services import audit_record
from netra.cases import workflow
from netra.cases.models import (
    TERMINAL_STATES,
    Case,
    CaseEvent,
    CaseOrigin,
    CaseReport,
    CaseState,
    CaseSubject,
    DecisionOutcome,
    EventKind,
    Participant,
    ParticipantRole,
    Person,
    PositionCategory,
    Recommendation,
    SanctionDeviation,
    SanctionRecord,
    StopReason,
    SubjectLevel,
)
from netra.cases.selectors.cases import person_latest_subject
from netra.cases.services.deadlines import (
    deadline_extend,
    deadline_open,
    deadline_record_closed,
    deadlines_cancel,
    deadlines_meet,
)
from netra.cases.signals import case_assigned, case_opened, case_transitioned, sanction_below_recommendation
from netra.clocks.models import DeadlineKind
from netra.core.clock import recorded_at
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from netra.core.scoping import restrict, scope_for
from netra.core.services import in_record_language
from netra.elections.selectors import contest_for_target
from netra.intake.models import Report, ReportKind, ReportStatus
from netra.rules.models import Destination, SubjectType, ViolationClass
from netra.rules.selectors.catalogue import conduct_get
from netra.rules.selectors.classification import classify_conduct

HANDLING_KINDS = (AgencyKind.BAWASLU_KABKOTA, AgencyKind.BAWASLU_PROVINSI, AgencyKind.BAWASLU_RI)

# Which agency kinds may receive a forwarded case, per destination (UU 7/2017 Pasal 455; §4 routing).
RECIPIENT_KINDS: dict[str, tuple[str, ...]] = {
    Destination.OVERSIGHT_BODY: (AgencyKind.BKN, AgencyKind.BKN_KANREG, AgencyKind.KASN),
    Destination.POM_TNI: (AgencyKind.TNI,),
    Destination.POLRI_INTERNAL: (AgencyKind.POLRI,),
    Destination.GAKKUMDU: (AgencyKind.GAKKUMDU, AgencyKind.POLRI),
    Destination.KPU: (AgencyKind.KPU,),
    Destination.DKPP: (AgencyKind.DKPP,),
    Destination.REGIONAL_HEAD: (AgencyKind.PEMDA, AgencyKind.INSTANSI),
    # The kepala desa sanctions perangkat desa (UU 6/2014 Pasal 52–53) outside Netra; the case goes to the
    # regional government (camat/DPMD), which the kepala desa consults, to follow it up.
    Destination.VILLAGE_HEAD: (AgencyKind.PEMDA, AgencyKind.INSTANSI),
    Destination.BAWASLU_KABKOTA: (AgencyKind.BAWASLU_KABKOTA,),
}

_SPACE = re.compile(r"\s+")
_TITLES = re.compile(r"\b(drs?|dr|ir|h|hj|s\.?\s?\w{1,4}|m\.?\s?\w{1,4})\.", re.IGNORECASE)


def normalize_key(text: str) -> str:
    """Lower-case, no academic titles or punctuation: "Drs. H. Ahmad Yani, M.Si." → "ahmad yani"."""
    text = _TITLES.sub(" ", text or "")
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return _SPACE.sub(" ", text).strip()[:200]


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _event(case: Case, kind: str, text: str, *, actor=None, agency=None, data=None, **kw) -> CaseEvent:
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


def _bump(case: Case, *fields: str) -> None:
    case.version += 1
    case.save(update_fields=["version", "updated_at", *fields])


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _office_code(agency: Agency) -> str:
    return agency.region_id or "RI"


# --- subjects ------------------------------------------------------------------------------------------


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
    nip = re.sub(r"\D", "", nip or "")
    if nip and len(nip) != 18:
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
    _event(
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
    _event(
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


def classify_refusal(*, case: Case, user) -> ApplicationError | None:
    """Why `user` may not classify a terlapor of `case` now, or None (the page's form and the service
    share it): Bawaslu during its stages, the oversight body during examination; never the PPK, which
    acts on the recommendation and does not re-judge the violation."""
    if not user.has_perm("cases.change_case"):
        return PermissionDeniedError(_("Anda tidak berwenang mengubah klasifikasi."))
    if not scope_for(user).acts_as(AgencyFamily.BAWASLU, AgencyFamily.OVERSIGHT):
        return PermissionDeniedError(
            _("Klasifikasi ditetapkan oleh pengawas pemilu atau pengawas ASN."), code="not_your_stage"
        )
    try:
        _require_stage_owner(case, user)
    except ApplicationError as refusal:
        return refusal
    return None


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
    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang mengubah klasifikasi."))
    with transaction.atomic(), recorded_at(now):
        case = case_lock_for(case_id=case_id, user=user)
        _check_version(case, expected_version)
        if (refusal := classify_refusal(case=case, user=user)) is not None:
            raise refusal
        subject = case.subjects.select_related("person").filter(pk=subject_id).first()
        if subject is None:
            raise NotFoundError(_("Terlapor tidak ditemukan dalam kasus ini."))
        _classify(subject, conduct_code, user)
        _bump(case)
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
    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang menambah terlapor."))
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        _check_version(case, expected_version)
        _require_stage_owner(case, user)
        typed = _typed_details(data)
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
        fields = ("title",) if _retitle(case) else ()
        _bump(case, *fields)
        audit_record(actor=user, action="case.subject_add", instance=case, after={"person_id": person.pk})
    return subject


def _instansi(agency_id) -> Agency | None:
    """The employing agency (PPK) an officer picked, None when none was picked; a pick that is not an
    instansi is a field error."""
    if not agency_id:
        return None
    agency = Agency.objects.filter(pk=agency_id, kind=AgencyKind.INSTANSI).first()
    if agency is None:
        raise ApplicationError(_("Instansi tidak dikenal."), extra={"field": "agency_id"})
    return agency


def _typed_details(data: dict) -> SubjectDetails:
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
    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang mengubah data terlapor."))
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        _check_version(case, expected_version)
        _require_stage_owner(case, user)
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
        details = _person_details(subject, changes)
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
        _event(case, EventKind.SUBJECT, _("Data terlapor %(p)s diperbarui.") % {"p": subject}, actor=user)
        _bump(case)
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
    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang mengubah data terlapor."))
    with transaction.atomic():
        person = (
            restrict(Person.objects.all(), user, "change").select_for_update().filter(pk=person_id).first()
        )
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
        details = _person_details(person, merged)
        details.apply_to(person)
        person.name_key = normalize_key(person.name)
        person.agency_key = normalize_key(person.agency_name)
        person.save()
        for subject in CaseSubject.objects.filter(person=person).select_related("case"):
            _person_details(subject, merged).apply_to(subject)
            subject.save()
            _event(
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


def _person_details(target: Person | CaseSubject, changes: dict) -> SubjectDetails:
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


def _require_stage_owner(case: Case, user) -> None:
    """Only the agency family that owns the current stage edits the case's substance."""
    scope = scope_for(user)
    owner = workflow.STAGE_OWNER.get(case.state, "")
    if scope.is_superuser:
        return
    if not case.is_open:
        raise ConflictError(_("Kasus sudah selesai; buka kembali untuk mengubahnya."), code="case_closed")
    if owner and scope.agency_family != owner:
        raise PermissionDeniedError(_("Tahap ini bukan kewenangan instansi Anda."), code="not_your_stage")


# --- opening -------------------------------------------------------------------------------------------


def _handling_office(report: Report) -> Agency:
    office = None
    if report.incident_region_id:
        office = agency_for_region(region_code=report.incident_region_id, kinds=HANDLING_KINDS)
    if office is None and report.office is not None and report.office.kind in HANDLING_KINDS:
        office = report.office
    if office is None:
        office = agency_for_region(region_code="", kinds=(AgencyKind.BAWASLU_RI,))
    if office is None:
        raise ApplicationError(
            _("Belum ada kantor Bawaslu yang dapat menangani kasus ini."), code="no_office"
        )
    return office


def _add_report_subjects(case: Case, report: Report, actor) -> None:
    for rp in report.reported_persons.all():
        details = SubjectDetails(
            name=rp.name,
            agency=employer_for_unit(name=rp.agency_name),
            agency_name=rp.agency_name,
            position=rp.position,
            employment_type=rp.employment_type if rp.employment_type in SubjectType.values else "",
        )
        nip = rp.nip if len(re.sub(r"\D", "", rp.nip)) == 18 else ""
        person = person_get_or_create(nip=nip, details=details)
        case_subject_add(case=case, person=person, actor=actor, details=details)


@in_record_language
def case_open_for_report(*, report: Report, actor=None, now: dt.datetime | None = None) -> Case | None:
    """Open a case for a laporan as it arrives, so its clocks run from receipt (nothing waits unseen).
    Informasi awal does not open a case: by law it can only feed a temuan (`finding_record`). Returns
    None when the report already belongs to a case or is a tip."""
    now = _now(now)
    if report.kind == ReportKind.TIP:
        return None
    with transaction.atomic(), recorded_at(now):
        report = Report.objects.select_for_update().get(pk=report.pk)
        if CaseReport.objects.filter(report=report).exists():
            return None
        office = _handling_office(report)
        origin = CaseOrigin.FINDING if report.kind == ReportKind.FINDING else CaseOrigin.REPORT
        case = Case.objects.create(
            origin=origin,
            state=CaseState.RECEIVED,
            title=_title_for(report),
            summary=report.description[:4000],
            election=report.election,
            office=office,
            incident_region=report.incident_region,
            incident_date=report.incident_date,
            known_date=report.known_date,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        case.reference = f"KSS-{report.received_at.year}-{case.pk:06d}"
        Case.objects.filter(pk=case.pk).update(reference=case.reference)
        CaseReport.objects.create(case=case, report=report, added_by=case.created_by)
        Participant.objects.create(case=case, agency=office, role=ParticipantRole.HANDLING)
        _event(
            case,
            EventKind.OPENED,
            _("Kasus dibuka dari %(report)s, ditangani %(office)s.") % {"report": report, "office": office},
            actor=actor,
            data={"report_id": report.pk},
        )
        _add_report_subjects(case, report, actor)
        if origin == CaseOrigin.REPORT:
            if report.filing_deadline is not None and report.known_date is not None:
                known = dt.datetime.combine(
                    report.known_date, dt.time(0, 0), tzinfo=report.filing_deadline.tzinfo
                )
                deadline_record_closed(
                    case=case,
                    kind=DeadlineKind.FILING_WINDOW,
                    start=known,
                    end=report.received_at,
                    agency=office,
                )
            # Kajian awal runs from receipt (Perbawaslu 7/2022 Pasal 16).
            case.state = CaseState.INITIAL_REVIEW
            case.save(update_fields=["state"])
            deadline_open(
                case=case, kind=DeadlineKind.INITIAL_REVIEW, start=report.counted_receipt, agency=office
            )
        else:
            found = report.known_date or report.received_at.date()
            start = dt.datetime.combine(found, dt.time(0, 0), tzinfo=report.received_at.tzinfo)
            deadline_open(case=case, kind=DeadlineKind.FINDING_WINDOW, start=start, agency=office)
        Report.objects.filter(pk=report.pk, status=ReportStatus.RECEIVED).update(
            status=ReportStatus.IN_REVIEW
        )
        audit_record(
            actor=actor,
            action="case.open",
            instance=case,
            after={"report_id": report.pk, "office_id": office.pk, "origin": origin, "state": case.state},
        )
        case_opened.send(sender=Case, case=case, report=report, actor=actor)
    return case


def cases_open_pending(*, limit: int = 500) -> int:
    """Open cases for laporan/temuan that have none yet (the opening task was lost or failed)."""
    pending = Report.objects.filter(
        kind__in=(ReportKind.LAPORAN, ReportKind.FINDING), case_link__isnull=True, purged_at__isnull=True
    ).order_by("received_at")[:limit]
    opened = 0
    for report in pending:
        if case_open_for_report(report=report) is not None:
            opened += 1
    return opened


def _retitle(case: Case) -> bool:
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


def _title_for(report: Report) -> str:
    names = ", ".join(p.name for p in report.reported_persons.all()[:3])
    place = report.incident_region.name if report.incident_region_id else ""
    base = names or _("Terlapor belum diketahui")
    return f"{base} — {place}"[:300] if place else base[:300]


def finding_refusal(*, user) -> PermissionDeniedError | None:
    """Why `user` may not record a temuan at all, or None: supervisors (Bawaslu family) with the
    permission to add cases. The interface offers "Catat temuan" exactly when this is None."""
    if not scope_for(user).acts_as(AgencyFamily.BAWASLU):
        return PermissionDeniedError(_("Temuan hanya dicatat oleh pengawas pemilu."))
    if not user.has_perm("cases.add_case"):
        return PermissionDeniedError(_("Anda tidak berwenang mencatat temuan."))
    return None


@in_record_language
def finding_record(
    *,
    officer,
    description: str,
    incident_region_code: str,
    incident_place: str = "",
    incident_date: dt.date | None = None,
    found_date: dt.date | None = None,
    persons: list[dict] | None = None,
    source_report_ids: list[int] | None = None,
    links: list[str] | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """A supervisor's own finding (temuan, Formulir Model B.2), e.g. from social-media patrol or from
    an anonymous tip; the temuan must be set within 7 days of discovery (UU 7/2017 Pasal 454 ayat 5).
    Tips given as sources join the case so their reporters can be told the outcome."""
    from netra.evidence.services import evidence_link_prepare, evidence_links_attach
    from netra.intake.models import ReportChannel, ReportedPerson
    from netra.intake.selectors import election_for_incident
    from netra.regions.models import Region

    now = _now(now)
    scope = scope_for(officer)
    if (refusal := finding_refusal(user=officer)) is not None:
        raise refusal
    if not description.strip():
        raise ApplicationError(_("Uraian temuan wajib diisi."), extra={"field": "description"})
    region = Region.objects.filter(code=incident_region_code).first()
    if region is None:
        raise ApplicationError(_("Wilayah kejadian tidak dikenal."), extra={"field": "incident_region_code"})
    if (
        scope.region_q("code") is None
        or not Region.objects.filter(scope.region_q("code"), code=region.code).exists()
    ):
        raise PermissionDeniedError(_("Wilayah kejadian di luar wilayah kerja Anda."))
    found_date = found_date or timezone.localdate(now)
    prepared = [evidence_link_prepare(url=u) for u in (links or []) if u.strip()]
    sources = list(restrict(Report.objects.filter(pk__in=source_report_ids or []), officer, "view"))
    if len(sources) != len(set(source_report_ids or [])):
        raise NotFoundError(_("Laporan sumber tidak ditemukan."))
    with transaction.atomic():
        report = Report.objects.create(
            kind=ReportKind.FINDING,
            channel=ReportChannel.OFFICER,
            received_at=now,
            election=election_for_incident(region_code=region.code, on=incident_date or found_date),
            office=officer.agency,
            incident_region=region,
            incident_place=incident_place.strip()[:300],
            incident_date=incident_date,
            known_date=found_date,
            description=description.strip(),
            statement_of_truth=True,
            requirements_met=True,
            found_by=officer,
        )
        report.reference = f"TEM-{now.year}-{report.pk:06d}"
        Report.objects.filter(pk=report.pk).update(reference=report.reference)
        ReportedPerson.objects.bulk_create(
            [
                ReportedPerson(
                    report=report,
                    name=p.get("name", "").strip()[:200],
                    nip=p.get("nip", "").strip()[:18],
                    agency_name=p.get("agency_name", "").strip()[:200],
                    position=p.get("position", "").strip()[:200],
                    employment_type=p.get("employment_type", ""),
                )
                for p in (persons or [])
                if p.get("name", "").strip()
            ]
        )
        evidence_links_attach(report=report, links=prepared, audited=False)
        audit_record(actor=officer, action="finding.record", instance=report, after={"region": region.code})
        case = case_open_for_report(report=report, actor=officer, now=now)
        for source in sources:
            _attach_report(case=case, report=source, actor=officer)
    return case


def _attach_report(*, case: Case, report: Report, actor, merged_from: Case | None = None) -> None:
    link = CaseReport.objects.filter(report=report).first()
    if link is not None:
        if link.case_id == case.pk:
            return
        raise ConflictError(_("Laporan %(report)s sudah menjadi bagian kasus lain.") % {"report": report})
    CaseReport.objects.create(case=case, report=report, added_by=actor, merged_from=merged_from)
    _event(
        case,
        EventKind.REPORT_ADDED,
        _("%(report)s ditambahkan ke kasus.") % {"report": report},
        actor=actor,
        data={"report_id": report.pk},
    )


# --- transitions ---------------------------------------------------------------------------------------


def _check_version(case: Case, expected_version: int | None) -> None:
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


def transitions_for_user(*, case: Case, user) -> list[workflow.Transition]:
    """The moves this user may make now (for buttons and the API's `allowed_transitions`)."""
    return [t for t in workflow.transitions_from(case) if _refusal(t, user) is None]


def _refusal(transition: workflow.Transition, user) -> PermissionDeniedError | None:
    """Why this user may not make this move at all (whatever the case's stage), or None."""
    if not scope_for(user).acts_as(*transition.families):
        return PermissionDeniedError(_("Tahap ini bukan kewenangan instansi Anda."), code="not_your_stage")
    if not user.has_perm(transition.permission):
        return PermissionDeniedError(_("Anda tidak berwenang melakukan langkah ini."), code="no_permission")
    return None


@in_record_language
def case_transition(
    *,
    case_id: int,
    user,
    name: str,
    payload: dict | None = None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
    system_reason: str = "",
) -> Case:
    """Move a case along the workflow table. `user=None` is the system (deadline escalation) and may
    only make moves the table gives to no person in particular (escalate); it must say why."""
    now = _now(now)
    payload = dict(payload or {})
    transition = workflow.transition_get(name)
    if transition is None:
        raise ApplicationError(
            _("Langkah tidak dikenal: %(name)s.") % {"name": name}, code="unknown_transition"
        )
    with transaction.atomic(), recorded_at(now):
        case = case_lock_for(case_id=case_id, user=user)
        _check_version(case, expected_version)
        if user is None:
            if name != "escalate" or not system_reason:
                raise PermissionDeniedError(_("Langkah ini harus dilakukan oleh petugas."))
            payload.setdefault("reason", system_reason)
        elif (refusal := _refusal(transition, user)) is not None:
            raise refusal
        if case.state not in transition.sources:
            raise ConflictError(
                _("Langkah “%(move)s” tidak dapat dilakukan pada tahap “%(state)s”.")
                % {"move": transition.label, "state": case.get_state_display()},
                code="invalid_transition",
            )
        if transition.guard is not None and not transition.guard(case) and name not in _GUARD_AFTER_PAYLOAD:
            raise ConflictError(str(transition.guard_message), code="invalid_transition")
        for key in transition.requires:
            value = payload.get(key)
            if value in (None, "", [], {}):
                raise ApplicationError(
                    _("%(field)s wajib diisi untuk langkah ini.") % {"field": workflow.field_label(key)},
                    extra={"field": key},
                )
        before_state = case.state
        handler = _HANDLERS.get(name)
        side = handler(case=case, user=user, payload=payload, now=now) if handler else {}
        if transition.guard is not None and name in _GUARD_AFTER_PAYLOAD and not transition.guard(case):
            raise ConflictError(str(transition.guard_message), code="invalid_transition")
        target = transition.target or case.state_before_end or CaseState.STUDY
        if target in TERMINAL_STATES and before_state not in TERMINAL_STATES:
            case.state_before_end = before_state
        case.state = target
        if target in TERMINAL_STATES:
            case.closed_at = now
            deadlines_meet(case=case, kinds=transition.closes, now=now)
            deadlines_cancel(case=case, now=now)
        else:
            case.closed_at = None
            deadlines_meet(case=case, kinds=transition.closes, now=now)
        if "stop_reason" in transition.extra:
            case.stop_reason = transition.extra["stop_reason"]
        elif name == "stop":
            case.stop_reason = (
                StopReason.NOT_VIOLATION
                if case.decision_outcome == DecisionOutcome.NOT_VIOLATION
                else StopReason.NOT_PROVEN
            )
        _bump(case, "state", "state_before_end", "closed_at", "stop_reason", *side.get("fields", ()))
        reason = str(payload.get("reason", "")).strip()
        text = _("%(move)s: %(from)s → %(to)s.") % {
            "move": transition.label,
            "from": CaseState(before_state).label,
            "to": case.get_state_display(),
        }
        if side.get("text"):
            text = f"{text} {side['text']}"
        if reason:
            text = f"{text} {_('Alasan')}: {reason}"
        event = _event(
            case,
            EventKind.TRANSITION,
            text,
            actor=user,
            data={"transition": name, "reason": reason, **side.get("data", {})},
            from_state=before_state,
            to_state=case.state,
            agency=side.get("agency"),
        )
        for kind in transition.opens:
            _open_clock(case=case, kind=kind, now=now, user=user, side=side)
        for kind in side.get("opens", ()):
            _open_clock(case=case, kind=kind, now=now, user=user, side=side)
        audit_record(
            actor=user,
            action=f"case.{name}",
            instance=case,
            before={"state": before_state},
            after={"state": case.state, "version": case.version, **side.get("data", {})},
        )
        case_transitioned.send(
            sender=Case, case=case, transition=transition, actor=user, payload=payload, event=event, now=now
        )
        for record in side.get("lighter", ()):
            sanction_below_recommendation.send(sender=Case, case=case, sanction=record, actor=user)
    return case


def _open_clock(*, case: Case, kind: str, now: dt.datetime, user, side: dict) -> None:
    if kind == DeadlineKind.PPK_FOLLOW_UP:
        for agency in side.get("employers", ()):
            deadline_open(case=case, kind=kind, start=now, agency=agency, actor=user)
        return
    agency = case.recipient if kind == DeadlineKind.SATGAS_VERIFICATION else case.office
    deadline_open(case=case, kind=kind, start=now, agency=agency, actor=user)


def _decide(*, case: Case, user, payload: dict, now: dt.datetime) -> dict:
    outcome = payload["outcome"]
    if outcome not in DecisionOutcome.values:
        raise ApplicationError(_("Putusan pleno tidak dikenal."), extra={"field": "outcome"})
    decided_on = payload["decided_on"]
    if isinstance(decided_on, str):
        try:
            decided_on = dt.date.fromisoformat(decided_on)
        except ValueError as exc:
            raise ApplicationError(_("Tanggal pleno tidak valid."), extra={"field": "decided_on"}) from exc
    if decided_on > timezone.localdate(now) + dt.timedelta(days=1):
        raise ApplicationError(_("Tanggal pleno tidak boleh di masa depan."), extra={"field": "decided_on"})
    violation_class = payload.get("violation_class") or case.violation_class
    if violation_class not in ViolationClass.values:
        raise ApplicationError(_("Jenis pelanggaran tidak dikenal."), extra={"field": "violation_class"})
    case.decision_outcome = outcome
    case.decided_on = decided_on
    case.decision_summary = str(payload.get("summary", "")).strip()
    case.violation_class = violation_class
    opens = (
        (DeadlineKind.CRIMINAL_FORWARD,)
        if outcome == DecisionOutcome.VIOLATION and violation_class == ViolationClass.CRIMINAL
        else ()
    )
    return {
        "fields": ("decision_outcome", "decided_on", "decision_summary", "violation_class"),
        "data": {
            "outcome": outcome,
            "decided_on": decided_on.isoformat(),
            "violation_class": violation_class,
        },
        "text": _("Putusan: %(outcome)s.") % {"outcome": DecisionOutcome(outcome).label},
        "opens": opens,
    }


def register_concerns(case: Case) -> list[str]:
    """Why registering needs a recorded justification: a laporan filed after its window, or one still
    missing formal or material requirements (UU 7/2017 Pasal 454 ayat (5)–(6); Perbawaslu 7/2022 Pasal
    15–16; UU 1/2015 Pasal 134 ayat (4)). Bawaslu may still register (e.g. as its own finding), but the
    record says why."""
    concerns = []
    for link in case.case_reports.select_related("report").order_by("added_at", "pk"):
        report = link.report
        if report.kind != ReportKind.LAPORAN:
            continue
        if report.is_timely is False:
            concerns.append(_("%(ref)s disampaikan melewati batas waktu") % {"ref": report.reference})
        if report.missing:
            concerns.append(
                _("%(ref)s belum memenuhi %(n)s syarat formal/materiel")
                % {"ref": report.reference, "n": len(report.missing)}
            )
    return concerns


def forward_concerns(case: Case) -> list[str]:
    """Why forwarding needs a recorded justification: nothing in the case file to send as evidence."""
    from netra.evidence.models import Evidence, EvidenceLink

    reports = case.case_reports.values("report_id")
    if (
        Evidence.objects.filter(report__in=reports).exists()
        or EvidenceLink.objects.filter(report__in=reports).exists()
    ):
        return []
    return [_("belum ada bukti (berkas atau tautan) dalam kasus ini")]


def _require_justification(concerns: list[str], payload: dict, what: str) -> dict:
    if not concerns:
        return {}
    if not str(payload.get("reason") or "").strip():
        raise ApplicationError(
            _("%(what)s: %(concerns)s. Tuliskan alasan/dasar melanjutkan pada kolom Alasan.")
            % {"what": what, "concerns": "; ".join(concerns)},
            extra={"field": "reason"},
        )
    return {"data": {"despite": concerns}}


def _register(*, case: Case, user, payload: dict, now: dt.datetime) -> dict:
    return _require_justification(register_concerns(case), payload, _("Perhatian sebelum registrasi"))


def _forward(*, case: Case, user, payload: dict, now: dt.datetime) -> dict:
    destination = payload["destination"]
    if destination not in RECIPIENT_KINDS:
        raise ApplicationError(_("Tujuan penerusan tidak dikenal."), extra={"field": "destination"})
    recipient = Agency.objects.filter(pk=payload["recipient_id"], is_active=True).first()
    if recipient is None or recipient.kind not in RECIPIENT_KINDS[destination]:
        raise ApplicationError(
            _("Instansi penerima tidak sesuai dengan tujuan penerusan."), extra={"field": "recipient_id"}
        )
    if destination == Destination.OVERSIGHT_BODY:
        _require_subjects_ready(case)
    despite = _require_justification(forward_concerns(case), payload, _("Perhatian sebelum penerusan"))
    case.destination = destination
    case.recipient = recipient
    case.forwarded_at = now
    case.forwarding_summary = str(payload["forwarding_summary"]).strip()
    Participant.objects.get_or_create(case=case, agency=recipient, role=ParticipantRole.RECIPIENT, user=None)
    opens = (DeadlineKind.SATGAS_VERIFICATION,) if destination == Destination.OVERSIGHT_BODY else ()
    return {
        "fields": ("destination", "recipient", "forwarded_at", "forwarding_summary"),
        "data": {"destination": destination, "recipient_id": recipient.pk, **despite.get("data", {})},
        "text": _("Diteruskan kepada %(recipient)s.") % {"recipient": recipient},
        "opens": opens,
    }


def subject_gaps(subject: CaseSubject) -> list[str]:
    """What an ASN case must know about a terlapor before it leaves Bawaslu: the PPK who will act on
    the recommendation and the classification (catalogue item, ethics or discipline) it rests on."""
    gaps = []
    if not subject.agency_id:
        gaps.append(_("instansi (PPK) belum dipilih"))
    if not subject.violation_id:
        gaps.append(_("perbuatan belum diklasifikasikan"))
    return gaps


def _require_subjects_ready(case: Case) -> None:
    subjects = list(case.subjects.select_related("person"))
    if not subjects:
        raise ConflictError(
            _("Tambahkan terlapor sebelum kasus diteruskan kepada pengawas ASN."), code="subjects_incomplete"
        )
    problems = [f"{s}: {', '.join(gaps)}" for s in subjects if (gaps := subject_gaps(s))]
    if problems:
        raise ConflictError(
            _("Lengkapi data terlapor sebelum diteruskan — %(problems)s.")
            % {"problems": "; ".join(problems)},
            code="subjects_incomplete",
        )


def _recommend(*, case: Case, user, payload: dict, now: dt.datetime) -> dict:
    from netra.rules.models import Sanction

    items = payload["recommendations"]
    if not isinstance(items, list):
        raise ApplicationError(_("Rekomendasi harus berupa daftar."), extra={"field": "recommendations"})
    subjects = {s.pk: s for s in case.subjects.select_related("person", "person__agency")}
    employers: dict[int, Agency] = {}
    made = []
    for i, item in enumerate(items):
        subject = subjects.get(int(item.get("subject_id") or 0))
        if subject is None:
            raise ApplicationError(
                _("Terlapor pada rekomendasi ke-%(n)s bukan bagian kasus ini.") % {"n": i + 1},
                extra={"field": f"recommendations[{i}].subject_id"},
            )
        ppk = subject.agency
        if item.get("addressed_to_id"):
            ppk = Agency.objects.filter(
                pk=item["addressed_to_id"], kind=AgencyKind.INSTANSI, is_active=True
            ).first()
        if ppk is None:
            raise ApplicationError(
                _("Instansi (PPK) %(person)s belum diketahui: lengkapi data terlapor dahulu.")
                % {"person": subject},
                extra={"field": f"recommendations[{i}].addressed_to_id"},
            )
        sanction = None
        if item.get("sanction_code"):
            sanction = Sanction.objects.filter(code=item["sanction_code"]).first()
            if sanction is None:
                raise ApplicationError(
                    _("Sanksi tidak dikenal."), extra={"field": f"recommendations[{i}].sanction_code"}
                )
        basis = str(item.get("legal_basis") or (sanction.legal_basis if sanction else "")).strip()
        if not basis:
            raise ApplicationError(
                _("Dasar hukum rekomendasi wajib diisi."),
                extra={"field": f"recommendations[{i}].legal_basis"},
            )
        made.append(
            Recommendation.objects.create(
                subject=subject,
                issued_by=user.agency if user is not None and user.agency else case.recipient,
                addressed_to=ppk,
                sanction=sanction,
                level=item.get("level") or (sanction.level if sanction else ""),
                legal_basis=basis,
                body=str(item.get("body", "")).strip(),
                issued_at=now,
            )
        )
        subject.is_proven = True
        subject.save(update_fields=["is_proven"])
        employers[ppk.pk] = ppk
        Participant.objects.get_or_create(case=case, agency=ppk, role=ParticipantRole.EMPLOYER, user=None)
    return {
        "data": {"recommendation_ids": [r.pk for r in made]},
        "text": _("Rekomendasi kepada %(ppk)s.") % {"ppk": ", ".join(str(a) for a in employers.values())},
        "employers": tuple(employers.values()),
    }


def _record_sanction(*, case: Case, user, payload: dict, now: dt.datetime) -> dict:
    from netra.cases.services.documents import sanction_decree_id
    from netra.rules.models import Sanction

    scope = scope_for(user)
    items = payload["sanctions"]
    if not isinstance(items, list):
        raise ApplicationError(_("Sanksi harus berupa daftar."), extra={"field": "sanctions"})
    recs = {
        r.subject_id: r
        for r in Recommendation.objects.filter(subject__case=case).order_by("issued_at")
        if scope.is_superuser or r.addressed_to_id in scope.agency_ids
    }
    made = []
    for i, item in enumerate(items):
        subject_id = int(item.get("subject_id") or 0)
        rec = recs.get(subject_id)
        if rec is None:
            raise ApplicationError(
                _("Tidak ada rekomendasi kepada instansi Anda untuk terlapor ini."),
                extra={"field": f"sanctions[{i}].subject_id"},
            )
        number = str(item.get("decision_number", "")).strip()
        punishment = str(item.get("punishment", "")).strip()
        try:
            decided = dt.date.fromisoformat(str(item.get("decision_date", "")))
        except ValueError as exc:
            raise ApplicationError(
                _("Tanggal keputusan tidak valid."), extra={"field": f"sanctions[{i}].decision_date"}
            ) from exc
        if not number or not punishment:
            raise ApplicationError(
                _("Nomor keputusan dan hukuman yang dijatuhkan wajib diisi."),
                extra={"field": f"sanctions[{i}]"},
            )
        sanction = Sanction.objects.filter(code=item.get("sanction_code") or "").first()
        if sanction is None:
            raise ApplicationError(
                _("Pilih jenis sanksi yang dijatuhkan (dari katalog PP 94/2021 atau PP 42/2004)."),
                extra={"field": f"sanctions[{i}].sanction_code"},
            )
        deviation = sanction_deviation(recommended=rec, imposed=sanction)
        reason = str(item.get("deviation_reason") or "").strip()
        if deviation == SanctionDeviation.LIGHTER and not reason:
            raise ApplicationError(
                _(
                    "Sanksi %(imposed)s lebih ringan dari rekomendasi (%(recommended)s): tuliskan alasan PPK "
                    "menyimpang dari rekomendasi."
                )
                % {"imposed": sanction.get_level_display(), "recommended": rec.level_label},
                extra={"field": f"sanctions[{i}].deviation_reason"},
            )
        made.append(
            SanctionRecord.objects.create(
                subject_id=subject_id,
                recommendation=rec,
                imposed_by=rec.addressed_to,
                decision_number=number[:120],
                decision_date=decided,
                sanction=sanction,
                punishment=punishment,
                matches_recommendation=rec.sanction_id in (None, sanction.pk) and not deviation,
                deviation=deviation,
                deviation_reason=reason if deviation else "",
                document_id=sanction_decree_id(
                    case=case, document_id=item.get("document_id"), user=user, index=i
                ),
                recorded_by=user,
            )
        )
    lighter = [s for s in made if s.deviation == SanctionDeviation.LIGHTER]
    text = "; ".join(f"{s.decision_number}: {s.punishment}" for s in made)
    for record in lighter:
        text += " " + _("Lebih ringan dari rekomendasi; alasan PPK: %(reason)s") % {
            "reason": record.deviation_reason
        }
    return {
        "data": {"sanction_ids": [s.pk for s in made], "lighter_sanction_ids": [s.pk for s in lighter]},
        "text": text,
        "lighter": lighter,
    }


def sanction_deviation(*, recommended: Recommendation, imposed) -> str:
    """Lighter or heavier than the recommended level (LEVEL_SEVERITY: moral < ringan < sedang < berat
    < PTDH); the same level, or a recommendation without a level, is no deviation."""
    from netra.rules.models import LEVEL_SEVERITY

    wanted = recommended.sanction.level if recommended.sanction_id else recommended.level
    if wanted not in LEVEL_SEVERITY or imposed.level not in LEVEL_SEVERITY:
        return SanctionDeviation.SAME
    if LEVEL_SEVERITY[imposed.level] < LEVEL_SEVERITY[wanted]:
        return SanctionDeviation.LIGHTER
    if LEVEL_SEVERITY[imposed.level] > LEVEL_SEVERITY[wanted]:
        return SanctionDeviation.HEAVIER
    return SanctionDeviation.SAME


_HANDLERS = {
    "register": _register,
    "decide": _decide,
    "forward": _forward,
    "recommend": _recommend,
    "record_sanction": _record_sanction,
}
# Guards that depend on what the payload sets (none today; kept explicit).
_GUARD_AFTER_PAYLOAD: frozenset[str] = frozenset()


# --- edits, notes, assignment -----------------------------------------------------------------------

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
        case = case_lock_for(case_id=case_id, user=user, action="change")
        _check_version(case, expected_version)
        _require_stage_owner(case, user)
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
        _bump(case, *changed)
        _event(
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

    if not case.election_id:
        if data.get("target_contestant_id") or data.get("target_party_id"):
            raise ApplicationError(
                _("Pemilihan kasus ini belum diketahui."), extra={"field": "target_contestant_id"}
            )
        return
    pairs = contestant_list_for_incident(election=case.election, region_code=case.incident_region_id)
    contestant_id = data.get("target_contestant_id")
    if contestant_id and contestant_id not in {c.pk for c in pairs if not c.is_empty_box}:
        raise ApplicationError(
            _("Pasangan calon tidak terdaftar dalam pemilihan kasus ini di wilayah kejadian."),
            extra={"field": "target_contestant_id"},
        )
    party_id = data.get("target_party_id")
    parties = party_list_for_incident(election=case.election, region_code=case.incident_region_id)
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
    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang menulis catatan."))
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        scope = scope_for(user)
        event = _event(
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

    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang menugaskan petugas."))
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
        _bump(case)
        _event(
            case,
            EventKind.ASSIGNMENT,
            _("%(who)s ditugaskan menangani kasus.") % {"who": assignee},
            actor=user,
            data={"assignee_id": assignee.pk},
        )
        audit_record(actor=user, action="case.assign", instance=case, after={"assignee_id": assignee.pk})
        case_assigned.send(sender=Case, case=case, participant=participant, actor=user)
    return participant


@in_record_language
def deadline_extend_refusal(*, case: Case, user) -> ApplicationError | None:
    """Why `user` may not extend the follow-up clock of `case` now, or None (the page's form and the
    service share this rule): the stage owner's officers, while a follow-up clock runs."""
    from netra.cases.services.deadlines import OPEN_STATES

    if not user.has_perm("cases.change_case"):
        return PermissionDeniedError(_("Anda tidak berwenang memperpanjang tenggat."))
    try:
        _require_stage_owner(case, user)
    except ApplicationError as refusal:
        return refusal
    running = case.deadlines.filter(kind=DeadlineKind.FOLLOW_UP, state__in=OPEN_STATES)
    if not running.exists():
        return ConflictError(
            _("Tidak ada tenggat tindak lanjut yang berjalan untuk diperpanjang."), code="no_running_clock"
        )
    return None


def case_deadline_extend(*, case_id: int, user, reason: str, now: dt.datetime | None = None) -> Case:
    """The follow-up clock becomes the extended one (additional information needed)."""
    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang memperpanjang tenggat."))
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        if (refusal := deadline_extend_refusal(case=case, user=user)) is not None:
            raise refusal
        deadline = deadline_extend(case=case, actor=user, reason=reason, now=_now(now))
        _bump(case)
        audit_record(
            actor=user,
            action="case.deadline_extend",
            instance=case,
            after={"deadline_id": deadline.pk if deadline else None, "reason": reason.strip()},
        )
    return case
