"""The case workflow as one table: which move, from which stages, to which stage, by which agency
family, with which permission, and which clocks it opens and stops.

Sources: Perbawaslu 7/2022 (penerimaan → kajian awal → registrasi → klarifikasi → kajian → pleno →
status laporan); UU 7/2017 Pasal 454–455, 476; UU 1/2015 Pasal 134–135; REGULATIONS.md §3.3 for the
oversight (KASN → BKN) and PPK stages. `services.case_transition` is the only code that changes
`Case.state`; everything here is pure data and pure functions, so the table is tested exhaustively.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from netra.agencies.models import AgencyFamily
from netra.clocks.models import DeadlineKind
from netra.rules.models import Destination, ViolationClass

from .models import Case, CaseOrigin, CaseState, DecisionOutcome, StopReason

S = CaseState
K = DeadlineKind
BAWASLU = AgencyFamily.BAWASLU
OVERSIGHT = AgencyFamily.OVERSIGHT
EMPLOYER = AgencyFamily.EMPLOYER

# Every clock that belongs to a stage; leaving the stage stops the ones still running.
FOLLOW_UP_CLOCKS = (K.FOLLOW_UP, K.FOLLOW_UP_EXTENDED)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state the case had before it ended (reopen)
    families: frozenset[str]
    permission: str
    requires: tuple[str, ...] = ()  # payload keys that must be given
    opens: tuple[str, ...] = ()  # DeadlineKinds started by the move
    closes: tuple[str, ...] = ()  # DeadlineKinds met by the move
    guard: Callable[[Case], bool] | None = None
    guard_message: str = ""
    basis: str = ""
    stop_reason: str = ""  # the StopReason a move that ends the case records (stop: from the decision)
    by_system: bool = False  # the system may make it (deadline escalation), saying why

    @property
    def is_final(self) -> bool:
        """Whether the move ends the handling of the case (officers confirm it in the interface)."""
        return self.target in (S.STOPPED, S.CLOSED, S.MERGED)

    def allowed_from(self, case: Case) -> bool:
        return case.state in self.sources and (self.guard is None or self.guard(case))


def _is_report(case: Case) -> bool:
    return case.origin == CaseOrigin.REPORT


def _is_finding(case: Case) -> bool:
    return case.origin == CaseOrigin.FINDING


def _to_oversight(case: Case) -> bool:
    return case.destination == Destination.OVERSIGHT_BODY


def _to_other(case: Case) -> bool:
    return bool(case.destination) and case.destination != Destination.OVERSIGHT_BODY


def _proven(case: Case) -> bool:
    return case.decision_outcome == DecisionOutcome.VIOLATION


def _not_proven(case: Case) -> bool:
    return case.decision_outcome in (DecisionOutcome.NOT_VIOLATION, DecisionOutcome.NOT_PROVEN)


def _criminal(case: Case) -> bool:
    return case.violation_class == ViolationClass.CRIMINAL


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "start_review",
        _("Mulai kajian awal"),
        frozenset({S.RECEIVED}),
        S.INITIAL_REVIEW,
        frozenset({BAWASLU}),
        "cases.change_case",
        opens=(K.INITIAL_REVIEW,),
        guard=_is_report,
        guard_message=_("Kajian awal hanya untuk laporan; temuan langsung diregistrasi."),
        basis="Perbawaslu 7/2022 Pasal 16",
    ),
    Transition(
        "request_completion",
        _("Minta pelapor melengkapi syarat"),
        frozenset({S.INITIAL_REVIEW}),
        S.AWAITING_COMPLETION,
        frozenset({BAWASLU}),
        "cases.change_case",
        requires=("reason",),
        opens=(K.COMPLETION_WINDOW,),
        closes=(K.INITIAL_REVIEW,),
        guard=_is_report,
        basis="Perbawaslu 7/2022 Pasal 15 jo. 16 (pemberitahuan 1 hari setelah kajian awal)",
    ),
    Transition(
        "completion_received",
        _("Kelengkapan diterima"),
        frozenset({S.AWAITING_COMPLETION}),
        S.INITIAL_REVIEW,
        frozenset({BAWASLU}),
        "cases.change_case",
        closes=(K.COMPLETION_WINDOW,),
    ),
    Transition(
        "register",
        _("Registrasi"),
        frozenset({S.RECEIVED, S.INITIAL_REVIEW, S.AWAITING_COMPLETION}),
        S.REGISTERED,
        frozenset({BAWASLU}),
        "cases.change_case",
        opens=(K.FOLLOW_UP,),
        closes=(K.INITIAL_REVIEW, K.COMPLETION_WINDOW, K.FINDING_WINDOW),
        guard=lambda c: _is_finding(c) or c.state != S.RECEIVED,
        guard_message=_("Laporan harus melalui kajian awal sebelum diregistrasi."),
        basis="UU 7/2017 Pasal 454 ayat (7); UU 1/2015 Pasal 134 ayat (5)",
    ),
    Transition(
        "not_register",
        _("Tidak diregistrasi"),
        frozenset({S.INITIAL_REVIEW, S.AWAITING_COMPLETION}),
        S.STOPPED,
        frozenset({BAWASLU}),
        "cases.change_case",
        requires=("reason",),
        closes=(K.INITIAL_REVIEW, K.COMPLETION_WINDOW),
        stop_reason=StopReason.NOT_REGISTERED,
        basis="Perbawaslu 7/2022 Pasal 15–16 (syarat tidak dilengkapi)",
    ),
    Transition(
        "withdraw",
        _("Dicabut pelapor"),
        frozenset({S.RECEIVED, S.INITIAL_REVIEW, S.AWAITING_COMPLETION}),
        S.STOPPED,
        frozenset({BAWASLU}),
        "cases.change_case",
        requires=("reason",),
        closes=(K.INITIAL_REVIEW, K.COMPLETION_WINDOW),
        guard=_is_report,
        guard_message=_("Hanya laporan yang dapat dicabut, dan hanya sebelum registrasi."),
        stop_reason=StopReason.WITHDRAWN,
        basis="Perbawaslu 7/2022 Pasal 14 dan 17 ayat (3)",
    ),
    Transition(
        "start_clarification",
        _("Mulai klarifikasi"),
        frozenset({S.REGISTERED, S.STUDY}),
        S.CLARIFICATION,
        frozenset({BAWASLU}),
        "cases.change_case",
    ),
    Transition(
        "start_study",
        _("Mulai kajian"),
        frozenset({S.REGISTERED, S.CLARIFICATION}),
        S.STUDY,
        frozenset({BAWASLU}),
        "cases.change_case",
    ),
    Transition(
        "decide",
        _("Catat putusan pleno"),
        frozenset({S.STUDY}),
        S.DECIDED,
        frozenset({BAWASLU}),
        "cases.decide_case",
        requires=("outcome", "decided_on"),
        closes=FOLLOW_UP_CLOCKS,
        basis="Perbawaslu 7/2022 (rapat pleno, status laporan)",
    ),
    Transition(
        "forward",
        _("Teruskan kepada instansi berwenang"),
        frozenset({S.DECIDED}),
        S.FORWARDED,
        frozenset({BAWASLU}),
        "cases.decide_case",
        # forwarding_summary: the officer's own summary for the letter (never the reporter's words).
        requires=("destination", "recipient_id", "forwarding_summary"),
        closes=(K.CRIMINAL_FORWARD,),
        guard=_proven,
        guard_message=_("Hanya kasus yang terbukti yang diteruskan."),
        basis="UU 7/2017 Pasal 455 ayat (1) huruf c; UU 1/2015 Pasal 135",
    ),
    Transition(
        "stop",
        _("Hentikan (bukan pelanggaran/tidak terbukti)"),
        frozenset({S.DECIDED}),
        S.STOPPED,
        frozenset({BAWASLU}),
        "cases.decide_case",
        closes=(K.CRIMINAL_FORWARD,),
        guard=_not_proven,
        guard_message=_("Kasus yang terbukti diteruskan, tidak dihentikan."),
    ),
    Transition(
        "examine",
        _("Mulai pemeriksaan (verifikasi Satgas)"),
        frozenset({S.FORWARDED}),
        S.EXAMINATION,
        frozenset({OVERSIGHT}),
        "cases.change_case",
        closes=(K.SATGAS_VERIFICATION,),
        guard=_to_oversight,
        guard_message=_("Hanya kasus yang diteruskan kepada pengawas ASN."),
        basis="Alur BKN 2024: verifikasi Satgas Netralitas ≤ 7 hari",
    ),
    Transition(
        "recommend",
        _("Terbitkan rekomendasi kepada PPK"),
        frozenset({S.EXAMINATION}),
        S.RECOMMENDED,
        frozenset({OVERSIGHT}),
        "cases.recommend_case",
        requires=("recommendations",),
        opens=(K.PPK_FOLLOW_UP,),
        basis="UU 5/2014 Pasal 32–33; SKB 2022; alur BKN 2024",
    ),
    Transition(
        "dismiss",
        _("Tidak terbukti menurut pengawas ASN"),
        frozenset({S.EXAMINATION}),
        S.STOPPED,
        frozenset({OVERSIGHT}),
        "cases.recommend_case",
        requires=("reason",),
        stop_reason=StopReason.OVERSIGHT_DISMISSED,
    ),
    Transition(
        "record_sanction",
        _("Catat sanksi yang dijatuhkan"),
        frozenset({S.RECOMMENDED, S.ESCALATED}),
        S.SANCTIONED,
        frozenset({EMPLOYER}),
        "cases.record_sanction",
        requires=("sanctions",),
        closes=(K.PPK_FOLLOW_UP,),
        basis="PP 94/2021; PP 42/2004 Pasal 15",
    ),
    Transition(
        "escalate",
        _("Eskalasi: PPK belum menindaklanjuti"),
        frozenset({S.RECOMMENDED}),
        S.ESCALATED,
        frozenset({OVERSIGHT}),
        "cases.recommend_case",
        requires=("reason",),
        by_system=True,
        basis="UU 5/2014 Pasal 33; BKN: pemblokiran data kepegawaian; Kemendagri: teguran kepala daerah",
    ),
    Transition(
        "close",
        _("Tutup kasus"),
        frozenset({S.SANCTIONED}),
        S.CLOSED,
        frozenset({OVERSIGHT}),
        "cases.recommend_case",
    ),
    Transition(
        "close_forwarded",
        _("Tutup (ditangani instansi penerima)"),
        frozenset({S.FORWARDED}),
        S.CLOSED,
        frozenset({BAWASLU}),
        "cases.change_case",
        requires=("reason",),
        guard=_to_other,
        guard_message=_("Kasus ASN ditutup oleh pengawas ASN setelah sanksi dicatat."),
    ),
    Transition(
        "reopen",
        _("Buka kembali"),
        frozenset({S.CLOSED, S.STOPPED}),
        None,
        frozenset({BAWASLU, OVERSIGHT}),
        "cases.reopen_case",
        requires=("reason",),
    ),
)

# What a payload field is called in a message to an officer (never the internal key: issue 15 item 13).
FIELD_LABELS: dict[str, str] = {
    "reason": _("Alasan"),
    "outcome": _("Putusan pleno"),
    "decided_on": _("Tanggal pleno"),
    "destination": _("Tujuan penerusan"),
    "recipient_id": _("Instansi penerima"),
    "forwarding_summary": _("Ringkasan untuk surat penerusan"),
    "recommendations": _("Rekomendasi (pilih sekurang-kurangnya satu terlapor)"),
    "sanctions": _("Sanksi (isi nomor keputusan sekurang-kurangnya untuk satu terlapor)"),
}


def field_label(key: str) -> str:
    return str(FIELD_LABELS.get(key, key))


BY_NAME: dict[str, Transition] = {t.name: t for t in TRANSITIONS}
if len(BY_NAME) != len(TRANSITIONS):
    raise RuntimeError("transition names must be unique")


def transition_get(name: str) -> Transition | None:
    return BY_NAME.get(name)


def transitions_from(case: Case) -> list[Transition]:
    """Moves the table allows from the case's current stage (before asking who may make them)."""
    return [t for t in TRANSITIONS if t.allowed_from(case)]


# Which agency family owns each stage (who the clock and the "waiting for" label point at).
STAGE_OWNER: dict[str, str] = {
    S.RECEIVED: BAWASLU,
    S.INITIAL_REVIEW: BAWASLU,
    S.AWAITING_COMPLETION: BAWASLU,
    S.REGISTERED: BAWASLU,
    S.CLARIFICATION: BAWASLU,
    S.STUDY: BAWASLU,
    S.DECIDED: BAWASLU,
    S.FORWARDED: OVERSIGHT,
    S.EXAMINATION: OVERSIGHT,
    S.RECOMMENDED: EMPLOYER,
    S.ESCALATED: EMPLOYER,
    S.SANCTIONED: OVERSIGHT,
    S.STOPPED: "",
    S.MERGED: "",
    S.CLOSED: "",
}
