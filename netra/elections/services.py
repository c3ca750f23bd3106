"""Writing elections, their stages and contestants. Every write is validated, atomic and audited.

Kolom kosong (the empty box), as implemented here (UU 10/2016 Pasal 54C; Putusan MK 100/PUU-XIII/2015):
- it exists only in a Pilkada (gubernur, bupati, wali kota), never for the presidency;
- a race (one office in one region) may have an empty box only when it has exactly one real pair, and
  at most one empty box; so the pair is recorded first, then the box, and no second pair can join a
  race that has a box;
- the box has no names, no nomor urut (the ballot shows the single pair beside an empty column) and no
  supporting parties;
- the single pair itself may have no nomor urut either: the ballot has two columns, the pair's photo and
  an empty one (UU 10/2016 Pasal 54C ayat (2)), and KPU draws only the columns' places, not numbers
  [SECONDARY: KPU Kota Balikpapan 2020, kaltim.antaranews.com 24-09-2020 "tidak ada nomor urut"]. A pair
  without a number is therefore accepted only while it is the only pair of its race; every pair of a
  race with two or more pairs needs its number (and the presidency always does).

Office and region must match: presiden → no region; gubernur → a province; bupati → a kabupaten;
wali_kota → a kota. Two regions have no such election at all: the Governor of DIY is not elected
(UU 13/2012 tentang Keistimewaan DIY, Pasal 18) and Jakarta's kota/kabupaten administrasi are not
autonomous regions (UU 29/2007 Pasal 19), so no bupati/wali kota is elected there.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.core.exceptions import ApplicationError
from netra.core.serialization import instance_snapshot
from netra.elections.models import Contestant, Election, ElectionKind, ElectionStage, Party, StageKind
from netra.elections.selectors import contestant_list_for_race, election_covers_region
from netra.regions.models import Region
from netra.regions.selectors import region_get

Office = Contestant.Office

# Which region kind each office is elected in (None: nationwide, no region).
OFFICE_REGION_KIND: dict[str, str | None] = {
    Office.PRESIDEN: None,
    Office.GUBERNUR: Region.Kind.PROVINSI,
    Office.BUPATI: Region.Kind.KABUPATEN,
    Office.WALI_KOTA: Region.Kind.KOTA,
}
# Which kind of election each office belongs to: the presidency in a Pemilu, regional heads in a Pilkada.
OFFICE_ELECTION_KIND: dict[str, str] = {
    Office.PRESIDEN: ElectionKind.PEMILU,
    Office.GUBERNUR: ElectionKind.PILKADA,
    Office.BUPATI: ElectionKind.PILKADA,
    Office.WALI_KOTA: ElectionKind.PILKADA,
}
DIY_PROVINCE = "34"  # the Sultan is Governor by law (UU 13/2012 Pasal 18)
DKI_PROVINCE = "31"  # kota/kabupaten administrasi, heads appointed by the Governor (UU 29/2007 Pasal 19)


def _full_clean(instance: models.Model, *, exclude: Iterable[str] | None = None) -> None:
    """Model validation as an ApplicationError, so the API answers with problem details."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        first = next(iter(errors.values()))[0]
        raise ApplicationError(first, extra={"errors": errors}, code="validation-error") from exc


def _regions_for(codes: Sequence[str]) -> list[Region]:
    regions = []
    for code in codes:
        region = region_get(code=str(code))
        if region is None or not region.is_active:
            raise ApplicationError(
                _("Wilayah %(code)s tidak dikenal.") % {"code": code}, code="unknown-region"
            )
        regions.append(region)
    return regions


# --- Elections ------------------------------------------------------------------------------------


