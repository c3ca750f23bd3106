"""Public API of the catalogue (read-only, `auth=None` on every endpoint: the law is public)."""

import datetime as dt
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import Field

from netra.elections.selectors import election_get
from netra.rules import selectors
from netra.rules.models import (
    Category,
    Conduct,
    ElectionScope,
    EmploymentType,
    Level,
    OversightBody,
    Sanction,
    SubjectType,
    ViolationClass,
    ViolationType,
)

router = Router(tags=["rules"])

CategoryIn = Literal[tuple(Category.values)]  # type: ignore[valid-type]
LevelIn = Literal[tuple(Level.values)]  # type: ignore[valid-type]
EmploymentTypeIn = Literal[tuple(EmploymentType.values)]  # type: ignore[valid-type]
SubjectTypeIn = Literal[tuple(v for v in SubjectType.values if v)]  # type: ignore[valid-type]
ViolationClassIn = Literal[tuple(ViolationClass.values)]  # type: ignore[valid-type]
ElectionKindIn = Literal[tuple(ElectionScope.values)]  # type: ignore[valid-type]


class LevelPositionOut(Schema):
    """A level some source gives a [CONFLICT] row; which sources say so is a research note (admin only)."""

    level: str


class ViolationOut(Schema):
    code: str
    conduct: str
    title: str
    category: str
    category_label: str
    stage: str
    stage_label: str
    level: str
    level_label: str
    recommended_level: str
    applies_to_pns: bool
    applies_to_pppk: bool
    legal_basis: str
    verification: str
    level_positions: list[LevelPositionOut]
    valid_from: dt.date
    valid_until: dt.date | None
    is_active: bool

    @staticmethod
    def resolve_conduct(obj: ViolationType) -> str:
        return obj.conduct.code

    @staticmethod
    def resolve_category_label(obj: ViolationType) -> str:
        return str(obj.get_category_display())

    @staticmethod
    def resolve_stage_label(obj: ViolationType) -> str:
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_level_label(obj: ViolationType) -> str:
        return str(obj.get_level_display())

    @staticmethod
    def resolve_recommended_level(obj: ViolationType) -> str:
        return selectors.violation_recommended_level(violation=obj)


class ConductOut(Schema):
    code: str
    title: str
    description: str
    keywords: list[str]
    examples: list[str]
    stage_gap_note: str
    violations: list[str]

    @staticmethod
    def resolve_violations(obj: Conduct) -> list[str]:
        return [v.code for v in obj.violations.all()]


class SanctionOut(Schema):
    code: str
    level: str
    employment_type: str
    name: str
    description: str
    legal_basis: str
    order: int
    valid_from: dt.date | None
    valid_until: dt.date | None
    verification: str


class OversightBodyOut(Schema):
    code: str
    name: str
    short_name: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    legal_basis: str
    notes: str
    agency_kind: str
    verification: str


class RouteOut(Schema):
    subject_type: str
    violation_class: str
    election_kind: str
    on: dt.date
    destination: str
    destination_label: str
    agency_kind: str
    oversight_body: OversightBodyOut | None
    legal_basis: str
    deadline_note: str
    note: str
    verification: str
    is_fallback: bool


class ViolationBriefOut(Schema):
    code: str
    title: str
    category: str
    level: str
    verification: str


class StageVariantOut(Schema):
    stage: str
    stage_label: str
    category: str | None
    level: str | None
    level_label: str
    violations: list[ViolationBriefOut]
    sanctions: list[SanctionOut]
    note: str


