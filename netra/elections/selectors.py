"""Reading elections. The clocks and the catalogue ask these, never the models directly."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from netra.core.scoping import restrict
from netra.elections.models import (
    PARTY_LIST_CONTESTS,
    ROUND_THE_CLOCK_STAGES,
    Contest,
    Contestant,
    Election,
    ElectionKind,
    ElectionStage,
    StageKind,
)
from netra.regions.codes import codes_cover, region_code_lineage


def election_list(*, kind: str | None = None) -> QuerySet[Election]:
    qs = Election.objects.prefetch_related("stages")
    return qs.filter(kind=kind) if kind else qs


def election_get(*, code: str) -> Election | None:
    return Election.objects.prefetch_related("stages").filter(code=code).first()


def _all_stages(election: Election) -> list[ElectionStage]:
    # Uses the prefetch cache when present (no query per call in loops).
    return list(election.stages.all())


def _stages(election: Election) -> list[ElectionStage]:
    """The election-wide schedule (rows without a contest): what the clocks and intake go by."""
    return [s for s in _all_stages(election) if not s.contest]


def election_stages_on(*, election: Election, on: dt.date) -> list[str]:
    """Kinds of the election-wide stages running on local date `on` (several may overlap)."""
    return [s.kind for s in _stages(election) if s.starts_on <= on <= s.ends_on]


def election_candidates_determined_on(*, election: Election) -> dt.date | None:
    """The election-wide date candidates were determined (penetapan calon/paslon); None if not
    scheduled. A case about one race should use `election_candidates_determination` instead."""
    for stage in _stages(election):
        if stage.kind == StageKind.CANDIDATE_DETERMINATION:
            return stage.starts_on
    return None


@dataclass(frozen=True)
class ContestRef:
    """The race(s) a case concerns: one office (and region), or the party-list races of a Pemilu when
    the case names only a party (its candidates may stand for DPR, DPRD provinsi or DPRD kab/kota)."""

    contests: tuple[str, ...]
    region_code: str | None = None


@dataclass(frozen=True)
class Determination:
    """When candidates were determined for a case's race, and how that date was found."""

    on: dt.date | None
    contest_label: str = ""  # the race whose own date applies; "" when the election-wide date is used
    fallback_note: str = ""  # why the election-wide date is used (Indonesian), "" when it is not


def contest_for_target(
    *, election: Election | None, contestant: Contestant | None, party=None
) -> ContestRef | None:
    """The race a case's recorded target stands in: the pair's office and region, or, in a Pemilu,
    the party-list races for a party; None when the case records neither (race unknown)."""
    if election is None:
        return None
    if contestant is not None:
        return ContestRef(contests=(contestant.office,), region_code=contestant.region_id)
    if party is not None and election.kind == ElectionKind.PEMILU:
        return ContestRef(contests=tuple(PARTY_LIST_CONTESTS))
    return None


def _contest_date(stages: list[ElectionStage], contest: str, region_code: str | None) -> dt.date | None:
    """The determination date of one race: the most specific region row on the code's lineage first
    (a regency's re-determination beats its race's national date), then the race's own row."""
    rows = {(s.region_id or ""): s.starts_on for s in stages if s.contest == contest}
    for code in reversed(region_code_lineage(region_code)):
        if code in rows:
            return rows[code]
    return rows.get("")


