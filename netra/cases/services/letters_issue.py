"""Issuing official letters: numbering, the tembusan, and the forwarding and recommendation letters.

- Forwarding letter (UU 7/2017 Pasal 455 ayat 1 huruf c; UU 1/2015 Pasal 135 for Pilkada) and
  recommendation to the PPK (UU 20/2023 Pasal 70 ayat (3), which replaced UU 5/2014 Pasal 32–33; BKN
  flow 2024) are issued as effects of the forward / recommend moves, inside the move's transaction
  (netra.cases.steps). The status notice (services.status_notice) and the summons and presentation
  request (services.clarification_letters) go through `letter_issue` too.
- Each letter is numbered from `DocumentCounter` (per issuing office, classification code and year,
  row-locked: the office's agenda surat keluar, so two kinds sharing a code never share a number; the
  database refuses a repeated number of one office) and dated in the issuing office's time zone. The kop,
  the signer and extra tembusan come from the office's `OfficeLetterSettings`; each kind has its own
  tembusan (`letter_copies`).
- The PDF is not rendered here: that would hold the case row and the number counter locked for as long
  as WeasyPrint takes. `letter_issue` writes the row with the letter's frozen context
  (`letters.letter_snapshot`, render state "pending") and, once the transaction commits, a task renders
  and stores the PDF (services.letters_render). A rolled-back move leaves neither a row nor a used number.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.agencies.models import Agency, AgencyKind
from netra.audit.services import audit_record
from netra.cases import letters
from netra.cases.models import (
    Case,
    Document,
    DocumentCounter,
    DocumentKind,
    DocumentRenderState,
    EventKind,
    Recommendation,
)
from netra.cases.services.common import event_add
from netra.cases.services.document_common import (
    AUDIENCE,
    BAWASLU_ONLY_EVENTS,
    B,
    E,
    O,
    actor_or_none,
    agency_entry,
    report_references,
)
from netra.core.exceptions import ConflictError
from netra.core.services import in_record_language
from netra.regions.timezones import date_id, datetime_id, office_today

MENPANRB = "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
MENDAGRI = "Menteri Dalam Negeri"


# --- numbering and tembusan ----------------------------------------------------------------------------


def letter_number_next(*, agency: Agency, kind: str, year: int) -> int:
    """The next sequence number of `agency`'s outgoing letters in the kind's series (its classification
    code) and year. Call inside the caller's transaction: the counter row stays locked until it commits,
    so a concurrent issue waits instead of taking the same number (get_or_create retries the read after
    losing the race to create the row)."""
    counter, _created = DocumentCounter.objects.select_for_update().get_or_create(
        agency=agency, kind=letters.classification_code(kind), year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _head_of(agency: Agency) -> str:
    return letters.signer_title(agency)


def _bkpsdm_of(ppk: Agency) -> str:
    unit = ppk.children.filter(kind=AgencyKind.BKPSDM, is_active=True).order_by("name").first()
    return _head_of(unit) if unit else _("Kepala BKPSDM/BKD %(ppk)s") % {"ppk": ppk.name}


def letter_copies(
    *, case: Case, kind: str, issued_by: Agency, addressed_to: Agency | None = None
) -> list[str]:
    """The tembusan of each letter: the issuing Bawaslu's parent office is told of what it sends; an ASN
    case's forwarding and recommendation go to the Satgas ministries (SKB 2022) and, for the
    recommendation, to the Bawaslu that forwarded it and the PPK's personnel office, which drafts the
    sanction decree."""
    copies = []
    if issued_by.family == B and issued_by.parent is not None:
        copies.append(_head_of(issued_by.parent))
    if kind == DocumentKind.FORWARDING and case.recipient is not None and case.recipient.family == O:
        copies += [MENPANRB, MENDAGRI]
    if kind == DocumentKind.RECOMMENDATION:
        copies += [_head_of(case.office), MENPANRB, MENDAGRI]
        if addressed_to is not None:
            copies.append(_bkpsdm_of(addressed_to))
    return copies


# --- one letter ----------------------------------------------------------------------------------------


def letter_render_schedule(document_id: int) -> None:
    """Render the letter's PDF once the caller's transaction commits (nothing happens on a rollback).
    `robust`: the move has committed, so a broker that cannot take the task must not turn the officer's
    success into an error; the letter stays "pending" and `documents_render_pending` picks it up."""
    from netra.cases.tasks import document_render_task

    transaction.on_commit(lambda: document_render_task.delay(document_id), robust=True)


def letter_issue(
    *,
    case: Case,
    kind: str,
    template: str,
    issued_by: Agency,
    addressee: str,
    subject_line: str,
    context: dict,
    actor=None,
    audience: Iterable[str] = (),
    attachment: str = "-",
    copies: Iterable[str] | None = None,
    now: dt.datetime | None = None,
) -> Document:
    """Number and date one letter and write its row (PDF rendered after the commit), timeline line and
    audit row. The caller holds the case lock and bumps the version once for the whole operation.
    `copies` (tembusan) defaults to the kind's (`letter_copies`)."""
    dated = office_today(issued_by, now or timezone.now())
    seq = letter_number_next(agency=issued_by, kind=kind, year=dated.year)
    number = letters.letter_number(agency=issued_by, kind=kind, seq=seq, on=dated)
    if copies is None:
        copies = letter_copies(case=case, kind=kind, issued_by=issued_by)
    head = letters.Letterhead(
        agency=issued_by,
        number=number,
        dated=dated,
        subject_line=subject_line,
        addressee=addressee,
        attachment=attachment,
        copies=tuple(copies),
    )
    context = {"case": letters.case_snapshot(case), **letters.case_law(case), **context}
    document = Document(
        case=case,
        kind=kind,
        number=number[:120],
        dated=dated,
        title=subject_line[:300],
        issued_by=issued_by,
        addressed_to=addressee[:300],
        mime_type="application/pdf",
        generated=True,
        audience=sorted(set(audience or AUDIENCE.get(kind, [B]))),
        created_by=actor_or_none(actor),
        template=template,
        render_context=letters.letter_snapshot(head=head, context=context),
        render_state=DocumentRenderState.PENDING,
    )
    document.full_clean()
    document.save()
    letter_render_schedule(document.pk)
    _letter_record(case, document, addressee=addressee, actor=actor)
    return document