class CrimeReferralOut(Schema):
    """The act may also be an election crime: a suggestion to forward to Sentra Gakkumdu (1×24 jam) that
    the officer decides on; `is_crime` false means the article is not a crime for this subject."""

    code: str
    election_kind: str
    prohibition: str
    penal_article: str
    punishes: str
    penalty: str
    summary: str
    legal_basis: str
    verification: str
    is_crime: bool
    text: str

    @staticmethod
    def resolve_text(obj) -> str:
        return obj.public_text

    @staticmethod
    def resolve_code(obj) -> str:
        return obj.provision.code

    @staticmethod
    def resolve_election_kind(obj) -> str:
        return obj.provision.election_kind

    @staticmethod
    def resolve_prohibition(obj) -> str:
        return obj.provision.prohibition

    @staticmethod
    def resolve_penal_article(obj) -> str:
        return obj.provision.penal_article

    @staticmethod
    def resolve_punishes(obj) -> str:
        return obj.provision.punishes

    @staticmethod
    def resolve_penalty(obj) -> str:
        return obj.provision.penalty

    @staticmethod
    def resolve_summary(obj) -> str:
        return obj.provision.summary

    @staticmethod
    def resolve_legal_basis(obj) -> str:
        return obj.provision.legal_basis

    @staticmethod
    def resolve_verification(obj) -> str:
        return obj.provision.verification


class ClassificationOut(Schema):
    conduct: str
    employment_type: str
    incident_date: dt.date | None
    election: str | None
    determined_on: dt.date | None
    stage: str | None
    stage_changes_outcome: bool
    applicable: StageVariantOut | None
    before: StageVariantOut
    after: StageVariantOut
    stage_note: str
    catalogue_note: str
    legal_basis: str
    crime_referrals: list[CrimeReferralOut]
    crime_note: str

    @staticmethod
    def resolve_conduct(obj: selectors.Classification) -> str:
        return obj.conduct.code

    @staticmethod
    def resolve_crime_note(obj: selectors.Classification) -> str:
        # The public API, like the public pages, carries no confidence marks (issue 14).
        return "\n".join(r.public_text for r in obj.crime_referrals)

    @staticmethod
    def resolve_election(obj: selectors.Classification) -> str | None:
        return obj.election.code if obj.election is not None else None


class SelfCheckMatchOut(Schema):
    kind: Literal["conduct", "permitted"]
    key: str
    conduct: str | None = Field(
        description="Kode perbuatan terlarang; null untuk perbuatan yang diperbolehkan."
    )
    title: str
    verdict: str = Field(description="boleh / tidak_boleh / tergantung")
    score: float
    matched_terms: list[str]
    matched_words: list[str] = Field(description="Kata-kata pengguna sendiri yang cocok.")
    explanation: str = ""
    legal_basis: str = ""
    classification: ClassificationOut | None

    @staticmethod
    def resolve_kind(obj: selectors.SelfCheckMatch) -> str:
        return "conduct" if obj.conduct is not None else "permitted"

    @staticmethod
    def resolve_conduct(obj: selectors.SelfCheckMatch) -> str | None:
        return obj.conduct.code if obj.conduct is not None else None

    @staticmethod
    def resolve_title(obj: selectors.SelfCheckMatch) -> str:
        return obj.conduct.title if obj.conduct is not None else obj.permitted.title  # type: ignore[union-attr]

    @staticmethod
    def resolve_explanation(obj: selectors.SelfCheckMatch) -> str:
        if obj.permitted is not None:
            return obj.permitted.explanation
        return obj.conduct.verdict_note if obj.conduct is not None else ""

    @staticmethod
    def resolve_legal_basis(obj: selectors.SelfCheckMatch) -> str:
        if obj.permitted is not None:
            return obj.permitted.legal_basis
        return obj.classification.legal_basis if obj.classification is not None else ""


class SelfCheckOut(Schema):
    query: str
    status: str
    verdict: str | None = Field(
        description="Jawaban pertama: boleh / tidak_boleh / tergantung (null: tidak cocok)."
    )
    message: str
    results: list[SelfCheckMatchOut]


class ViolationFilter(Schema):
    category: CategoryIn | None = None  # type: ignore[valid-type]
    conduct: str | None = None


class SanctionQuery(Schema):
    level: LevelIn | None = None  # type: ignore[valid-type]
    employment_type: EmploymentTypeIn | None = None  # type: ignore[valid-type]
    on: dt.date | None = None


