"""Case API: duplicates (see netra/cases/api/__init__.py).

- `GET /cases/{case_id}/duplicates`: cases that may be the same incident, with score and reasons.
- `POST /cases/{case_id}/merge`: merge this case into another (leadership; honours `If-Match` for this
  case and `into_case_version` for the other).
- `POST /cases/persons/{person_id}/merge`: one person recorded twice becomes one record.
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from netra.cases import selectors
from netra.cases.api.core import _precondition, case_out, parse_if_match
from netra.cases.api.schemas import CaseOut, CaseSummaryOut, PersonOut
from netra.cases.selectors.duplicates import duplicate_candidates
from netra.cases.services.merge import case_merge, person_merge
from netra.core.exceptions import ConflictError, NotFoundError

router = Router(tags=["cases"])


class DuplicateOut(Schema):
    case: CaseSummaryOut
    score: float = Field(description="0–1; diusulkan mulai 0,5")
    reasons: list[str]
    signals: list[str] = Field(description="nip, person, url, file, name_agency, date, text")


class MergeIn(Schema):
    into_case_id: int
    reason: str = Field(max_length=2000)
    into_case_version: int | None = Field(None, description="Versi kasus tujuan yang Anda lihat (opsional)")


class PersonMergeIn(Schema):
    drop_person_id: int
    reason: str = Field(max_length=2000)


@router.get("/cases/{case_id}/duplicates", response=list[DuplicateOut], summary="Kemungkinan duplikat kasus")
def list_duplicates(request, case_id: int, limit: int = 5):
    case = selectors.case_get_visible(user=request.user, case_id=case_id)
    if case is None:
        raise NotFoundError(_("Kasus tidak ditemukan."))
    return duplicate_candidates(case=case, user=request.user, limit=max(1, min(limit, 20)))


@router.post("/cases/{case_id}/merge", response=CaseOut, summary="Gabungkan kasus ini ke kasus lain")
def merge_case(request, case_id: int, payload: MergeIn, response: HttpResponse):
    version = parse_if_match(request, case_id, required=False)
    try:
        target = case_merge(
            source_id=case_id,
            target_id=payload.into_case_id,
            user=request.user,
            reason=payload.reason,
            expected_source_version=version,
            expected_target_version=payload.into_case_version,
        )
    except ConflictError as exc:
        _precondition(exc)
    response["ETag"] = target.etag
    return case_out(target, request.user)


@router.post(
    "/cases/persons/{person_id}/merge", response=PersonOut, summary="Gabungkan dua data terlapor yang sama"
)
def merge_person(request, person_id: int, payload: PersonMergeIn):
    return person_merge(
        keep_id=person_id, drop_id=payload.drop_person_id, user=request.user, reason=payload.reason
    )