@transaction.atomic
def election_create(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    voting_day: dt.date,
    is_nationwide: bool = True,
    region_codes: Sequence[str] = (),
    legal_basis: str = "",
    is_tentative: bool = False,
    notes: str = "",
) -> Election:
    """Create an election. A nationwide one takes no regions; any other needs at least one."""
    if is_nationwide and region_codes:
        raise ApplicationError(
            _("Pemilihan serentak nasional tidak memerlukan daftar wilayah."), code="regions-not-allowed"
        )
    if not is_nationwide and not region_codes:
        raise ApplicationError(
            _("Pemilihan yang tidak serentak nasional harus mencantumkan wilayahnya."),
            code="regions-required",
        )
    regions = _regions_for(region_codes)
    election = Election(
        code=code,
        name=name,
        kind=kind,
        voting_day=voting_day,
        is_nationwide=is_nationwide,
        legal_basis=legal_basis,
        is_tentative=is_tentative,
        notes=notes,
    )
    _full_clean(election)
    election.save()
    if regions:
        election.regions.add(*regions)
    audit_record(
        actor=actor,
        action="election.create",
        instance=election,
        after={**instance_snapshot(election), "regions": sorted(r.code for r in regions)},
    )
    return election


# --- Stages ---------------------------------------------------------------------------------------


def _stage_dates_problem(*, election: Election, kind: str, starts_on: dt.date, ends_on: dt.date) -> None:
    """The checks on the stage's own fields, in the order callers have always seen them."""
    if ends_on < starts_on:
        raise ApplicationError(
            _("Tanggal selesai tahapan tidak boleh sebelum tanggal mulai."), code="stage-dates-reversed"
        )
    if kind not in StageKind.values:
        raise ApplicationError(_("Jenis tahapan tidak dikenal."), code="unknown-stage-kind")
    if kind == StageKind.VOTING and not (starts_on <= election.voting_day <= ends_on):
        raise ApplicationError(
            _("Tahapan pemungutan suara harus memuat hari pemungutan suara (%(day)s).")
            % {"day": election.voting_day.isoformat()},
            code="voting-stage-mismatch",
        )


def _stage_to_write(*, election: Election, kind: str, stage: ElectionStage | None) -> ElectionStage | None:
    """The row to edit (locked), or None to create one; refuses a second stage of the same kind."""
    # This service edits the election-wide schedule; a race's own dates (contest/region) are data.
    same_kind = ElectionStage.objects.select_for_update().filter(
        election=election, kind=kind, contest="", region__isnull=True
    )
    if stage is None:
        return same_kind.first()
    if stage.election_id != election.pk:
        raise ApplicationError(_("Tahapan bukan milik pemilihan ini."), code="stage-election-mismatch")
    if same_kind.exclude(pk=stage.pk).exists():
        raise ApplicationError(
            _("Pemilihan ini sudah memiliki tahapan %(kind)s.") % {"kind": StageKind(kind).label},
            code="duplicate-stage-kind",
        )
    return stage


