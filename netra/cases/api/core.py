"""Cases, transitions, subjects, deadlines, notes and temuan.

Optimistic concurrency: `GET /cases/{id}` returns an `ETag`; `PATCH` requires `If-Match` (428 without,
412 when stale); transitions and other writes honour `If-Match` when given. Out-of-scope cases are 404.
"""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from netra.cases import selectors
from netra.cases.models import Case, CaseSubject, Deadline, Person
from netra.cases.selectors.cases import case_timeline, person_history, person_latest_subject
from netra.cases.services.edits import case_assign, case_deadline_extend, case_note_add, case_update
from netra.cases.services.opening import finding_record
from netra.cases.services.persons import person_update
from netra.cases.services.subjects import subject_add, subject_classify, subject_update
from netra.cases.services.transitions import case_transition, transitions_for_user
from netra.core.api import offset_query
from netra.core.exceptions import ConflictError, NotFoundError

router = Router(tags=["cases"])


# --- schemas ----------------------------------------------------------------------------------------


class CaseDeadlineOut(Schema):
    id: int
    kind: str
    kind_label: str
    agency_id: int
    agency: str
    starts_at: dt.datetime
    due_at: dt.datetime
    state: str
    basis: str
    explanation: str  # how due_at was counted, incl. the day-1 convention and any roll (netra.clocks)
    met_at: dt.datetime | None
    breached_at: dt.datetime | None
    escalated_to_id: int | None

    @staticmethod
    def resolve_kind_label(obj: Deadline) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_agency(obj: Deadline) -> str:
        return str(obj.agency)


class PersonOut(Schema):
    id: int
    name: str
    nip: str
    agency_id: int | None
    agency_name: str
    position: str
    position_category: str
    employment_type: str


def recorded_person_out(subject: CaseSubject) -> dict:
    """`PersonOut` from what one case recorded about its subject (never another office's entries)."""
    return {
        "id": subject.person_id,
        "nip": subject.nip,
        **{f: getattr(subject, f) for f in ("name", "agency_id", "agency_name", "position")},
        "position_category": subject.position_category,
        "employment_type": subject.employment_type,
    }


class RecommendationOut(Schema):
    id: int
    addressed_to_id: int
    sanction_code: str | None
    level: str
    legal_basis: str
    issued_at: dt.datetime

    @staticmethod
    def resolve_sanction_code(obj) -> str | None:
        return obj.sanction.code if obj.sanction_id else None


class SanctionRecordOut(Schema):
    id: int
    decision_number: str
    decision_date: dt.date
    punishment: str
    imposed_by_id: int
    matches_recommendation: bool


class SubjectOut(Schema):
    id: int
    person: PersonOut = Field(
        description="The person as recorded in this case (NIP ties it to their other cases)."
    )
    conduct: str | None
    violation: str | None
    level: str
    classification_note: str
    is_proven: bool | None
    recommendations: list[RecommendationOut]
    sanctions: list[SanctionRecordOut]

    @staticmethod
    def resolve_person(obj: CaseSubject) -> dict:
        return recorded_person_out(obj)

    @staticmethod
    def resolve_conduct(obj: CaseSubject) -> str | None:
        return obj.conduct.code if obj.conduct else None

    @staticmethod
    def resolve_violation(obj: CaseSubject) -> str | None:
        return obj.violation.code if obj.violation else None

    @staticmethod
    def resolve_recommendations(obj: CaseSubject):
        return list(obj.recommendations.all())

    @staticmethod
    def resolve_sanctions(obj: CaseSubject):
        return list(obj.sanctions.all())


class CaseSummaryOut(Schema):
    id: int
    reference: str | None
    title: str
    origin: str
    state: str
    state_label: str
    office_id: int
    recipient_id: int | None
    election: str | None
    incident_region_code: str | None
    incident_date: dt.date | None
    version: int
    created_at: dt.datetime

    @staticmethod
    def resolve_state_label(obj: Case) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_election(obj: Case) -> str | None:
        return obj.election.code if obj.election else None

    @staticmethod
    def resolve_incident_region_code(obj: Case) -> str | None:
        return obj.incident_region_id


