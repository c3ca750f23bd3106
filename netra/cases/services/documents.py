"""Official letters (generated PDFs) and uploaded documents of a case.

- Generated letters: forwarding letter (UU 7/2017 Pasal 455 ayat 1 huruf c; UU 1/2015 Pasal 135 for
  Pilkada), recommendation to the PPK (UU 20/2023 Pasal 70 ayat (3), which replaced UU 5/2014 Pasal
  32–33; BKN flow 2024), status notice to the reporter (Perbawaslu 7/2022 / 8/2020: pemberitahuan
  status laporan), summons and request to present a subject (see services.clarifications). Each is
  numbered from `DocumentCounter` (per issuing office, classification code and year, row-locked: the
  office's agenda surat keluar, so two kinds sharing a code never share a number; the database refuses
  a repeated number of one office), dated in the issuing office's time zone, rendered with WeasyPrint
  and stored privately (netra.cases.storage). The kop, the signer and extra tembusan come from the
  office's `OfficeLetterSettings`; each kind has its own tembusan (`letter_copies`).
- The BAP klarifikasi (`clarification_minutes_template`) is a blank form to print and sign, generated
  on request and not stored: the signed BAP is uploaded as a document.
- The forwarding letter and the recommendation letters are issued automatically when the case is
  forwarded / recommended (netra.cases.document_receivers). The status notice is an explicit action
  (`status_notice_send`): its wording depends on the final status and an officer checks the outcome
  before anything reaches the reporter; the UI shows the button while `Case.reporter_notified_at` is
  empty and the status is settled.
- Letters never carry the reporter's identity: the reporter is "Pelapor" plus the report number.
- Who reads a document: `Document.audience` (agency families, plus "agency:<id>" entries that narrow
  the employer/recipient families to the addressed office). See `selectors.documents`.
"""

import datetime as dt
import hashlib
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.agencies.models import Agency, AgencyFamily, AgencyKind
from netra.audit.services import audit_record
from netra.cases import letters
from netra.cases.models import (
    Case,
    CaseEvent,
    CaseState,
    CaseSubject,
    DecisionOutcome,
    Document,
    DocumentCounter,
    DocumentKind,
    EventKind,
    Recommendation,
    StopReason,
)
from netra.cases.services.common import case_bump, case_lock_for, event_add
from netra.core.exceptions import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from netra.core.scoping import scope_for
from netra.core.services import in_record_language

B = AgencyFamily.BAWASLU
O = AgencyFamily.OVERSIGHT  # noqa: E741
E = AgencyFamily.EMPLOYER

# Who may read each kind (Bawaslu reads every document of a case it may see; see selectors.documents).
AUDIENCE: dict[str, list[str]] = {
    DocumentKind.SUMMONS: [B, O],
    DocumentKind.MINUTES: [B, O],
    DocumentKind.PRESENTATION_REQUEST: [B, O, E],
    DocumentKind.FORWARDING: [B, O],
    DocumentKind.STATUS_NOTICE: [B],
    DocumentKind.RECOMMENDATION: [B, O, E],
    DocumentKind.SANCTION_DECISION: [B, O, E],
    DocumentKind.OTHER: [B],
}
# Timeline lines about these kinds stay with Bawaslu (they name witnesses or concern the reporter).
_BAWASLU_ONLY_EVENTS = frozenset(
    {DocumentKind.SUMMONS, DocumentKind.MINUTES, DocumentKind.STATUS_NOTICE, DocumentKind.OTHER}
)
UPLOAD_KINDS = (DocumentKind.MINUTES, DocumentKind.SANCTION_DECISION, DocumentKind.OTHER)
# Which families may upload which kind (the PPK's decree is the employer's; oversight may file a copy).
_UPLOADERS: dict[str, frozenset[str]] = {
    DocumentKind.MINUTES: frozenset({B}),
    DocumentKind.SANCTION_DECISION: frozenset({E, O}),
    DocumentKind.OTHER: frozenset({B, O, E}),
}