def _letter_record(case: Case, document: Document, *, addressee: str, actor) -> None:
    """The letter's timeline line and audit row (its SHA-256 is audited when the PDF is rendered)."""
    kind, number = document.kind, document.number
    event_add(
        case,
        EventKind.DOCUMENT,
        _("%(kind)s nomor %(number)s kepada %(to)s diterbitkan %(office)s.")
        % {
            "kind": document.get_kind_display(),
            "number": number,
            "to": addressee,
            "office": document.issued_by,
        },
        actor=actor,
        data={"document_id": document.pk, "kind": kind, "number": number},
        visible_to=B if kind in BAWASLU_ONLY_EVENTS else "",
        **({} if actor is not None else {"agency": document.issued_by}),
    )
    audit_record(
        actor=actor,
        action="case.document_generate",
        instance=case,
        after={"document_id": document.pk, "kind": kind, "number": number, "render_state": "pending"},
    )


# --- forwarding letter ---------------------------------------------------------------------------------


def _subject_rows(case: Case) -> list[dict]:
    rows = []
    for s in case.subjects.select_related("person", "agency", "conduct", "violation"):
        # Forwarding requires every conduct classified (steps/forward.py); a conduct outside the SKB
        # catalogue (a TNI/Polri member, a kepala desa) is classified by the case's class of violation.
        if s.violation is not None:
            classification = f"{s.violation.code} {s.violation.title}"
        elif s.conduct_id:
            classification = str(case.get_violation_class_display())
        else:
            classification = _("belum diklasifikasi")
        if s.level:
            classification = f"{classification} ({s.get_level_display()})"
        rows.append(
            {
                "name": s.name,
                "nip": s.nip,
                "position": s.position,
                "agency": s.agency_label,
                "conduct": str(s.conduct) if s.conduct_id else "-",
                "classification": classification,
            }
        )
    return rows