class TransitionOut(Schema):
    name: str
    label: str
    requires: list[str]


class CaseOut(CaseSummaryOut):
    summary: str
    target_contestant_id: int | None
    target_party_id: int | None
    target_blank_column: bool
    known_date: dt.date | None
    violation_class: str
    decision_outcome: str
    decided_on: dt.date | None
    destination: str
    forwarded_at: dt.datetime | None
    stop_reason: str
    closed_at: dt.datetime | None
    report_references: list[str]
    subjects: list[SubjectOut]
    deadlines: list[CaseDeadlineOut]
    allowed_transitions: list[TransitionOut]


class EventOut(Schema):
    id: int
    kind: str
    text: str
    actor: str | None
    agency: str | None
    from_state: str
    to_state: str
    created_at: dt.datetime

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return str(obj.actor) if obj.actor_id else None

    @staticmethod
    def resolve_agency(obj) -> str | None:
        return str(obj.agency) if obj.agency_id else None


class CasePatchIn(Schema):
    title: str | None = Field(None, max_length=300)
    summary: str | None = Field(None, max_length=20000)
    incident_date: dt.date | None = None
    violation_class: str | None = None
    target_contestant_id: int | None = Field(None, description="Pasangan calon yang diuntungkan")
    target_party_id: int | None = Field(None, description="Partai politik yang diuntungkan")
    target_blank_column: bool | None = Field(None, description="Kolom kosong (calon tunggal)")


class TransitionIn(Schema):
    name: str = Field(description="Nama langkah, lihat `allowed_transitions`")
    reason: str = ""
    outcome: str = ""
    decided_on: dt.date | None = None
    summary: str = ""
    violation_class: str = ""
    destination: str = ""
    recipient_id: int | None = None
    forwarding_summary: str = Field(
        "", max_length=10000, description="forward: the officer's own summary for the forwarding letter"
    )
    recommendations: list[dict] = Field(default_factory=list)
    sanctions: list[dict] = Field(default_factory=list)


class NoteIn(Schema):
    body: str = Field(max_length=10000)
    internal_to_my_agency_family: bool = False


class ReasonIn(Schema):
    reason: str = Field(max_length=2000)


class AssignIn(Schema):
    assignee_id: int


class SubjectIn(Schema):
    person_id: int | None = None
    name: str = Field("", max_length=200)
    nip: str = Field("", max_length=30)
    agency_id: int | None = None
    agency_name: str = Field("", max_length=200)
    position: str = Field("", max_length=200)
    position_category: str = ""
    employment_type: str = ""
    conduct: str = ""


class ClassifyIn(Schema):
    conduct: str


class PersonPatchIn(Schema):
    name: str | None = Field(None, max_length=200)
    nip: str | None = Field(None, max_length=30)
    agency_id: int | None = None
    agency_name: str | None = Field(None, max_length=200)
    position: str | None = Field(None, max_length=200)
    position_category: str | None = None
    employment_type: str | None = None


class PersonHistoryOut(Schema):
    person: PersonOut
    cases: list[CaseSummaryOut]


class FindingIn(Schema):
    description: str = Field(max_length=20000)
    incident_region_code: str
    incident_place: str = Field("", max_length=300)
    incident_date: dt.date | None = None
    found_date: dt.date | None = None
    persons: list[dict] = Field(default_factory=list)
    source_report_ids: list[int] = Field(default_factory=list)
    links: list[str] = Field(default_factory=list)


# --- helpers ----------------------------------------------------------------------------------------