def agency_entry(agency_id: int) -> str:
    return f"agency:{agency_id}"


def _actor(user):
    return user if getattr(user, "is_authenticated", False) else None


def _report_references(case: Case) -> str:
    refs = [cr.report.reference or "" for cr in case.case_reports.select_related("report")]
    return ", ".join(r for r in refs if r) or "-"


def _registration(case: Case) -> str:
    return case.registration_number or case.reference or "-"


# --- numbering and tembusan ----------------------------------------------------------------------------

MENPANRB = "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
MENDAGRI = "Menteri Dalam Negeri"


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
    if issued_by.family == B and issued_by.parent_id:
        copies.append(_head_of(issued_by.parent))
    if kind == DocumentKind.FORWARDING and case.recipient_id and case.recipient.family == O:
        copies += [MENPANRB, MENDAGRI]
    if kind == DocumentKind.RECOMMENDATION:
        copies += [_head_of(case.office), MENPANRB, MENDAGRI]
        if addressed_to is not None:
            copies.append(_bkpsdm_of(addressed_to))
    return copies


def _case_kind(case: Case) -> str:
    return _("temuan") if case.origin == "temuan" else _("laporan")


def document_store(
    *,
    case: Case,
    kind: str,
    title: str,
    issued_by: Agency,
    content: bytes,
    dated: dt.date,
    actor=None,
    number: str = "",
    addressed_to: str = "",
    generated: bool = True,
    audience: Iterable[str] = (),
) -> Document:
    """Write the file to the private storage and its row (no event, audit or bump: callers do that).
    A rollback of the caller's transaction leaves the file behind without a row; it is unreachable."""
    document = Document(
        case=case,
        kind=kind,
        number=number[:120],
        dated=dated,
        title=title[:300],
        issued_by=issued_by,
        addressed_to=addressed_to[:300],
        mime_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        generated=generated,
        audience=sorted(set(audience or AUDIENCE.get(kind, [B]))),
        created_by=_actor(actor),
    )
    document.file.save("document.pdf", ContentFile(content), save=False)
    document.full_clean()
    document.save()
    return document


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
    """Number, date, render and store one letter; write its timeline line and audit row. The caller
    holds the case lock and bumps the version once for the whole operation. `copies` (tembusan)
    defaults to the kind's (`letter_copies`)."""
    now = now or timezone.now()
    dated = letters.office_today(issued_by, now)
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
    context = {"case": case, **letters.case_law(case), **context}
    pdf = letters.render_pdf(template=template, head=head, context=context)
    document = document_store(
        case=case,
        kind=kind,
        title=subject_line,
        issued_by=issued_by,
        content=pdf,
        dated=dated,
        actor=actor,
        number=number,
        addressed_to=addressee,
        audience=audience,
    )
    event_add(
        case,
        EventKind.DOCUMENT,
        _("%(kind)s nomor %(number)s kepada %(to)s diterbitkan %(office)s.")
        % {"kind": document.get_kind_display(), "number": number, "to": addressee, "office": issued_by},
        actor=actor,
        data={"document_id": document.pk, "kind": kind, "number": number},
        visible_to=B if kind in _BAWASLU_ONLY_EVENTS else "",
        **({} if actor is not None else {"agency": issued_by}),
    )
    audit_record(
        actor=actor,
        action="case.document_generate",
        instance=case,
        after={"document_id": document.pk, "kind": kind, "number": number, "sha256": document.sha256},
    )
    return document


# --- forwarding letter ---------------------------------------------------------------------------------