def _evidence_rows(case: Case, agency: Agency) -> tuple[list[dict], list[dict]]:
    from netra.evidence.models import Evidence, EvidenceLink

    report_ids = list(case.case_reports.values_list("report_id", flat=True))
    files = [
        {
            "kind": e.get_kind_display(),
            "size": e.size,
            "sha256": e.sha256,
            "received": datetime_id(e.created_at, agency),
        }
        for e in Evidence.objects.filter(report_id__in=report_ids).order_by("created_at", "id")
    ]
    links = [
        {
            "platform": link.get_platform_display(),
            "url": link.url,
            "captured": datetime_id(link.captured_at, agency),
        }
        for link in EvidenceLink.objects.filter(report_id__in=report_ids).order_by("submitted_at", "id")
    ]
    return files, links


def _forwarding_subject_line(case: Case) -> str:
    """ "Penerusan dugaan pelanggaran netralitas ASN"; other classes by their label, lower-cased, so the
    line never reads "dugaan pelanggaran Pelanggaran …"."""
    from netra.rules.models import ViolationClass

    if case.violation_class == ViolationClass.NEUTRALITY:
        return _("Penerusan dugaan pelanggaran netralitas Aparatur Sipil Negara")
    label = str(case.get_violation_class_display() or _("pelanggaran"))
    return _("Penerusan dugaan %(what)s") % {"what": label[:1].lower() + label[1:]}


def _forwarding_basis(case: Case, law: dict) -> list[str]:
    basis = [law["forwarding_article"], law["handling_regulation"]]
    if case.recipient is not None and case.recipient.family == O:
        basis += [law["asn_law"], law["asn_oversight_basis"]]
    return basis + [
        f"{v.code} {v.title} ({_('Lampiran II')} {law['skb_2022']})"
        for s in case.subjects.filter(violation__isnull=False).select_related("violation")
        if (v := s.violation) is not None
    ]


def _forwarding_context(case: Case) -> dict:
    from netra.intake.models import ReportKind

    files, links = _evidence_rows(case, case.office)
    law = letters.case_law(case)
    return {
        # The officer's own summary (required by the move); the reporter's words never reach a letter.
        "forwarding_summary": case.forwarding_summary,
        "registration_number": case.registration_number,
        "origin": case.get_origin_display(),
        "report_references": report_references(case),
        "has_reporter": case.case_reports.exclude(report__kind=ReportKind.FINDING).exists(),
        "incident_date": date_id(case.incident_date) if case.incident_date else "-",
        "incident_region": case.incident_region.name if case.incident_region is not None else "-",
        "decided_on": date_id(case.decided_on) if case.decided_on else "-",
        "outcome": case.get_decision_outcome_display() or "-",
        "violation_label": case.get_violation_class_display(),
        "is_pilkada": law["election_kind"] == "pilkada",
        "subjects": _subject_rows(case),
        "legal_basis": _forwarding_basis(case, law),
        "evidence_files": files,
        "evidence_links": links,
    }


@in_record_language
def forwarding_letter_issue(*, case: Case, actor, now: dt.datetime | None = None) -> Document:
    """The forwarding letter to the recipient (case summary, subjects with their classification, legal
    basis, every evidence file with SHA-256 and size, every link with its capture time). Inside the
    move's transaction; the PDF is rendered after the commit."""
    if case.recipient is None or case.forwarded_at is None:
        raise ConflictError(_("Kasus belum diteruskan."), code="not_forwarded")
    return letter_issue(
        case=case,
        kind=DocumentKind.FORWARDING,
        template="forwarding.html",
        issued_by=case.office,
        addressee=_("Kepala %(recipient)s") % {"recipient": case.recipient.name},
        subject_line=_forwarding_subject_line(case),
        context=_forwarding_context(case),
        actor=actor,
        audience={B, case.recipient.family, agency_entry(case.recipient.pk)},
        attachment=_("1 (satu) berkas"),
        now=now,
    )


# --- recommendation letters ----------------------------------------------------------------------------