def parse_if_match(request: HttpRequest, case_id: int, *, required: bool) -> int | None:
    """The version an `If-Match` header names; 428 when required and absent, 412 when malformed."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        if required:
            raise HttpError(
                428, "Sertakan header If-Match berisi ETag kasus (ambil dengan GET terlebih dahulu)."
            )
        return None
    tag = header.removeprefix("W/").strip('"')
    prefix = f"case-{case_id}-v"
    if not tag.startswith(prefix) or not tag[len(prefix) :].isdigit():
        raise HttpError(412, "ETag pada If-Match tidak cocok dengan kasus ini.")
    return int(tag[len(prefix) :])


def _precondition(exc: ConflictError) -> None:
    if exc.code == "version_conflict":
        raise HttpError(412, exc.message) from exc
    raise exc


def case_out(case: Case, user) -> Case:
    case = (
        Case.objects.select_related("election", "office", "recipient")
        .prefetch_related(
            "subjects__person",
            "subjects__agency",
            "subjects__conduct",
            "subjects__violation",
            "subjects__recommendations__sanction",
            "subjects__sanctions",
            "deadlines__agency",
            "case_reports__report",
        )
        .get(pk=case.pk)
    )
    # Computed for the response schema (CaseOut), not stored.
    case.report_references = [cr.report.reference or "" for cr in case.case_reports.all()]  # type: ignore[attr-defined]
    case.allowed_transitions = [  # type: ignore[attr-defined]
        {"name": t.name, "label": str(t.label), "requires": list(t.requires)}
        for t in transitions_for_user(case=case, user=user)
    ]
    return case


def _with_etag(response: HttpResponse, case: Case) -> HttpResponse:
    response["ETag"] = case.etag
    return response


def _visible(request, case_id: int) -> Case:
    case = selectors.case_get_visible(user=request.user, case_id=case_id)
    if case is None:
        raise NotFoundError(_("Kasus tidak ditemukan."))
    return case


# --- endpoints --------------------------------------------------------------------------------------


@router.get("/cases", response=list[CaseSummaryOut], summary="Kasus dalam cakupan")
def list_cases(request, state: str = "", q: str = "", limit: int = 100, offset: int = offset_query()):
    qs = selectors.case_list_visible_to(user=request.user, state=state, q=q.strip()[:100])
    limit = max(1, min(limit, 500))
    return list(qs[offset : offset + limit])


@router.post(
    "/cases/findings", response={201: CaseSummaryOut}, summary="Catat temuan pengawas (Formulir B.2)"
)
def record_finding(request, payload: FindingIn):
    return Status(201, finding_record(user=request.user, **payload.dict()))


@router.get("/cases/persons/{person_id}", response=PersonHistoryOut, summary="Riwayat terlapor lintas kasus")
def get_person(request, person_id: int):
    person = Person.objects.filter(pk=person_id).first()
    recorded = person_latest_subject(person=person, user=request.user) if person else None
    if person is None or recorded is None:  # a person is reachable only through a case the user may see
        raise NotFoundError(_("Terlapor tidak ditemukan."))
    cases = list(person_history(person=person, user=request.user))
    return {"person": recorded_person_out(recorded), "cases": cases}


@router.patch(
    "/cases/persons/{person_id}", response=PersonOut, summary="Lengkapi data terlapor (NIP, instansi)"
)
def patch_person(request, person_id: int, payload: PersonPatchIn):
    return person_update(person_id=person_id, user=request.user, data=payload.dict(exclude_unset=True))


@router.get("/cases/{case_id}", response=CaseOut, summary="Satu kasus (dengan ETag)")
def get_case(request, case_id: int, response: HttpResponse):
    case = _visible(request, case_id)
    _with_etag(response, case)
    return case_out(case, request.user)


@router.patch("/cases/{case_id}", response=CaseOut, summary="Ubah data kasus (wajib If-Match)")
def patch_case(request, case_id: int, payload: CasePatchIn, response: HttpResponse):
    _visible(request, case_id)
    version = parse_if_match(request, case_id, required=True)
    try:
        case = case_update(
            case_id=case_id,
            user=request.user,
            data=payload.dict(exclude_unset=True),
            expected_version=version,
        )
    except ConflictError as exc:
        _precondition(exc)
    _with_etag(response, case)
    return case_out(case, request.user)


@router.post("/cases/{case_id}/transitions", response=CaseOut, summary="Pindahkan kasus ke tahap berikutnya")
def transition(request, case_id: int, payload: TransitionIn, response: HttpResponse):
    version = parse_if_match(request, case_id, required=False)
    data = payload.dict()
    name = data.pop("name")  # the rest is the move's input, parsed by its step (netra.cases.steps)
    try:
        case = case_transition(
            case_id=case_id, user=request.user, name=name, payload=data, expected_version=version
        )
    except ConflictError as exc:
        _precondition(exc)
    _with_etag(response, case)
    return case_out(case, request.user)


@router.get("/cases/{case_id}/timeline", response=list[EventOut], summary="Lini masa kasus")
def timeline(request, case_id: int):
    return list(case_timeline(case=_visible(request, case_id), user=request.user))


@router.get("/cases/{case_id}/deadlines", response=list[CaseDeadlineOut], summary="Tenggat kasus")
def deadlines(request, case_id: int):
    return list(_visible(request, case_id).deadlines.select_related("agency"))


@router.post(
    "/cases/{case_id}/deadlines/extend",
    response=list[CaseDeadlineOut],
    summary="Perpanjang tenggat tindak lanjut (keterangan tambahan)",
)
def extend(request, case_id: int, payload: ReasonIn):
    case = case_deadline_extend(case_id=case_id, user=request.user, reason=payload.reason)
    return list(case.deadlines.select_related("agency"))


@router.post("/cases/{case_id}/notes", response={201: EventOut}, summary="Catatan internal")
def add_note(request, case_id: int, payload: NoteIn):
    event = case_note_add(
        case_id=case_id,
        user=request.user,
        body=payload.body,
        internal_to_family=payload.internal_to_my_agency_family,
    )
    return Status(201, event)


@router.post("/cases/{case_id}/assign", response={201: dict}, summary="Tugaskan petugas")
def assign(request, case_id: int, payload: AssignIn):
    participant = case_assign(case_id=case_id, user=request.user, assignee_id=payload.assignee_id)
    return Status(201, {"participant_id": participant.pk, "user_id": participant.user_id})


@router.post("/cases/{case_id}/subjects", response={201: SubjectOut}, summary="Tambah terlapor")
def add_subject(request, case_id: int, payload: SubjectIn):
    version = parse_if_match(request, case_id, required=False)
    try:
        subject = subject_add(
            case_id=case_id, user=request.user, data=payload.dict(), expected_version=version
        )
    except ConflictError as exc:
        _precondition(exc)
    return Status(201, subject)


@router.patch(
    "/cases/{case_id}/subjects/{subject_id}",
    response=SubjectOut,
    summary="Ubah data terlapor sebagaimana dicatat pada kasus ini (pemilik tahap)",
)
def patch_subject(request, case_id: int, subject_id: int, payload: PersonPatchIn):
    version = parse_if_match(request, case_id, required=False)
    try:
        return subject_update(
            case_id=case_id,
            subject_id=subject_id,
            user=request.user,
            data=payload.dict(exclude_unset=True),
            expected_version=version,
        )
    except ConflictError as exc:
        _precondition(exc)


@router.post(
    "/cases/{case_id}/subjects/{subject_id}/classify",
    response=SubjectOut,
    summary="Klasifikasi perbuatan terlapor (etik/disiplin menurut tahapan)",
)
def classify(request, case_id: int, subject_id: int, payload: ClassifyIn):
    version = parse_if_match(request, case_id, required=False)
    try:
        return subject_classify(
            case_id=case_id,
            subject_id=subject_id,
            user=request.user,
            conduct_code=payload.conduct,
            expected_version=version,
        )
    except ConflictError as exc:
        _precondition(exc)
