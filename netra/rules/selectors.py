"""Reading the law: classification of an act, sanctions, the oversight body in force, routing, self-check.

Everything here is read-only and keyword-only. The catalogue is public, so there is no user scoping
(see permissions.py). The stage of an election is read through `netra.elections.selectors`: whether an
act is an ethics or a discipline breach depends on the date candidates were determined (SKB 2022), so
this is the one place the rules layer asks the elections app (read-only, no foreign key).
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from netra.elections.selectors import election_candidates_determined_on
from netra.rules import search
from netra.rules.models import (
    LEVEL_SEVERITY,
    Category,
    Conduct,
    Destination,
    ElectionScope,
    EmploymentType,
    Level,
    OversightBody,
    RoutingRule,
    Sanction,
    Stage,
    SubjectType,
    Verification,
    ViolationType,
)

if TYPE_CHECKING:
    from netra.elections.models import Election

MIN_SELF_CHECK_LENGTH = 3


def _fmt(day: dt.date) -> str:
    return formats.date_format(day, "j M Y")


def _valid_on_q(on: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=on)
    )


# --- catalogue lists -------------------------------------------------------------------------------


def conduct_list() -> QuerySet[Conduct]:
    active = ViolationType.objects.filter(is_active=True).order_by("order", "code")
    return Conduct.objects.prefetch_related(Prefetch("violations", queryset=active))


def conduct_get(*, code: str) -> Conduct | None:
    return conduct_list().filter(code=code).first()


def violation_list(
    *, category: str | None = None, conduct: str | None = None, include_inactive: bool = False
) -> QuerySet[ViolationType]:
    qs = ViolationType.objects.select_related("conduct")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if category:
        qs = qs.filter(category=category)
    if conduct:
        qs = qs.filter(conduct__code=conduct)
    return qs


def violation_get(*, code: str) -> ViolationType | None:
    """One catalogue item by code, case-insensitive ("ke-4" finds KE-4); inactive ones too (old cases)."""
    return ViolationType.objects.select_related("conduct").filter(code__iexact=code.strip()).first()


def violation_recommended_level(*, violation: ViolationType) -> str:
    """The level the data files recommend; differs from `level` when an administrator changed it."""
    return violation.catalogue_values.get("level", violation.level)


def sanctions_for(*, level: str, employment_type: str, on: dt.date) -> list[Sanction]:
    """The punishments of `level` for PNS/PPPK in force on `on` (PP 53/2010 until 30 Aug 2021, then PP 94)."""
    return list(
        Sanction.objects.filter(_valid_on_q(on), level=level, employment_type=employment_type).order_by(
            "order", "code"
        )
    )


def _sanctions_by_level(*, employment_type: str, on: dt.date) -> dict[str, list[Sanction]]:
    out: dict[str, list[Sanction]] = {}
    for sanction in Sanction.objects.filter(_valid_on_q(on), employment_type=employment_type).order_by(
        "order", "code"
    ):
        out.setdefault(sanction.level, []).append(sanction)
    return out


def oversight_body_list() -> QuerySet[OversightBody]:
    return OversightBody.objects.all()


def oversight_body_on(*, on: dt.date) -> OversightBody | None:
    """The ASN oversight body in force on `on`; if ranges overlap, the one that started last wins."""
    return (
        OversightBody.objects.filter(valid_from__isnull=False, valid_from__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .order_by("-valid_from", "code")
        .first()
    )


def routing_rule_list() -> QuerySet[RoutingRule]:
    return RoutingRule.objects.all()


# --- classification --------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageVariant:
    """What a conduct amounts to in one stage: the catalogue items, the heaviest level, its sanctions."""

    stage: str
    violations: tuple[ViolationType, ...]
    sanctions: tuple[Sanction, ...]
    note: str = ""

    @property
    def level(self) -> str | None:
        if not self.violations:
            return None
        return max((v.level for v in self.violations), key=LEVEL_SEVERITY.__getitem__)

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label) if self.level else ""

    @property
    def category(self) -> str | None:
        heaviest = [v for v in self.violations if v.level == self.level]
        return heaviest[0].category if heaviest else None

    @property
    def category_label(self) -> str:
        return str(Category(self.category).label) if self.category else ""

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(v.code for v in self.violations)

    @property
    def has_conflict(self) -> bool:
        return any(v.verification == Verification.CONFLICT for v in self.violations)

    def outcome_key(self) -> tuple:
        return (self.codes, self.level)

    def describe(self) -> str:
        """ "pelanggaran kode etik (KE-4) → sanksi moral" (Indonesian, for the stage explanation)."""
        if not self.violations:
            return _("tidak ada butir SKB 2022 untuk tahap ini")
        parts = []
        for category in (Category.ETHICS, Category.DISCIPLINE):
            codes = [v.code for v in self.violations if v.category == category]
            if codes:
                parts.append(f"{str(category.label).lower()} ({', '.join(codes)})")
        return f"{_(' dan ').join(parts)} → {self.level_label.lower()}"


@dataclass(frozen=True)
class Classification:
    """The outcome of one conduct for one person and date; both stage variants are always computed so
    the page can say whether the stage changes the outcome."""

    conduct: Conduct
    employment_type: str
    incident_date: dt.date | None
    election: "Election | None"
    determined_on: dt.date | None
    stage: str | None  # Stage.BEFORE_DETERMINATION / AFTER_DETERMINATION, or None when unknown
    before: StageVariant
    after: StageVariant
    stage_note: str
    catalogue_note: str = ""

    @property
    def stage_changes_outcome(self) -> bool:
        return self.before.outcome_key() != self.after.outcome_key()

    @property
    def applicable(self) -> StageVariant | None:
        """The variant that applies; None when the stage is unknown and it matters."""
        if self.stage == Stage.BEFORE_DETERMINATION:
            return self.before
        if self.stage == Stage.AFTER_DETERMINATION:
            return self.after
        return None if self.stage_changes_outcome else self.after

    @property
    def variants(self) -> tuple[StageVariant, StageVariant]:
        return (self.before, self.after)

    @property
    def violations(self) -> tuple[ViolationType, ...]:
        if self.applicable is not None:
            return self.applicable.violations
        seen: dict[str, ViolationType] = {}
        for variant in self.variants:
            for v in variant.violations:
                seen.setdefault(v.code, v)
        return tuple(seen.values())

    @property
    def level(self) -> str | None:
        return self.applicable.level if self.applicable is not None else None

    @property
    def sanctions(self) -> tuple[Sanction, ...]:
        return self.applicable.sanctions if self.applicable is not None else ()

    @property
    def legal_basis(self) -> str:
        return "\n".join(dict.fromkeys(v.legal_basis for v in self.violations))


def _variant(
    *,
    stage: str,
    violations: list[ViolationType],
    employment_type: str,
    sanctions_by_level: dict[str, list[Sanction]],
    gap_note: str,
) -> StageVariant:
    applicable = [
        v
        for v in violations
        if v.stage in (stage, Stage.ANY)
        and (v.applies_to_pns if employment_type == EmploymentType.PNS else v.applies_to_pppk)
    ]
    level = max((v.level for v in applicable), key=LEVEL_SEVERITY.__getitem__) if applicable else None
    return StageVariant(
        stage=stage,
        violations=tuple(applicable),
        sanctions=tuple(sanctions_by_level.get(level, ())) if level else (),
        note="" if applicable else gap_note,
    )


def _stage_note(
    *,
    before: StageVariant,
    after: StageVariant,
    stage: str | None,
    incident_date: dt.date | None,
    election: "Election | None",
    determined_on: dt.date | None,
) -> str:
    changes = before.outcome_key() != after.outcome_key()
    if stage is not None:
        when = (
            _("sebelum penetapan calon (%(date)s)")
            if stage == Stage.BEFORE_DETERMINATION
            else _("sejak penetapan calon (%(date)s)")
        ) % {"date": _fmt(determined_on)}
        head = _("Kegiatan tanggal %(day)s terjadi %(when)s") % {"day": _fmt(incident_date), "when": when}
        if not changes:
            return _(
                "%(head)s. Tahap tidak mengubah hasil: %(outcome)s, sebelum maupun sesudah penetapan calon."
            ) % {
                "head": head,
                "outcome": after.describe(),
            }
        if stage == Stage.BEFORE_DETERMINATION:
            return _("%(head)s: %(now)s. Bila dilakukan sejak penetapan calon: %(other)s.") % {
                "head": head,
                "now": before.describe(),
                "other": after.describe(),
            }
        return _("%(head)s: %(now)s. Sebelum penetapan calon, perbuatan yang sama: %(other)s.") % {
            "head": head,
            "now": after.describe(),
            "other": before.describe(),
        }
    if not changes:
        return _(
            "Tahap pemilihan tidak mengubah hasil: %(outcome)s, sebelum maupun sesudah penetapan calon."
        ) % {"outcome": after.describe()}
    determined = f" ({_fmt(determined_on)})" if determined_on else ""
    text = _("Sebelum penetapan calon%(date)s: %(before)s. Sejak penetapan calon: %(after)s.") % {
        "date": determined,
        "before": before.describe(),
        "after": after.describe(),
    }
    if election is None:
        hint = _("Pilih pemilihan dan isi tanggal kegiatan untuk mengetahui mana yang berlaku.")
    elif determined_on is None:
        hint = _("Tanggal penetapan calon untuk %(election)s belum tercatat.") % {"election": election}
    else:
        hint = _("Isi tanggal kegiatan untuk mengetahui mana yang berlaku.")
    return f"{text} {hint}"


def _classify(
    *,
    conduct: Conduct,
    incident_date: dt.date | None,
    election: "Election | None",
    employment_type: str,
    determined_on: dt.date | None,
    sanctions_by_level: dict[str, list[Sanction]],
) -> Classification:
    active = [v for v in conduct.violations.all() if v.is_active]
    day = incident_date or timezone.localdate()
    in_force = [v for v in active if v.valid_from <= day and (v.valid_until is None or v.valid_until >= day)]
    catalogue_note = ""
    if active and not in_force:
        # E.g. Pilkada 2020 (SKB 2020): show the SKB 2022 item as the closest reference, and say so.
        in_force = active
        catalogue_note = _(
            "Tanggal kegiatan (%(day)s) mendahului berlakunya SKB 2022 (%(start)s); butir ditampilkan "
            "sebagai rujukan, periksa SKB 2020 untuk kejadian sebelumnya [UNVERIFIED]."
        ) % {"day": _fmt(day), "start": _fmt(min(v.valid_from for v in active))}
    stage = None
    if incident_date is not None and determined_on is not None:
        stage = Stage.BEFORE_DETERMINATION if incident_date < determined_on else Stage.AFTER_DETERMINATION
    variants = {
        s: _variant(
            stage=s,
            violations=in_force,
            employment_type=employment_type,
            sanctions_by_level=sanctions_by_level,
            gap_note=conduct.stage_gap_note,
        )
        for s in (Stage.BEFORE_DETERMINATION, Stage.AFTER_DETERMINATION)
    }
    before, after = variants[Stage.BEFORE_DETERMINATION], variants[Stage.AFTER_DETERMINATION]
    return Classification(
        conduct=conduct,
        employment_type=employment_type,
        incident_date=incident_date,
        election=election,
        determined_on=determined_on,
        stage=stage,
        before=before,
        after=after,
        stage_note=_stage_note(
            before=before,
            after=after,
            stage=stage,
            incident_date=incident_date,
            election=election,
            determined_on=determined_on,
        ),
        catalogue_note=catalogue_note,
    )


def _check_employment_type(employment_type: str) -> str:
    if employment_type not in EmploymentType.values:
        raise ValueError(f"Unknown employment type {employment_type!r}")
    return employment_type


def classify_conduct(
    *,
    conduct: Conduct,
    incident_date: dt.date | None,
    election: "Election | None" = None,
    employment_type: str = EmploymentType.PNS,
) -> Classification:
    """Ethics or discipline? Before the date candidates are determined the KE items apply (sanksi
    moral); from that date on, the D items (PP 94/2021); items of stage ANY always. Sanctions are those in
    force on the incident date (today if unknown) for the employment type."""
    _check_employment_type(employment_type)
    determined_on = election_candidates_determined_on(election=election) if election is not None else None
    return _classify(
        conduct=conduct,
        incident_date=incident_date,
        election=election,
        employment_type=employment_type,
        determined_on=determined_on,
        sanctions_by_level=_sanctions_by_level(
            employment_type=employment_type, on=incident_date or timezone.localdate()
        ),
    )


# --- routing ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """Who receives a matter. `oversight_body` is resolved by date when the destination is the ASN
    oversight body (KASN until 3 Sep 2024, BKN from 4 Sep 2024)."""

    subject_type: str
    violation_class: str
    election_kind: str
    on: dt.date
    destination: str
    agency_kind: str
    oversight_body: OversightBody | None
    legal_basis: str
    deadline_note: str
    note: str
    verification: str
    rule: RoutingRule | None = None

    @property
    def is_fallback(self) -> bool:
        return self.rule is None

    @property
    def destination_label(self) -> str:
        if self.destination == Destination.OVERSIGHT_BODY and self.oversight_body is not None:
            return self.oversight_body.name
        return str(Destination(self.destination).label)


FALLBACK_LEGAL_BASIS = (
    "UU 7/2017 Pasal 455 ayat (1) huruf c: pelanggaran peraturan perundang-undangan lainnya diproses oleh "
    "Bawaslu dan/atau diteruskan kepada instansi yang berwenang."
)


def route_for(
    *, subject_type: str, violation_class: str, election_kind: str = "", on: dt.date | None = None
) -> Route:
    """The most specific matching rule wins: exact subject before "any subject", exact election kind
    before "any election". No match (or unknown values): Bawaslu records the matter (documented
    fallback); this never raises, so a person always gets an answer."""
    on = on or timezone.localdate()
    election_kind = election_kind or ""
    candidates = RoutingRule.objects.filter(
        subject_type__in={subject_type, SubjectType.ANY},
        violation_class=violation_class,
        election_kind__in={election_kind, ElectionScope.ANY},
    )

    def specificity(rule: RoutingRule) -> tuple[bool, bool]:
        return (rule.subject_type == subject_type, rule.election_kind == election_kind)

    rule = max(candidates, key=specificity, default=None)
    if rule is None:
        return Route(
            subject_type=subject_type,
            violation_class=violation_class,
            election_kind=election_kind,
            on=on,
            destination=Destination.RECORD_ONLY,
            agency_kind="",
            oversight_body=None,
            legal_basis=FALLBACK_LEGAL_BASIS,
            deadline_note="",
            note=_(
                "Tidak ada aturan penerusan untuk kombinasi ini; Bawaslu mencatat dan menilai sendiri "
                "apakah ada instansi yang berwenang."
            ),
            verification=Verification.UNVERIFIED,
        )
    body = None
    agency_kind = rule.destination_agency_kind
    note = rule.note
    if rule.destination == Destination.OVERSIGHT_BODY:
        body = oversight_body_on(on=on)
        agency_kind = body.agency_kind if body is not None else ""
        if body is None:
            note = " ".join(
                filter(
                    None,
                    [note, _("Tidak ada badan pengawas ASN yang berlaku pada %(day)s.") % {"day": _fmt(on)}],
                )
            )
    return Route(
        subject_type=subject_type,
        violation_class=violation_class,
        election_kind=election_kind,
        on=on,
        destination=rule.destination,
        agency_kind=agency_kind,
        oversight_body=body,
        legal_basis=rule.legal_basis,
        deadline_note=rule.deadline_note,
        note=note,
        verification=rule.verification,
        rule=rule,
    )


# --- rulebook --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConductGroup:
    conduct: Conduct
    ethics: tuple[ViolationType, ...]
    discipline: tuple[ViolationType, ...]


@dataclass(frozen=True)
class Rulebook:
    on: dt.date
    groups: tuple[ConductGroup, ...]
    sanctions: dict[str, dict[str, list[Sanction]]]  # employment type → level → sanctions
    oversight_body: OversightBody | None
    oversight_bodies: tuple[OversightBody, ...]
    routing_rules: tuple[RoutingRule, ...]


def rulebook(*, on: dt.date | None = None) -> Rulebook:
    """Everything the public rulebook page shows, as of `on` (today by default)."""
    on = on or timezone.localdate()
    groups = []
    for conduct in conduct_list():
        items = list(conduct.violations.all())
        if not items:
            continue
        groups.append(
            ConductGroup(
                conduct=conduct,
                ethics=tuple(v for v in items if v.category == Category.ETHICS),
                discipline=tuple(v for v in items if v.category == Category.DISCIPLINE),
            )
        )
    return Rulebook(
        on=on,
        groups=tuple(groups),
        sanctions={et: _sanctions_by_level(employment_type=et, on=on) for et in EmploymentType.values},
        oversight_body=oversight_body_on(on=on),
        oversight_bodies=tuple(oversight_body_list()),
        routing_rules=tuple(routing_rule_list()),
    )


# --- self-check ------------------------------------------------------------------------------------

_INDEX_CACHE = search.IndexCache()


def _conduct_index() -> search.Index:
    """The search index, rebuilt when a conduct is added, removed or saved (updated_at moves)."""
    fingerprint = Conduct.objects.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    key = (fingerprint["n"], fingerprint["last"], fingerprint["top"])

    def build() -> search.Index:
        return search.build_index(
            search.Document(
                key=c.code,
                title=c.title,
                description=c.description,
                keywords=tuple(c.keywords or ()),
                examples=tuple(c.examples or ()),
            )
            for c in Conduct.objects.all()
        )

    return _INDEX_CACHE.get(key, build)


class SelfCheckStatus:
    OK = "ok"
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    NO_MATCH = "no_match"


@dataclass(frozen=True)
class SelfCheckMatch:
    conduct: Conduct
    score: float
    matched_terms: tuple[str, ...]
    classification: Classification


@dataclass(frozen=True)
class SelfCheckResult:
    text: str
    tokens: tuple[str, ...]
    status: str
    message: str
    matches: tuple[SelfCheckMatch, ...] = field(default_factory=tuple)


def self_check(
    *,
    text: str,
    election: "Election | None" = None,
    incident_date: dt.date | None = None,
    employment_type: str = EmploymentType.PNS,
    limit: int = 5,
) -> SelfCheckResult:
    """An ASN describes an activity in everyday Indonesian; we return the matching conducts, best first,
    each classified for the election/date/employment type given. No match gives an empty result and a
    message, never a forced guess."""
    _check_employment_type(employment_type)
    text = (text or "").strip()
    if not text:
        return SelfCheckResult(
            text,
            (),
            SelfCheckStatus.EMPTY,
            _(
                "Ceritakan kegiatan Anda terlebih dahulu, misalnya: "
                "\u201cmenyukai unggahan calon bupati di Instagram\u201d."
            ),
        )
    if sum(ch.isalpha() for ch in text) < MIN_SELF_CHECK_LENGTH:
        return SelfCheckResult(
            text,
            (),
            SelfCheckStatus.TOO_SHORT,
            _("Uraian terlalu pendek. Tuliskan kegiatan Anda dalam satu kalimat."),
        )
    tokens = tuple(search.tokenize(text))
    hits = _conduct_index().search(tokens, limit=limit)
    if not hits:
        return SelfCheckResult(
            text,
            tokens,
            SelfCheckStatus.NO_MATCH,
            _(
                "Tidak ditemukan bentuk pelanggaran netralitas yang cocok dengan uraian Anda. Coba jelaskan "
                "dengan kata lain (mis. \u201cmembagikan video kampanye\u201d, \u201cmemasang baliho\u201d) atau "
                "baca daftar aturan lengkap. Tidak cocok belum tentu berarti boleh."
            ),
        )
    conducts = {c.code: c for c in conduct_list().filter(code__in=[h.key for h in hits])}
    determined_on = election_candidates_determined_on(election=election) if election is not None else None
    sanctions_by_level = _sanctions_by_level(
        employment_type=employment_type, on=incident_date or timezone.localdate()
    )
    matches = tuple(
        SelfCheckMatch(
            conduct=conducts[h.key],
            score=round(h.score, 3),
            matched_terms=h.matched,
            classification=_classify(
                conduct=conducts[h.key],
                incident_date=incident_date,
                election=election,
                employment_type=employment_type,
                determined_on=determined_on,
                sanctions_by_level=sanctions_by_level,
            ),
        )
        for h in hits
        if h.key in conducts
    )
    return SelfCheckResult(
        text,
        tokens,
        SelfCheckStatus.OK,
        _("Kegiatan Anda paling mirip dengan bentuk pelanggaran berikut (yang paling cocok di atas)."),
        matches,
    )
