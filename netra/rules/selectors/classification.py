"""Ethics or discipline? The outcome of a conduct by election stage, employment type and date (SKB 2022).

The stage is read through `netra.elections.selectors`: whether an act is an ethics or a discipline breach
depends on the date candidates were determined, so this is the one place the rules layer asks the
elections app (read-only, no foreign key).
"""

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from netra.elections.selectors import ContestRef, election_candidates_determination
from netra.rules.i18n import localized_text
from netra.rules.models import (
    LEVEL_SEVERITY,
    Category,
    Conduct,
    EmploymentType,
    Level,
    Sanction,
    Stage,
    Verification,
    ViolationType,
)
from netra.rules.selectors.catalogue import fmt_date, sanctions_by_level
from netra.rules.selectors.crimes import CrimeReferral, crime_note, crime_referrals_for

if TYPE_CHECKING:
    from netra.elections.models import Election


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
        joined = (
            parts[0]
            if len(parts) == 1
            else _("%(first)s dan %(second)s") % {"first": parts[0], "second": parts[1]}
        )
        return f"{joined} → {self.level_label.lower()}"


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
    # The act may also be an election crime (article, whom it punishes): a suggestion, never a route.
    crime_referrals: tuple[CrimeReferral, ...] = ()

    @property
    def crime_note(self) -> str:
        return crime_note(self.crime_referrals)

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
        ) % {"date": fmt_date(determined_on)}
        head = _("Kegiatan tanggal %(day)s terjadi %(when)s") % {"day": fmt_date(incident_date), "when": when}
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
    determined = f" ({fmt_date(determined_on)})" if determined_on else ""
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


def classify(
    *,
    conduct: Conduct,
    incident_date: dt.date | None,
    election: "Election | None",
    employment_type: str,
    determined_on: dt.date | None,
    sanctions_by_level: dict[str, list[Sanction]],
    subject_type: str = "",
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
            "sebagai rujukan; untuk kejadian sebelumnya berlaku SKB 2020."
        ) % {"day": fmt_date(day), "start": fmt_date(min(v.valid_from for v in active))}
    stage = None
    if incident_date is not None and determined_on is not None:
        stage = Stage.BEFORE_DETERMINATION if incident_date < determined_on else Stage.AFTER_DETERMINATION
    variants = {
        s: _variant(
            stage=s,
            violations=in_force,
            employment_type=employment_type,
            sanctions_by_level=sanctions_by_level,
            gap_note=localized_text(conduct, "stage_gap_note"),
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
        crime_referrals=crime_referrals_for(
            conduct_code=conduct.code,
            election_kind=election.kind if election is not None else "",
            subject_type=subject_type or employment_type,
        ),
    )


def check_employment_type(employment_type: str) -> str:
    if employment_type not in EmploymentType.values:
        raise ValueError(f"Unknown employment type {employment_type!r}")
    return employment_type


def classify_conduct(
    *,
    conduct: Conduct,
    incident_date: dt.date | None,
    election: "Election | None" = None,
    employment_type: str = EmploymentType.PNS,
    contest: ContestRef | None = None,
    subject_type: str = "",
) -> Classification:
    """Ethics or discipline? Before the date candidates are determined the KE items apply (sanksi
    moral); from that date on, the D items (PP 94/2021); items of stage ANY always. Sanctions are those in
    force on the incident date (today if unknown) for the employment type.

    The date is that of the case's race (`contest`: Pemilu 2024 DCT DPR 3 November 2023, presidential
    pairs 13 November 2023); without a race, the election-wide date, and the stage note says so.

    `crime_referrals`: the provisions under which the act may also be an election crime for this
    election's kind (both kinds without an election) and subject type (default: the employment type)."""
    check_employment_type(employment_type)
    determination = (
        election_candidates_determination(election=election, contest=contest)
        if election is not None
        else None
    )
    determined_on = determination.on if determination is not None else None
    result = classify(
        conduct=conduct,
        incident_date=incident_date,
        election=election,
        employment_type=employment_type,
        determined_on=determined_on,
        sanctions_by_level=sanctions_by_level(
            employment_type=employment_type, on=incident_date or timezone.localdate()
        ),
        subject_type=subject_type,
    )
    if determination is None:
        return result
    basis = ""
    if determination.contest_label:
        basis = _("Tanggal penetapan calon untuk %(contest)s: %(date)s.") % {
            "contest": determination.contest_label,
            "date": fmt_date(determination.on),
        }
    extra = " ".join(n for n in (basis, determination.fallback_note) if n)
    return replace(result, stage_note=f"{result.stage_note} {extra}") if extra else result
