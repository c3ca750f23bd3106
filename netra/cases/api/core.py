"""Cases, transitions, subjects, deadlines, notes and temuan.

Optimistic concurrency: `GET /cases/{id}` returns an `ETag`; `PATCH` requires `If-Match` (428 without,
412 when stale); transitions and other writes honour `If-Match` when given. Out-of-scope cases are 404.
The request and response schemas are in `netra.cases.api.schemas`.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from netra.cases import selectors
from netra.cases.api.schemas import (
    AssignIn,
    CaseDeadlineOut,
    CaseOut,
    CasePatchIn,
    CaseSummaryOut,
    ClassifyIn,
    EventOut,
    FindingIn,
    NoteIn,
    PersonHistoryOut,
    PersonOut,
    PersonPatchIn,
    ReasonIn,
    SubjectIn,
    SubjectOut,
    TransitionIn,
    recorded_person_out,
)
from netra.cases.models import Case, Person
from netra.cases.selectors.cases import case_timeline, person_history, person_latest_subject
from netra.cases.services.edits import case_assign, case_deadline_extend, case_note_add, case_update
from netra.cases.services.opening import finding_record
from netra.cases.services.persons import person_update
from netra.cases.services.subjects import subject_add, subject_classify, subject_update
from netra.cases.services.transitions import case_transition, transitions_for_user
from netra.core.api import offset_query
from netra.core.exceptions import ConflictError, NotFoundError

router = Router(tags=["cases"])


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
