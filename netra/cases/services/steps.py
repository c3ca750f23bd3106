"""Steps with their own input and handler."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from netra.agencies.models import Agency, AgencyKind
from netra.cases.models import (
    Case,
    DecisionOutcome,
    Participant,
    ParticipantRole,
    Recommendation,
    SanctionDeviation,
    SanctionRecord,
)
from netra.cases.services.subjects import subject_gaps
from netra.clocks.models import DeadlineKind
from netra.core.exceptions import ApplicationError, ConflictError
from netra.core.scoping import scope_for
from netra.intake.models import ReportKind
from netra.rules.models import Destination, ViolationClass

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
