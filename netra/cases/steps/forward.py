"""forward: a proven case goes to the agency that follows it up (UU 7/2017 Pasal 455 ayat (1) huruf c;
UU 1/2015 Pasal 135): ASN to the oversight body, TNI/Polri to their own, crimes to Gakkumdu. The
forwarding letter is issued with the move."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from netra.agencies.models import Agency, AgencyKind
from netra.cases.models import Case, Participant, ParticipantRole
from netra.cases.steps.base import Step, StepContext, StepInput, StepResult, as_int, text
from netra.cases.steps.register import justification
from netra.clocks.models import DeadlineKind
from netra.core.exceptions import ApplicationError, ConflictError
from netra.rules.models import Destination

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


@dataclass(frozen=True)
class ForwardIn(StepInput):
    destination: str = ""
    recipient_id: int | None = None
    # The officer's own summary for the letter (never the reporter's words: they may reveal who it is).
    forwarding_summary: str = ""

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> ForwardIn:
        return cls(
            reason=text(payload.get("reason")),
            destination=text(payload.get("destination")),
            recipient_id=as_int(payload.get("recipient_id")),
            forwarding_summary=text(payload.get("forwarding_summary")),
        )

    @classmethod
    def from_post(cls, post: Mapping[str, Any], case: Case) -> dict[str, Any]:
        return {
            **StepInput.from_post(post, case),
            "destination": post.get("destination", ""),
            "recipient_id": post.get("recipient_id") or None,
            "forwarding_summary": post.get("forwarding_summary", ""),
        }


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


def require_subjects_ready(case: Case, destination: str = Destination.OVERSIGHT_BODY) -> None:
    """The forwarding letter lists every terlapor with its classification, so no terlapor may leave
    Bawaslu "belum diklasifikasi" (issue 14): whatever the destination, each one's conduct is classified;
    an ASN case reaching the oversight body also names each terlapor's PPK and catalogue item (issue 15).
    Refused on the move's `subjects` field, naming each terlapor and what it lacks."""
    from netra.cases.services.subjects import subject_gaps

    subjects = list(case.subjects.select_related("person"))
    to_oversight = destination == Destination.OVERSIGHT_BODY
    if not subjects and to_oversight:
        raise ConflictError(
            _("Tambahkan terlapor sebelum kasus diteruskan kepada pengawas ASN."),
            code="subjects_incomplete",
            extra={"field": "subjects"},
        )
    problems = [f"{s}: {', '.join(gaps)}" for s in subjects if (gaps := _gaps(s, to_oversight, subject_gaps))]
    if problems:
        raise ConflictError(
            _("Lengkapi data terlapor sebelum diteruskan — %(problems)s.")
            % {"problems": "; ".join(problems)},
            code="subjects_incomplete",
            extra={"field": "subjects"},
        )


def _gaps(subject, to_oversight: bool, subject_gaps) -> list[str]:
    if to_oversight:
        return subject_gaps(subject)
    return [] if subject.conduct_id else [_("perbuatan belum diklasifikasikan")]


def _recipient(data: ForwardIn) -> Agency:
    if data.destination not in RECIPIENT_KINDS:
        raise ApplicationError(_("Tujuan penerusan tidak dikenal."), extra={"field": "destination"})
    recipient = (
        Agency.objects.filter(pk=data.recipient_id, is_active=True).first() if data.recipient_id else None
    )
    if recipient is None or recipient.kind not in RECIPIENT_KINDS[data.destination]:
        raise ApplicationError(
            _("Instansi penerima tidak sesuai dengan tujuan penerusan."), extra={"field": "recipient_id"}
        )
    return recipient


def forward(ctx: StepContext, data: ForwardIn) -> StepResult:
    case = ctx.case
    recipient = _recipient(data)
    require_subjects_ready(case, data.destination)
    despite = justification(forward_concerns(case), data, _("Perhatian sebelum penerusan"))
    case.destination = data.destination
    case.recipient = recipient
    case.forwarded_at = ctx.now
    case.forwarding_summary = data.forwarding_summary
    Participant.objects.get_or_create(case=case, agency=recipient, role=ParticipantRole.RECIPIENT, user=None)
    to_oversight = data.destination == Destination.OVERSIGHT_BODY
    return StepResult(
        fields=("destination", "recipient", "forwarded_at", "forwarding_summary"),
        data={"destination": data.destination, "recipient_id": recipient.pk, **despite},
        text=_("Diteruskan kepada %(recipient)s.") % {"recipient": recipient},
        opens=(DeadlineKind.SATGAS_VERIFICATION,) if to_oversight else (),
    )


def issue_forwarding_letter(ctx: StepContext, data: ForwardIn, result: StepResult) -> None:
    """The forwarding letter, numbered and dated with the move (its PDF is rendered after commit)."""
    from netra.cases.services.common import case_bump
    from netra.cases.services.documents import forwarding_letter_issue

    forwarding_letter_issue(case=ctx.case, actor=ctx.user, now=ctx.now)
    case_bump(ctx.case)


STEP = Step(
    "forward",
    input=ForwardIn,
    handler=forward,
    effects=(issue_forwarding_letter,),
    has_form=True,
    concerns=forward_concerns,
)