def election_candidates_determination(*, election: Election, contest: ContestRef | None) -> Determination:
    """The date candidates were determined for `contest` in `election` (SKB 2022: ethics before it,
    discipline from it). Races have their own dates (Pemilu 2024: DCT DPR/DPD/DPRD 3 November 2023,
    presidential pairs 13 November 2023); the election-wide date is used only when the race is unknown
    or has no date of its own, and the returned note says so."""
    wide = election_candidates_determined_on(election=election)
    specific = [s for s in _all_stages(election) if s.kind == StageKind.CANDIDATE_DETERMINATION and s.contest]
    if not specific:
        # The election records one date only: it is the date of every race, nothing is assumed.
        return Determination(on=wide)
    if contest is None:
        return Determination(
            on=wide,
            fallback_note=_(
                "Kontestasi yang dituju belum dicatat pada kasus; dipakai tanggal penetapan calon "
                "seluruh pemilihan."
            ),
        )
    dates = {c: _contest_date(specific, c, contest.region_code) for c in contest.contests}
    labels = ", ".join(str(Contest(c).label) for c in contest.contests if c in Contest.values)
    if None in dates.values() or len(set(dates.values())) != 1:
        return Determination(
            on=wide,
            fallback_note=_(
                "Tanggal penetapan calon untuk %(contest)s tidak tercatat tersendiri; dipakai tanggal "
                "penetapan calon seluruh pemilihan."
            )
            % {"contest": labels},
        )
    return Determination(on=next(iter(dates.values())), contest_label=labels)


def election_is_round_the_clock(*, election: Election, on: dt.date) -> bool:
    """True on days Bawaslu receives reports 24 hours (masa tenang, voting, rekapitulasi)."""
    return any(kind in ROUND_THE_CLOCK_STAGES for kind in election_stages_on(election=election, on=on))


def election_covers_region(*, election: Election, region_code: str) -> bool:
    if election.is_nationwide:
        return True
    return codes_cover(set(election.regions.values_list("code", flat=True)), region_code)


def election_list_visible_to(*, user, kind: str | None = None) -> QuerySet[Election]:
    """Elections `user` may see (public reference data: everyone, see permissions.py)."""
    return restrict(election_list(kind=kind), user, "view")


def election_detail_get(*, user, code: str) -> Election | None:
    """One election with everything its detail page shows, in a fixed number of queries."""
    qs = Election.objects.prefetch_related(
        "stages",
        "regions",
        "party_entries__party",
        Prefetch(
            "contestants",
            queryset=Contestant.objects.select_related("region").prefetch_related("parties"),
        ),
    )
    return restrict(qs, user, "view").filter(code=code).first()


def contestant_list_for_race(
    *, election: Election, office: str, region_code: str | None
) -> QuerySet[Contestant]:
    """The contestants on one ballot: one office in one region (no region for the presidency)."""
    qs = Contestant.objects.filter(election=election, office=office)
    return qs.filter(region__isnull=True) if region_code is None else qs.filter(region_id=region_code)


def contestant_list_for_incident(*, election: Election, region_code: str | None) -> list[Contestant]:
    """Every ballot an incident in `region_code` can be about: the presidency (no region), the governor
    of its province and the regent/mayor of its kab/kota — never another region's pairs. Kolom kosong
    entries are included (the caller offers them as such); ordered by office then ballot number."""
    lineage = region_code_lineage(region_code)
    qs = (
        Contestant.objects.filter(election=election)
        .filter(Q(region__isnull=True) | Q(region_id__in=lineage))
        .select_related("region")
        .prefetch_related("parties")
    )
    order = {c: i for i, c in enumerate(Contestant.Office.values)}
    return sorted(
        qs, key=lambda c: (order.get(c.office, 9), c.region_id or "", c.is_empty_box, c.ballot_number or 0)
    )


def contestant_label(contestant: Contestant) -> str:
    """ "Wali Kota dan Wakil Wali Kota Kota Balikpapan · 1. A – B" (the ballot a pair stands on)."""
    where = f" {contestant.region.name}" if contestant.region_id else ""
    return f"{contestant.get_office_display()}{where} · {contestant}"


def party_list_for_incident(*, election: Election, region_code: str | None) -> list:
    """The parties a case may name as beneficiary: the election's parties (Pemilu), or the parties
    backing the pairs standing where the incident happened (Pilkada has no party ballot)."""
    from netra.elections.models import Party

    entries = list(Party.objects.filter(election_entries__election=election).order_by("name"))
    if entries:
        return entries
    ids = {
        p.pk
        for c in contestant_list_for_incident(election=election, region_code=region_code)
        for p in c.parties.all()
    }
    return list(Party.objects.filter(pk__in=ids).order_by("name"))