def _stage_update(
    *, actor, stage: ElectionStage, kind: str, starts_on: dt.date, ends_on: dt.date, legal_basis: str
) -> ElectionStage:
    """Edit an existing stage, saving and auditing only the fields that really changed."""
    before = instance_snapshot(stage)
    stage.kind, stage.starts_on, stage.ends_on, stage.legal_basis = kind, starts_on, ends_on, legal_basis
    _full_clean(stage)
    after = instance_snapshot(stage)
    changed = sorted(k for k in after if after[k] != before.get(k))
    if changed:
        stage.save(update_fields=[f for f in ("kind", "starts_on", "ends_on", "legal_basis") if f in changed])
        audit_record(
            actor=actor,
            action="election_stage.update",
            instance=stage,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    return stage


@transaction.atomic
def election_stage_set(
    *,
    actor,
    election: Election,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    legal_basis: str = "",
    stage: ElectionStage | None = None,
) -> ElectionStage:
    """Create or update a stage (both ends inclusive).

    Without `stage`, the stage of that `kind` is created or, if the election has one, updated (an
    election has at most one stage per kind). With `stage`, that row is edited, and moving it to a kind
    the election already has is refused.
    """
    _stage_dates_problem(election=election, kind=kind, starts_on=starts_on, ends_on=ends_on)
    stage = _stage_to_write(election=election, kind=kind, stage=stage)
    if stage is not None:
        return _stage_update(
            actor=actor, stage=stage, kind=kind, starts_on=starts_on, ends_on=ends_on, legal_basis=legal_basis
        )
    stage = ElectionStage(
        election=election, kind=kind, starts_on=starts_on, ends_on=ends_on, legal_basis=legal_basis
    )
    _full_clean(stage)
    stage.save()
    audit_record(actor=actor, action="election_stage.create", instance=stage, after=instance_snapshot(stage))
    return stage


# --- Contestants ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContestantSpec:
    """What the rules need to know about one contestant (saved or not); also used by the admin."""

    office: str
    region: Region | None
    ballot_number: int | None = None
    candidate_name: str = ""
    running_mate_name: str = ""
    is_empty_box: bool = False

    @classmethod
    def of(cls, contestant: Contestant) -> "ContestantSpec":
        return cls(
            office=contestant.office,
            region=contestant.region,
            ballot_number=contestant.ballot_number,
            candidate_name=contestant.candidate_name,
            running_mate_name=contestant.running_mate_name,
            is_empty_box=contestant.is_empty_box,
        )


def _region_problems(*, election: Election, spec: ContestantSpec, office_label: str) -> list[str]:
    """Whether the contestant's region fits its office (right level, elected at all, in the election)."""
    wanted_kind = OFFICE_REGION_KIND[spec.office]
    region = spec.region
    if wanted_kind is None:
        return (
            [_("Pemilihan presiden tidak terikat wilayah; kosongkan wilayahnya.")]
            if region is not None
            else []
        )
    if region is None:
        return [_("%(office)s harus dikaitkan dengan wilayahnya.") % {"office": office_label}]
    problems = []
    if not region.is_active:
        problems.append(_("Wilayah %(code)s sudah tidak aktif.") % {"code": region.code})
    if region.kind != wanted_kind:
        problems.append(
            _("%(office)s dipilih di tingkat %(kind)s, bukan di %(region)s.")
            % {"office": office_label, "kind": Region.Kind(wanted_kind).label, "region": region.name}
        )
    elif spec.office == Office.GUBERNUR and region.code == DIY_PROVINCE:
        problems.append(_("Gubernur DIY tidak dipilih melalui pilkada (UU 13/2012)."))
    elif region.code.startswith(DKI_PROVINCE + "."):
        problems.append(
            _("Kota/kabupaten administrasi di Jakarta tidak menyelenggarakan pilkada (UU 29/2007).")
        )
    if not election_covers_region(election=election, region_code=region.code):
        problems.append(
            _("%(region)s tidak termasuk wilayah %(election)s.")
            % {"region": region.name, "election": election.name}
        )
    return problems


def _ballot_problems(spec: ContestantSpec) -> list[str]:
    """What a pair must have on the ballot, and what the empty box must not have."""
    problems = []
    if spec.is_empty_box:
        if spec.office == Office.PRESIDEN:
            problems.append(_("Kolom kosong hanya ada dalam pilkada dengan satu pasangan calon."))
        if spec.candidate_name or spec.running_mate_name:
            problems.append(_("Kolom kosong tidak memiliki nama calon."))
        if spec.ballot_number is not None:
            problems.append(_("Kolom kosong tidak memiliki nomor urut."))
        return problems
    if spec.ballot_number is not None and spec.ballot_number < 1:
        problems.append(_("Nomor urut dimulai dari 1."))
    if spec.ballot_number is None and spec.office == Office.PRESIDEN:
        problems.append(_("Pasangan calon harus memiliki nomor urut."))
    if not spec.candidate_name.strip() or not spec.running_mate_name.strip():
        problems.append(_("Nama calon dan calon wakil wajib diisi."))
    return problems


def contestant_problems(*, election: Election, spec: ContestantSpec) -> list[str]:
    """Why this contestant cannot stand in this election, on its own (empty list: it can)."""
    if spec.office not in OFFICE_REGION_KIND:
        return [_("Jabatan tidak dikenal.")]
    problems = []
    office_label = Office(spec.office).label
    if election.kind != OFFICE_ELECTION_KIND[spec.office]:
        problems.append(
            _("%(office)s tidak dipilih dalam %(kind)s.")
            % {"office": office_label, "kind": ElectionKind(election.kind).label}
        )
    problems += _region_problems(election=election, spec=spec, office_label=office_label)
    problems += _ballot_problems(spec)
    return problems


def race_problems(*, contestants: Sequence[ContestantSpec]) -> list[str]:
    """Why the contestants of one race (one office, one region) cannot stand together."""
    problems = []
    pairs = [c for c in contestants if not c.is_empty_box]
    boxes = [c for c in contestants if c.is_empty_box]
    duplicated = sorted(n for n, k in Counter(c.ballot_number for c in pairs).items() if k > 1 and n)
    if duplicated:
        problems.append(
            _("Nomor urut %(numbers)s dipakai lebih dari satu pasangan calon.")
            % {"numbers": ", ".join(str(n) for n in duplicated)}
        )
    if len(pairs) > 1 and any(c.ballot_number is None for c in pairs):
        problems.append(
            _(
                "Setiap pasangan calon harus memiliki nomor urut bila ada lebih dari satu pasangan; hanya "
                "calon tunggal yang melawan kolom kosong tanpa nomor urut (UU 10/2016 Pasal 54C ayat (2))."
            )
        )
    if len(boxes) > 1:
        problems.append(_("Satu pemilihan hanya dapat memiliki satu kolom kosong."))
    if boxes and len(pairs) != 1:
        problems.append(
            _("Kolom kosong hanya ada bila terdapat tepat satu pasangan calon (UU 10/2016 Pasal 54C).")
        )
    return problems


def _contestant_region(region_code: str | None) -> Region | None:
    """The region named by code (None without one); an unknown code is refused here, an inactive one later."""
    if not region_code:
        return None
    region = region_get(code=region_code)
    if region is None:
        raise ApplicationError(
            _("Wilayah %(code)s tidak dikenal.") % {"code": region_code}, code="unknown-region"
        )
    return region


def _check_contestant(*, election: Election, spec: ContestantSpec) -> None:
    """Refuse the contestant on its own first; only a valid one is checked against its race."""
    problems = contestant_problems(election=election, spec=spec)
    if not problems:
        race = [
            ContestantSpec.of(c)
            for c in contestant_list_for_race(
                election=election,
                office=spec.office,
                region_code=spec.region.code if spec.region else None,
            ).select_related("region")
        ]
        problems = race_problems(contestants=[*race, spec])
    if problems:
        raise ApplicationError(problems[0], extra={"errors": problems}, code="invalid-contestant")


def _contestant_parties(*, party_codes: Sequence[str], is_empty_box: bool) -> list[Party]:
    """The supporting parties; every code must be known, and the empty box has none."""
    parties = list(Party.objects.filter(code__in=party_codes))
    unknown = sorted(set(party_codes) - {p.code for p in parties})
    if unknown:
        raise ApplicationError(
            _("Partai %(codes)s tidak dikenal.") % {"codes": ", ".join(unknown)}, code="unknown-party"
        )
    if is_empty_box and parties:
        raise ApplicationError(_("Kolom kosong tidak diusung partai."), code="invalid-contestant")
    return parties


@transaction.atomic
def contestant_create(
    *,
    actor,
    election: Election,
    office: str,
    region_code: str | None = None,
    ballot_number: int | None = None,
    candidate_name: str = "",
    running_mate_name: str = "",
    is_empty_box: bool = False,
    party_codes: Sequence[str] = (),
) -> Contestant:
    """Record a pair (or the empty box) on one ballot. See the module docstring for the rules."""
    # Serialise writers of this election's contestants so two concurrent creates cannot both pass the
    # race check (no-op on SQLite, which serialises writers anyway).
    Election.objects.select_for_update().filter(pk=election.pk).first()
    region = _contestant_region(region_code)
    spec = ContestantSpec(
        office=office,
        region=region,
        ballot_number=ballot_number,
        candidate_name=candidate_name.strip(),
        running_mate_name=running_mate_name.strip(),
        is_empty_box=is_empty_box,
    )
    _check_contestant(election=election, spec=spec)
    parties = _contestant_parties(party_codes=party_codes, is_empty_box=is_empty_box)
    contestant = Contestant(
        election=election,
        office=office,
        region=region,
        ballot_number=ballot_number,
        candidate_name=spec.candidate_name,
        running_mate_name=spec.running_mate_name,
        is_empty_box=is_empty_box,
    )
    _full_clean(contestant)
    contestant.save()
    if parties:
        contestant.parties.set(parties)
    audit_record(
        actor=actor,
        action="contestant.create",
        instance=contestant,
        after={**instance_snapshot(contestant), "parties": sorted(p.code for p in parties)},
    )
    return contestant
