"""record_sanction: the PPK records the sanction it imposed on each terlapor it was recommended for
(PP 94/2021; PP 42/2004 Pasal 15), citing its decree (SK). A sanction lighter than the recommendation
needs the PPK's reason, and the oversight body hears of it (`signals.sanction_below_recommendation`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from netra.cases.models import Case, Recommendation, SanctionDeviation, SanctionRecord
from netra.cases.steps.base import Step, StepContext, StepInput, StepResult, as_date, as_int, items_of, text
from netra.core.exceptions import ApplicationError
from netra.core.scoping import scope_for


@dataclass(frozen=True)
class SanctionItem:
    subject_id: int | None = None
    decision_number: str = ""
    decision_date: dt.date | None = None  # None: missing or not a date
    punishment: str = ""
    sanction_code: str = ""
    deviation_reason: str = ""
    document_id: int | str | None = None  # the cited SK, checked by `sanction_decree_id`

    @classmethod
    def parse(cls, item: Mapping[str, Any]) -> SanctionItem:
        return cls(
            subject_id=as_int(item.get("subject_id")),
            decision_number=text(item.get("decision_number")),
            decision_date=as_date(item.get("decision_date")),
            punishment=text(item.get("punishment")),
            sanction_code=text(item.get("sanction_code")),
            deviation_reason=text(item.get("deviation_reason")),
            document_id=item.get("document_id"),
        )


@dataclass(frozen=True)
class RecordSanctionIn(StepInput):
    sanctions: tuple[SanctionItem, ...] | None = ()  # None: not a list

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> RecordSanctionIn:
        return cls(
            reason=text(payload.get("reason")),
            sanctions=items_of(payload.get("sanctions"), SanctionItem.parse),
        )

    @classmethod
    def from_post(cls, post: Mapping[str, Any], case: Case) -> dict[str, Any]:
        items = [
            {
                "subject_id": subject.pk,
                "decision_number": post.get(f"san-{subject.pk}-number", "").strip(),
                "decision_date": post.get(f"san-{subject.pk}-date", ""),
                "punishment": post.get(f"san-{subject.pk}-punishment", ""),
                "sanction_code": post.get(f"san-{subject.pk}-sanction", ""),
                "deviation_reason": post.get(f"san-{subject.pk}-deviation_reason", ""),
                "document_id": post.get(f"san-{subject.pk}-document") or None,
            }
            for subject in case.subjects.all()
            if post.get(f"san-{subject.pk}-number", "").strip()
        ]
        return {**StepInput.from_post(post, case), "sanctions": items}

    def given(self, key: str) -> bool:
        return self.sanctions != () if key == "sanctions" else super().given(key)


def sanction_deviation(*, recommended: Recommendation, imposed) -> str:
    """Lighter or heavier than the recommended level (LEVEL_SEVERITY: moral < ringan < sedang < berat
    < PTDH); the same level, or a recommendation without a level, is no deviation."""
    from netra.rules.models import LEVEL_SEVERITY

    wanted = recommended.sanction.level if recommended.sanction else recommended.level
    if wanted not in LEVEL_SEVERITY or imposed.level not in LEVEL_SEVERITY:
        return SanctionDeviation.SAME
    if LEVEL_SEVERITY[imposed.level] < LEVEL_SEVERITY[wanted]:
        return SanctionDeviation.LIGHTER
    if LEVEL_SEVERITY[imposed.level] > LEVEL_SEVERITY[wanted]:
        return SanctionDeviation.HEAVIER
    return SanctionDeviation.SAME


def _recommendations_to_me(ctx: StepContext) -> dict[int, Recommendation]:
    """Per terlapor, the recommendation addressed to the recorder's agency (or any, for a superuser)."""
    scope = scope_for(ctx.user)
    return {
        r.subject_id: r
        for r in Recommendation.objects.filter(subject__case=ctx.case).order_by("issued_at")
        if scope.is_superuser or r.addressed_to_id in scope.agency_ids
    }


def _checked_sanction(item: SanctionItem, rec: Recommendation, i: int) -> tuple[Any, str, dt.date]:
    """The catalogue sanction imposed, its deviation from the recommendation, and the decree's date."""
    from netra.rules.models import Sanction

    decided = item.decision_date
    if decided is None:
        raise ApplicationError(
            _("Tanggal keputusan tidak valid."), extra={"field": f"sanctions[{i}].decision_date"}
        )
    if not item.decision_number or not item.punishment:
        raise ApplicationError(
            _("Nomor keputusan dan hukuman yang dijatuhkan wajib diisi."), extra={"field": f"sanctions[{i}]"}
        )
    sanction = Sanction.objects.filter(code=item.sanction_code).first()
    if sanction is None:
        raise ApplicationError(
            _("Pilih jenis sanksi yang dijatuhkan (dari katalog PP 94/2021 atau PP 42/2004)."),
            extra={"field": f"sanctions[{i}].sanction_code"},
        )
    deviation = sanction_deviation(recommended=rec, imposed=sanction)
    if deviation == SanctionDeviation.LIGHTER and not item.deviation_reason:
        raise ApplicationError(
            _(
                "Sanksi %(imposed)s lebih ringan dari rekomendasi (%(recommended)s): tuliskan alasan PPK "
                "menyimpang dari rekomendasi."
            )
            % {"imposed": sanction.get_level_display(), "recommended": rec.level_label},
            extra={"field": f"sanctions[{i}].deviation_reason"},
        )
    return sanction, deviation, decided


def _sanction_record(ctx: StepContext, item: SanctionItem, rec: Recommendation, i: int) -> SanctionRecord:
    from netra.cases.services.documents import sanction_decree_id

    sanction, deviation, decided = _checked_sanction(item, rec, i)
    return SanctionRecord.objects.create(
        subject_id=rec.subject_id,
        recommendation=rec,
        imposed_by=rec.addressed_to,
        decision_number=item.decision_number[:120],
        decision_date=decided,
        sanction=sanction,
        punishment=item.punishment,
        matches_recommendation=rec.sanction_id in (None, sanction.pk) and not deviation,
        deviation=deviation,
        deviation_reason=item.deviation_reason if deviation else "",
        document_id=sanction_decree_id(case=ctx.case, document_id=item.document_id, user=ctx.user, index=i),
        recorded_by=ctx.user,
    )


def record_sanction(ctx: StepContext, data: RecordSanctionIn) -> StepResult:
    if data.sanctions is None:
        raise ApplicationError(_("Sanksi harus berupa daftar."), extra={"field": "sanctions"})
    recs = _recommendations_to_me(ctx)
    made = []
    for i, item in enumerate(data.sanctions):
        rec = recs.get(item.subject_id or 0)
        if rec is None:
            raise ApplicationError(
                _("Tidak ada rekomendasi kepada instansi Anda untuk terlapor ini."),
                extra={"field": f"sanctions[{i}].subject_id"},
            )
        made.append(_sanction_record(ctx, item, rec, i))
    result = StepResult(
        sanctions=tuple(made), text="; ".join(f"{s.decision_number}: {s.punishment}" for s in made)
    )
    for record in result.lighter_sanctions:
        result.text += " " + _("Lebih ringan dari rekomendasi; alasan PPK: %(reason)s") % {
            "reason": record.deviation_reason
        }
    result.data = {
        "sanction_ids": [s.pk for s in made],
        "lighter_sanction_ids": [s.pk for s in result.lighter_sanctions],
    }
    return result


STEP = Step("record_sanction", input=RecordSanctionIn, handler=record_sanction, has_form=True)