class RoutingQuery(Schema):
    subject_type: SubjectTypeIn  # type: ignore[valid-type]
    violation_class: ViolationClassIn  # type: ignore[valid-type]
    election_kind: ElectionKindIn = ""  # type: ignore[valid-type]
    on: dt.date | None = None


class SelfCheckQuery(Schema):
    q: str = Field(..., min_length=3, max_length=2000, description="Uraian kegiatan (bahasa Indonesia).")
    election: str | None = Field(None, description="Kode pemilihan, mis. pilkada-2024.")
    date: dt.date | None = Field(None, description="Tanggal kegiatan (YYYY-MM-DD).")
    employment_type: EmploymentTypeIn = EmploymentType.PNS  # type: ignore[valid-type]


def _query_error(field: str, message: str) -> ValidationError:
    return ValidationError([{"loc": ["query", field], "msg": message, "type": "value_error"}])


@router.get("/violations", response=list[ViolationOut], auth=None, summary="Katalog pelanggaran (publik)")
def list_violations(request, filters: Query[ViolationFilter]):
    """SKB 2022 Lampiran II: KE-1..KE-7 and D-1..D-11 (D-9 split by stage). Filter by category/conduct."""
    return list(selectors.violation_list(category=filters.category, conduct=filters.conduct))


@router.get("/violations/{code}", response=ViolationOut, auth=None, summary="Satu butir katalog (publik)")
def get_violation(request, code: str):
    violation = selectors.violation_get(code=code)
    if violation is None:
        raise Http404
    return violation


@router.get("/conducts", response=list[ConductOut], auth=None, summary="Perbuatan (publik)")
def list_conducts(request):
    return list(selectors.conduct_list())


@router.get("/sanctions", response=list[SanctionOut], auth=None, summary="Sanksi per tingkat (publik)")
def list_sanctions(request, query: Query[SanctionQuery]):
    """Sanctions in force on `on` (default today); PP 53/2010 applies to dates before 31 Aug 2021."""
    on = query.on or timezone.localdate()
    out: list[Sanction] = []
    levels = [query.level] if query.level else Level.values
    types = [query.employment_type] if query.employment_type else EmploymentType.values
    for employment_type in types:
        for level in levels:
            out.extend(selectors.sanctions_for(level=level, employment_type=employment_type, on=on))
    return out


@router.get(
    "/oversight-bodies", response=list[OversightBodyOut], auth=None, summary="Badan pengawas ASN (publik)"
)
def list_oversight_bodies(request):
    return list(selectors.oversight_body_list())


@router.get(
    "/oversight-bodies/current",
    response=OversightBodyOut,
    auth=None,
    summary="Badan pengawas ASN yang berlaku (publik)",
)
def current_oversight_body(request, on: dt.date | None = None) -> OversightBody:
    body = selectors.oversight_body_on(on=on or timezone.localdate())
    if body is None:
        raise Http404
    return body


@router.get("/routing", response=RouteOut, auth=None, summary="Penerusan perkara (publik)")
def get_route(request, query: Query[RoutingQuery]):
    """Where Bawaslu forwards a matter; unknown combinations return the documented fallback."""
    return selectors.route_for(
        subject_type=query.subject_type,
        violation_class=query.violation_class,
        election_kind=query.election_kind,
        on=query.on or timezone.localdate(),
    )


@router.get("/self-check", response=SelfCheckOut, auth=None, summary="Cek mandiri (publik)")
def self_check(request, query: Query[SelfCheckQuery]):
    """Indonesian text → matching conducts, each classified (ethics/discipline) for the election/date."""
    election = None
    if query.election:
        election = election_get(code=query.election)
        if election is None:
            raise _query_error("election", "Pemilihan tidak dikenal.")
    result = selectors.self_check(
        text=query.q,
        election=election,
        incident_date=query.date,
        employment_type=query.employment_type,
    )
    return {
        "query": result.text,
        "status": result.status,
        "verdict": result.verdict,
        "message": result.message,
        "results": result.matches,
    }