def _subject_rows(case: Case) -> list[dict]:
    rows = []
    for s in case.subjects.select_related("person", "agency", "conduct", "violation"):
        classification = (
            f"{s.violation.code} {s.violation.title}" if s.violation_id else _("belum diklasifikasi")
        )
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
            "received": letters.datetime_id(e.created_at, agency),
        }
        for e in Evidence.objects.filter(report_id__in=report_ids).order_by("created_at", "id")
    ]
    links = [
        {
            "platform": link.get_platform_display(),
            "url": link.url,
            "captured": letters.datetime_id(link.captured_at, agency),
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


@in_record_language
def forwarding_letter_issue(*, case: Case, actor, now: dt.datetime | None = None) -> Document:
    """The forwarding letter to the recipient (case summary, subjects with their classification, legal
    basis, every evidence file with SHA-256 and size, every link with its capture time)."""
    from netra.intake.models import ReportKind

    if case.recipient is None or case.forwarded_at is None:
        raise ConflictError(_("Kasus belum diteruskan."), code="not_forwarded")
    files, links = _evidence_rows(case, case.office)
    has_reporter = case.case_reports.exclude(report__kind=ReportKind.FINDING).exists()
    law = letters.case_law(case)
    is_pilkada = law["election_kind"] == "pilkada"
    basis = [law["forwarding_article"], law["handling_regulation"]]
    if case.recipient.family == O:
        basis += [law["asn_law"], law["asn_oversight_basis"]]
    basis += [
        f"{s.violation.code} {s.violation.title} ({_('Lampiran II')} {law['skb_2022']})"
        for s in case.subjects.filter(violation__isnull=False).select_related("violation")
    ]
    context = {
        # The officer's own summary (required by the move); the reporter's words never reach a letter.
        "forwarding_summary": case.forwarding_summary,
        "registration_number": case.registration_number,
        "origin": case.get_origin_display(),
        "report_references": _report_references(case),
        "has_reporter": has_reporter,
        "incident_date": letters.date_id(case.incident_date) if case.incident_date else "-",
        "incident_region": case.incident_region.name if case.incident_region_id else "-",
        "decided_on": letters.date_id(case.decided_on) if case.decided_on else "-",
        "outcome": case.get_decision_outcome_display() or "-",
        "violation_label": case.get_violation_class_display(),
        "is_pilkada": is_pilkada,
        "subjects": _subject_rows(case),
        "legal_basis": basis,
        "evidence_files": files,
        "evidence_links": links,
    }
    audience = {B, case.recipient.family, agency_entry(case.recipient.pk)}
    return letter_issue(
        case=case,
        kind=DocumentKind.FORWARDING,
        template="forwarding.html",
        issued_by=case.office,
        addressee=_("Kepala %(recipient)s") % {"recipient": case.recipient.name},
        subject_line=_forwarding_subject_line(case),
        context=context,
        actor=actor,
        audience=audience,
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
    level = Level(level_code).label if level_code in Level.values else (level_code or "")
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
    return letters.datetime_id(deadline.due_at, ppk) if deadline else ""


def recommendation_letter_issue(
    *, case: Case, recommendation: Recommendation, actor, now: dt.datetime | None = None
) -> Document:
    """One letter per recommendation, from the oversight body to the subject's PPK; linked back on
    `Recommendation.document`."""
    subject = recommendation.subject
    forwarding = case.documents.filter(kind=DocumentKind.FORWARDING).order_by("-created_at").first()
    ppk = recommendation.addressed_to
    level, sanctions = _recommended_sanctions(recommendation, on=letters.office_today(ppk, now))
    context = {
        "subject_name": subject.name,
        "subject_nip": subject.nip,
        "subject_position": subject.position,
        "subject_agency": subject.agency_label,
        "violation_code": subject.violation.code if subject.violation_id else "",
        "violation_title": subject.violation.title if subject.violation_id else "",
        "violation_nature": subject.get_level_display() if subject.level else "",
        "conduct": str(subject.conduct) if subject.conduct_id else "",
        "sanction_level": level,
        "sanctions": sanctions,
        "legal_basis": recommendation.legal_basis,
        "body": recommendation.body,
        "forwarding_number": forwarding.number if forwarding else "",
        "forwarding_date": letters.date_id(forwarding.dated) if forwarding else "",
        "bawaslu_registration": case.registration_number,
        "ppk_deadline": _ppk_deadline(case, ppk),
    }
    document = letter_issue(
        case=case,
        kind=DocumentKind.RECOMMENDATION,
        template="recommendation.html",
        issued_by=recommendation.issued_by,
        addressee=_("Pejabat Pembina Kepegawaian %(ppk)s") % {"ppk": ppk.name},
        subject_line=_("Rekomendasi atas pelanggaran netralitas ASN a.n. %(name)s") % {"name": subject.name},
        context=context,
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
    recs = Recommendation.objects.select_related(
        "subject__person", "subject__violation", "sanction", "addressed_to", "issued_by"
    ).filter(pk__in=list(recommendation_ids), subject__case=case, document__isnull=True)
    return [recommendation_letter_issue(case=case, recommendation=r, actor=actor, now=now) for r in recs]


# --- explicit generation ---------------------------------------------------------------------------------


def _require_family(user, *families: str) -> None:
    if not scope_for(user).acts_as(*families):
        raise PermissionDeniedError(_("Surat ini bukan kewenangan instansi Anda."), code="not_your_letter")


@in_record_language
def document_generate(
    *,
    case_id: int,
    user,
    kind: str,
    recommendation_id: int | None = None,
    now: dt.datetime | None = None,
) -> Document:
    """Issue a letter on request. The forwarding and recommendation letters are normally issued with
    their transition; this issues one that is missing (e.g. a case forwarded before letters existed) and
    refuses a second number for the same letter. Status notices: `status_notice_send`; summons and
    presentation requests: services.clarifications."""
    if kind == DocumentKind.STATUS_NOTICE:
        return status_notice_send(case_id=case_id, user=user, now=now)
    if kind == DocumentKind.FORWARDING:
        if not user.has_perm("cases.change_case"):
            raise PermissionDeniedError(_("Anda tidak berwenang menerbitkan surat."))
        _require_family(user, B)
        with transaction.atomic():
            case = case_lock_for(case_id=case_id, user=user)
            if case.documents.filter(kind=DocumentKind.FORWARDING).exists():
                raise ConflictError(_("Surat penerusan kasus ini sudah diterbitkan."), code="letter_exists")
            document = forwarding_letter_issue(case=case, actor=user, now=now)
            case_bump(case)
        return document
    if kind == DocumentKind.RECOMMENDATION:
        if not user.has_perm("cases.recommend_case"):
            raise PermissionDeniedError(_("Anda tidak berwenang menerbitkan rekomendasi."))
        _require_family(user, O)
        with transaction.atomic():
            case = case_lock_for(case_id=case_id, user=user)
            rec = (
                Recommendation.objects.select_related("subject__person", "addressed_to", "issued_by")
                .filter(pk=recommendation_id or 0, subject__case=case)
                .first()
            )
            if rec is None:
                raise NotFoundError(_("Rekomendasi tidak ditemukan dalam kasus ini."))
            if rec.document_id:
                raise ConflictError(_("Surat rekomendasi ini sudah diterbitkan."), code="letter_exists")
            document = recommendation_letter_issue(case=case, recommendation=rec, actor=user, now=now)
            case_bump(case)
        return document
    raise ApplicationError(
        _("Jenis surat ini dibuat melalui langkahnya sendiri (klarifikasi)."), extra={"field": "kind"}
    )


# --- BAP klarifikasi (blank form) -----------------------------------------------------------------------

BAP_ROWS = 8


@in_record_language
def clarification_minutes_template(*, case_id: int, clarification_id: int, user) -> tuple[bytes, str]:
    """The Berita Acara Klarifikasi of one session, as a PDF to print, fill in during the session and
    sign (the signed scan is then uploaded as the session's BAP). Bawaslu's officers only: it names who
    was summoned. Not stored and not numbered (the number is written by hand in the office's register);
    a reporter is never named on it: their identity is written on paper only."""
    from netra.cases.models import Clarification, ClarificationRole
    from netra.cases.selectors.cases import case_get_visible

    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang membuat berita acara klarifikasi."))
    _require_family(user, B)
    case = case_get_visible(user=user, case_id=case_id)
    if case is None:
        raise NotFoundError(_("Kasus tidak ditemukan."))
    clarification = (
        Clarification.objects.select_related("subject__person", "summons")
        .filter(pk=clarification_id, case=case)
        .first()
    )
    if clarification is None:
        raise NotFoundError(_("Klarifikasi tidak ditemukan dalam kasus ini."))
    office = case.office
    local = clarification.scheduled_at.astimezone(letters.office_zone(office))
    zone = letters.ZONE_ABBREVIATIONS.get(str(letters.office_zone(office)), "")
    subject = clarification.subject
    is_reporter = clarification.role == ClarificationRole.REPORTER
    head = letters.Letterhead(
        agency=office, number="", dated=local.date(), subject_line=_("Berita Acara Klarifikasi"), addressee=""
    )
    context = {
        "case": case,
        **letters.case_law(case),
        "case_kind": _case_kind(case),
        "registration_number": case.registration_number,
        "day_name": letters.DAYS[local.weekday()],
        "date_text": letters.date_id(local.date()),
        "time_text": f"{local:%H.%M} {zone}".strip(),
        "place": clarification.place,
        "invitee": clarification.invitee_name,
        "invitee_known": not is_reporter,
        "role_label": clarification.get_role_display(),
        "attempt": clarification.attempt,
        "summons_number": clarification.summons.number if clarification.summons_id else "",
        "nip": subject.nip if subject is not None else "",
        "position": subject.position if subject is not None else "",
        "rows": range(1, BAP_ROWS + 1),
    }
    pdf = letters.render_pdf(template="bap_klarifikasi.html", head=head, context=context)
    name = f"bap-klarifikasi-{case.reference}-{clarification.pk}.pdf"
    return pdf, name


# --- status notice to the reporter ---------------------------------------------------------------------


def _status_for_reporter(case: Case) -> tuple[str, str]:
    if case.state == CaseState.STOPPED:
        reason = StopReason(case.stop_reason).label if case.stop_reason else CaseState.STOPPED.label
        return (
            _("Dihentikan: %(reason)s") % {"reason": reason},
            _("Penanganan laporan dihentikan. Terima kasih atas partisipasi Saudara dalam pengawasan."),
        )
    if case.decision_outcome == DecisionOutcome.VIOLATION:
        recipient = case.recipient.name if case.recipient_id else _("instansi yang berwenang")
        return (
            _("Terbukti; diteruskan kepada %(recipient)s") % {"recipient": recipient},
            _(
                "Dugaan pelanggaran dinyatakan terbukti dalam rapat pleno dan diteruskan kepada instansi "
                "yang berwenang untuk ditindaklanjuti (UU 7/2017 Pasal 455 ayat (1) huruf c)."
            ),
        )
    return (
        DecisionOutcome(case.decision_outcome).label,
        _("Laporan tidak dapat ditindaklanjuti sebagai pelanggaran."),
    )


def status_notice_refusal(*, case: Case, user) -> ApplicationError | None:
    """Why this user may not send the status notice on `case` now, or None. The case page shows the
    button exactly when this is None (one rule for the page and the service)."""
    from netra.intake.models import ReportKind

    if not user.has_perm("cases.change_case") or not scope_for(user).acts_as(B):
        return PermissionDeniedError(_("Anda tidak berwenang mengirim pemberitahuan status."))
    if case.state != CaseState.STOPPED and not case.decision_outcome:
        return ConflictError(
            _("Status laporan belum ditetapkan (belum ada putusan pleno)."), code="status_not_settled"
        )
    if not case.case_reports.exclude(report__kind=ReportKind.FINDING).exists():
        return ConflictError(_("Kasus ini tidak memiliki pelapor (temuan)."), code="no_reporter")
    return None


@in_record_language
def status_notice_send(*, case_id: int, user, now: dt.datetime | None = None) -> Document:
    """Issue the status notice (kept by Bawaslu only) and tell every reporter of the case through the
    report's message channel; the reporter's identity is never written into the letter."""
    from netra.intake.models import ReportKind
    from netra.intake.services import message_from_officer

    now = now or timezone.now()
    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang mengirim pemberitahuan status."))
    _require_family(user, B)
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        if (refusal := status_notice_refusal(case=case, user=user)) is not None:
            raise refusal
        reports = [
            cr.report
            for cr in case.case_reports.select_related("report")
            if cr.report.kind != ReportKind.FINDING
        ]
        status, explanation = _status_for_reporter(case)
        refs = _report_references(case)
        document = letter_issue(
            case=case,
            kind=DocumentKind.STATUS_NOTICE,
            template="status_notice.html",
            issued_by=case.office,
            addressee=_("Pelapor laporan nomor %(refs)s") % {"refs": refs},
            subject_line=_("Pemberitahuan status laporan"),
            context={
                "report_label": _case_kind(case),
                "report_references": refs,
                "registration": case.registration_number,
                "status": status,
                "decided_on": letters.date_id(case.decided_on) if case.decided_on else "",
                "explanation": explanation,
            },
            actor=user,
            audience=[B],
            now=now,
        )
        body = _(
            "Pemberitahuan status laporan %(refs)s: %(status)s. %(explanation)s "
            "(Surat nomor %(number)s tanggal %(date)s.)"
        ) % {
            "refs": refs,
            "status": status,
            "explanation": explanation,
            "number": document.number,
            "date": letters.date_id(document.dated),
        }
        for report in reports:
            message_from_officer(report=report, officer=user, body=body)
        case.reporter_notified_at = now
        case_bump(case, "reporter_notified_at")
        event_add(
            case,
            EventKind.MESSAGE,
            _("Status laporan diberitahukan kepada pelapor (%(number)s).") % {"number": document.number},
            actor=user,
            data={"document_id": document.pk},
            visible_to=B,
        )
        audit_record(
            actor=user,
            action="case.status_notice",
            instance=case,
            after={"document_id": document.pk, "reports": [r.pk for r in reports]},
        )
    return document


# --- uploads -------------------------------------------------------------------------------------------


def _checked_pdf(uploaded_file) -> bytes:
    """The upload's bytes if its *content* is a PDF that passes the evidence checks (python-magic
    sniffing, size limit NETRA_UPLOAD_MAX_BYTES, no active content)."""
    from netra.evidence.models import EvidenceKind
    from netra.evidence.services import evidence_check

    checked = evidence_check(uploaded_file=uploaded_file)
    if checked.kind != EvidenceKind.PDF:
        raise ApplicationError(_("Dokumen harus berupa berkas PDF."), code="not-pdf", extra={"field": "file"})
    uploaded_file.seek(0)
    content = uploaded_file.read()
    if hashlib.sha256(content).hexdigest() != checked.sha256:
        raise ApplicationError(_("Berkas berubah setelah diperiksa; unggah ulang."), code="document-changed")
    return content


@in_record_language
def document_upload(
    *,
    case_id: int,
    user,
    kind: str,
    uploaded_file,
    title: str = "",
    number: str = "",
    now: dt.datetime | None = None,
) -> Document:
    """Store an uploaded PDF: clarification minutes (BAP), the PPK's sanction decree, or another
    document. Stored privately with its SHA-256; readable by the audience of its kind."""
    if kind not in UPLOAD_KINDS:
        raise ApplicationError(_("Jenis dokumen tidak dapat diunggah."), extra={"field": "kind"})
    if not user.has_perm("cases.change_case"):
        raise PermissionDeniedError(_("Anda tidak berwenang mengunggah dokumen."))
    if not scope_for(user).acts_as(*_UPLOADERS[kind]):
        raise PermissionDeniedError(_("Dokumen jenis ini bukan kewenangan instansi Anda."))
    content = _checked_pdf(uploaded_file)
    with transaction.atomic():
        case = case_lock_for(case_id=case_id, user=user)
        document = _upload_store(case=case, user=user, kind=kind, content=content, title=title, number=number)
        case_bump(case)
    return document


def _upload_store(*, case: Case, user, kind: str, content: bytes, title: str, number: str = "") -> Document:
    """Inside the caller's transaction and case lock: the row, the timeline line and the audit row."""
    agency = user.agency or case.office
    audience = set(AUDIENCE[kind]) | {scope_for(user).agency_family or B}
    if kind in (DocumentKind.SANCTION_DECISION, DocumentKind.OTHER) and agency.family == E:
        audience.add(agency_entry(agency.pk))
    label = DocumentKind(kind).label
    document = document_store(
        case=case,
        kind=kind,
        title=(title.strip() or str(label))[:300],
        issued_by=agency,
        content=content,
        dated=letters.office_today(agency),
        actor=user,
        number=number.strip(),
        generated=False,
        audience=audience,
    )
    event_add(
        case,
        EventKind.DOCUMENT,
        _("%(kind)s diunggah: %(title)s.") % {"kind": label, "title": document.title},
        actor=user,
        data={"document_id": document.pk, "kind": kind, "sha256": document.sha256},
        visible_to=B if kind in _BAWASLU_ONLY_EVENTS else "",
    )
    audit_record(
        actor=user,
        action="case.document_upload",
        instance=case,
        after={"document_id": document.pk, "kind": kind, "sha256": document.sha256, "size": document.size},
    )
    return document


def sanction_decree_id(*, case: Case, document_id, user, index: int = 0) -> int | None:
    """The sanction decree (SK) a sanction record cites: a `keputusan_sanksi` document of this very case
    that the recorder may read (the PPK's own upload, or the oversight body's copy). None when no SK is
    cited; any other document is refused (another case's SK, a letter, an id the PPK cannot see)."""
    from netra.cases.selectors.documents import document_readable

    if document_id in (None, ""):
        return None
    field = f"sanctions[{index}].document_id"
    try:
        pk = int(document_id)
    except (TypeError, ValueError) as exc:
        raise ApplicationError(_("SK yang dipilih tidak valid."), extra={"field": field}) from exc
    document = case.documents.filter(pk=pk, kind=DocumentKind.SANCTION_DECISION).first()
    if document is None or not document_readable(document, scope_for(user)):
        raise ApplicationError(
            _("SK yang dipilih bukan keputusan sanksi yang diunggah dalam kasus ini."), extra={"field": field}
        )
    return document.pk


# --- reading -------------------------------------------------------------------------------------------


def document_open(*, case_id: int, document_id: int, user) -> tuple[bytes, Document]:
    """The document's bytes for a reader in its audience, after checking them against the stored
    SHA-256. The download is recorded on the case timeline (append-only; Bawaslu's view): reads do
    not write to the audit log (a rule of the permission test base), so the timeline is the access
    record, as the chain of custody is for evidence files."""
    from netra.cases.selectors.documents import document_get_visible

    document = document_get_visible(case_id=case_id, document_id=document_id, user=user)
    with document.file.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise ConflictError(_("Berkas dokumen tidak utuh (SHA-256 tidak cocok)."), code="document-damaged")
    with transaction.atomic():
        CaseEvent.objects.create(
            case_id=case_id,
            kind=EventKind.DOCUMENT,
            actor=user,
            agency=user.agency,
            text=_("%(doc)s diunduh oleh %(who)s (%(agency)s).")
            % {"doc": document, "who": user.get_username(), "agency": user.agency or "-"},
            data={"document_id": document.pk, "downloaded": True},
            visible_to=B,
        )
    return content, document


def subject_for_case(case: Case, subject_id: int | None) -> CaseSubject:
    subject = case.subjects.select_related("person", "agency").filter(pk=subject_id or 0).first()
    if subject is None:
        raise NotFoundError(_("Terlapor tidak ditemukan dalam kasus ini."))
    return subject