def _recommended_sanctions(recommendation: Recommendation, *, on: dt.date) -> tuple[str, list[str]]:
    """The level and the concrete punishment(s) the letter names: the one recommended, or, when only a
    level was recommended, the catalogue's punishments of that level for the subject's employment type
    in force on the date (the PPK chooses one of them; PP 94/2021 Pasal 8)."""
    from netra.rules.models import Level, Sanction

    sanction = recommendation.sanction
    level_code = sanction.level if sanction is not None else recommendation.level
    level = str(Level(level_code).label) if level_code in Level.values else (level_code or "")
    if sanction is not None:
        return level, [sanction.name]
    if not level_code:
        return level, []
    employment = recommendation.subject.employment_type or "pns"
    in_force = (
        Sanction.objects.filter(level=level_code, employment_type=employment)
        .filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on))
        .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on))
        .order_by("order", "code")
    )
    return level, [s.name for s in in_force]


def _ppk_deadline(case: Case, ppk: Agency) -> str:
    """The PPK's clock to act on the recommendation, in the PPK's own zone (WIB/WITA/WIT)."""
    from netra.clocks.models import DeadlineKind

    deadline = (
        case.deadlines.filter(kind=DeadlineKind.PPK_FOLLOW_UP, agency=ppk).order_by("-starts_at").first()
    )
    return datetime_id(deadline.due_at, ppk) if deadline else ""


def _recommendation_context(case: Case, recommendation: Recommendation, now: dt.datetime | None) -> dict:
    subject = recommendation.subject
    forwarding = case.documents.filter(kind=DocumentKind.FORWARDING).order_by("-created_at").first()
    ppk = recommendation.addressed_to
    level, sanctions = _recommended_sanctions(recommendation, on=office_today(ppk, now))
    return {
        "subject_name": subject.name,
        "subject_nip": subject.nip,
        "subject_position": subject.position,
        "subject_agency": subject.agency_label,
        "violation_code": subject.violation.code if subject.violation is not None else "",
        "violation_title": subject.violation.title if subject.violation is not None else "",
        "violation_nature": subject.get_level_display() if subject.level else "",
        "conduct": str(subject.conduct) if subject.conduct_id else "",
        "sanction_level": level,
        "sanctions": sanctions,
        "legal_basis": recommendation.legal_basis,
        "body": recommendation.body,
        "forwarding_number": forwarding.number if forwarding else "",
        "forwarding_date": date_id(forwarding.dated) if forwarding else "",
        "bawaslu_registration": case.registration_number,
        "ppk_deadline": _ppk_deadline(case, ppk),
    }


def recommendation_letter_issue(
    *, case: Case, recommendation: Recommendation, actor, now: dt.datetime | None = None
) -> Document:
    """One letter per recommendation, from the oversight body to the subject's PPK; linked back on
    `Recommendation.document`."""
    ppk = recommendation.addressed_to
    document = letter_issue(
        case=case,
        kind=DocumentKind.RECOMMENDATION,
        template="recommendation.html",
        issued_by=recommendation.issued_by,
        addressee=_("Pejabat Pembina Kepegawaian %(ppk)s") % {"ppk": ppk.name},
        subject_line=_("Rekomendasi atas pelanggaran netralitas ASN a.n. %(name)s")
        % {"name": recommendation.subject.name},
        context=_recommendation_context(case, recommendation, now),
        actor=actor,
        audience={B, O, E, agency_entry(ppk.pk)},
        copies=letter_copies(
            case=case, kind=DocumentKind.RECOMMENDATION, issued_by=recommendation.issued_by, addressed_to=ppk
        ),
        now=now,
    )
    recommendation.document = document
    recommendation.save(update_fields=["document", "updated_at"])
    return document


@in_record_language
def recommendation_letters_issue(
    *, case: Case, recommendation_ids: Iterable[int], actor, now: dt.datetime | None = None
) -> list[Document]:
    """The letters of the recommendations that have none yet, inside the move's transaction (each PDF is
    rendered after the commit)."""
    recs = Recommendation.objects.select_related(
        "subject__person", "subject__violation", "sanction", "addressed_to", "issued_by"
    ).filter(pk__in=list(recommendation_ids), subject__case=case, document__isnull=True)
    return [recommendation_letter_issue(case=case, recommendation=r, actor=actor, now=now) for r in recs]
