"""recommend: the oversight body recommends a sanction for each proven terlapor to their PPK (UU 5/2014
Pasal 32–33; SKB 2022; alur BKN 2024). Each addressed PPK gets its letter and its follow-up clock."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from netra.agencies.models import Agency, AgencyKind
from netra.cases.models import Case, CaseSubject, Participant, ParticipantRole, Recommendation
from netra.cases.steps.base import Step, StepContext, StepInput, StepResult, as_int, items_of, text
from netra.core.exceptions import ApplicationError, ConflictError


@dataclass(frozen=True)
class RecommendationItem:
    subject_id: int | None = None
    addressed_to_id: int | None = None  # the PPK, when not the terlapor's own employer
    sanction_code: str = ""
    level: str = ""
    legal_basis: str = ""
    body: str = ""

    @classmethod
    def parse(cls, item: Mapping[str, Any]) -> RecommendationItem:
        return cls(
            subject_id=as_int(item.get("subject_id")),
            addressed_to_id=as_int(item.get("addressed_to_id")),
            sanction_code=text(item.get("sanction_code")),
            level=text(item.get("level")),
            legal_basis=text(item.get("legal_basis")),
            body=text(item.get("body")),
        )


@dataclass(frozen=True)
class RecommendIn(StepInput):
    # None: not a list (refused by the handler with its own message).
    recommendations: tuple[RecommendationItem, ...] | None = ()

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> RecommendIn:
        return cls(
            reason=text(payload.get("reason")),
            recommendations=items_of(payload.get("recommendations"), RecommendationItem.parse),
        )

    @classmethod
    def from_post(cls, post: Mapping[str, Any], case: Case) -> dict[str, Any]:
        items = [
            {
                "subject_id": subject.pk,
                "sanction_code": post.get(f"rec-{subject.pk}-sanction", ""),
                "legal_basis": post.get(f"rec-{subject.pk}-basis", ""),
                "body": post.get(f"rec-{subject.pk}-body", ""),
            }
            for subject in case.subjects.all()
            if post.get(f"rec-{subject.pk}-include") == "on"
        ]
        return {**StepInput.from_post(post, case), "recommendations": items}

    def given(self, key: str) -> bool:
        if key == "recommendations":
            return self.recommendations != ()
        return super().given(key)


def _ppk(subject: CaseSubject, item: RecommendationItem, i: int) -> Agency:
    ppk = subject.agency
    if item.addressed_to_id:
        ppk = Agency.objects.filter(pk=item.addressed_to_id, kind=AgencyKind.INSTANSI, is_active=True).first()
    if ppk is None:
        raise ApplicationError(
            _("Instansi (PPK) %(person)s belum diketahui: lengkapi data terlapor dahulu.")
            % {"person": subject},
            extra={"field": f"recommendations[{i}].addressed_to_id"},
        )
    return ppk


def _recommendation(
    ctx: StepContext, subject: CaseSubject, item: RecommendationItem, i: int
) -> Recommendation:
    from netra.rules.models import Sanction

    ppk = _ppk(subject, item, i)
    sanction = None
    if item.sanction_code:
        sanction = Sanction.objects.filter(code=item.sanction_code).first()
        if sanction is None:
            raise ApplicationError(
                _("Sanksi tidak dikenal."), extra={"field": f"recommendations[{i}].sanction_code"}
            )
    basis = item.legal_basis or (sanction.legal_basis.strip() if sanction else "")
    if not basis:
        raise ApplicationError(
            _("Dasar hukum rekomendasi wajib diisi."), extra={"field": f"recommendations[{i}].legal_basis"}
        )
    return Recommendation.objects.create(
        subject=subject,
        issued_by=_issuer(ctx),
        addressed_to=ppk,
        sanction=sanction,
        level=item.level or (sanction.level if sanction else ""),
        legal_basis=basis,
        body=item.body,
        issued_at=ctx.now,
    )


def _issuer(ctx: StepContext) -> Agency:
    """The recommending agency: the officer's own (a BKN regional office, KASN), else the case's
    recipient (a platform administrator acting for it); the case reached the oversight body, so one is
    always known."""
    agency = ctx.user.agency if ctx.user is not None and ctx.user.agency else ctx.case.recipient
    if agency is None:
        raise ConflictError(_("Instansi pemberi rekomendasi tidak diketahui."), code="no_issuer")
    return agency


def recommend(ctx: StepContext, data: RecommendIn) -> StepResult:
    case = ctx.case
    if data.recommendations is None:
        raise ApplicationError(_("Rekomendasi harus berupa daftar."), extra={"field": "recommendations"})
    subjects = {s.pk: s for s in case.subjects.select_related("person", "person__agency")}
    employers: dict[int, Agency] = {}
    made = []
    for i, item in enumerate(data.recommendations):
        subject = subjects.get(item.subject_id or 0)
        if subject is None:
            raise ApplicationError(
                _("Terlapor pada rekomendasi ke-%(n)s bukan bagian kasus ini.") % {"n": i + 1},
                extra={"field": f"recommendations[{i}].subject_id"},
            )
        recommendation = _recommendation(ctx, subject, item, i)
        made.append(recommendation)
        subject.is_proven = True
        subject.save(update_fields=["is_proven"])
        employers[recommendation.addressed_to_id] = recommendation.addressed_to
        Participant.objects.get_or_create(
            case=case, agency=recommendation.addressed_to, role=ParticipantRole.EMPLOYER, user=None
        )
    return StepResult(
        data={"recommendation_ids": [r.pk for r in made]},
        text=_("Rekomendasi kepada %(ppk)s.") % {"ppk": ", ".join(str(a) for a in employers.values())},
        employers=tuple(employers.values()),
        recommendations=tuple(made),
    )


def issue_recommendation_letters(ctx: StepContext, data: RecommendIn, result: StepResult) -> None:
    """One recommendation letter per addressed PPK (rendered after commit)."""
    from netra.cases.services.common import case_bump
    from netra.cases.services.documents import recommendation_letters_issue

    ids = [r.pk for r in result.recommendations]
    if recommendation_letters_issue(case=ctx.case, recommendation_ids=ids, actor=ctx.user, now=ctx.now):
        case_bump(ctx.case)


STEP = Step(
    "recommend",
    input=RecommendIn,
    handler=recommend,
    effects=(issue_recommendation_letters,),
    has_form=True,
)
