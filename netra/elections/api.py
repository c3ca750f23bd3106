"""Public, read-only election reference data: schedules, parties and pairs (`/api/v1/elections/`)."""

import datetime as dt

from django.http import Http404
from ninja import Field, Router, Schema

from netra.elections import selectors
from netra.elections.models import ElectionKind

router = Router(tags=["elections"])


class ElectionOut(Schema):
    code: str
    name: str
    kind: ElectionKind
    voting_day: dt.date
    is_nationwide: bool
    is_tentative: bool


class StageOut(Schema):
    kind: str
    label: str
    contest: str = Field(description="Kontestasi (mis. dpr, presiden); kosong = seluruh pemilihan")
    region: str | None = Field(None, description="Kode wilayah bila tanggal berlaku untuk satu daerah")
    starts_on: dt.date
    ends_on: dt.date
    legal_basis: str

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_region(obj) -> str | None:
        return obj.region_id


class ElectionPartyOut(Schema):
    ballot_number: int
    code: str
    name: str
    abbreviation: str
    is_local: bool

    @staticmethod
    def resolve_code(obj) -> str:
        return obj.party.code

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.party.name

    @staticmethod
    def resolve_abbreviation(obj) -> str:
        return obj.party.abbreviation

    @staticmethod
    def resolve_is_local(obj) -> bool:
        return obj.party.is_local


class ContestantOut(Schema):
    office: str
    region_code: str | None
    region_name: str | None
    ballot_number: int | None
    candidate_name: str
    running_mate_name: str
    is_empty_box: bool
    parties: list[str]

    @staticmethod
    def resolve_region_code(obj) -> str | None:
        return obj.region_id

    @staticmethod
    def resolve_region_name(obj) -> str | None:
        return obj.region.name if obj.region_id else None

    @staticmethod
    def resolve_parties(obj) -> list[str]:
        return sorted(p.code for p in obj.parties.all())


class ElectionDetailOut(ElectionOut):
    legal_basis: str
    notes: str
    region_codes: list[str]
    stages: list[StageOut]
    parties: list[ElectionPartyOut]
    contestants: list[ContestantOut]

    @staticmethod
    def resolve_region_codes(obj) -> list[str]:
        return sorted(r.code for r in obj.regions.all())

    @staticmethod
    def resolve_stages(obj) -> list:
        return list(obj.stages.all())

    @staticmethod
    def resolve_parties(obj) -> list:
        return sorted(obj.party_entries.all(), key=lambda e: e.ballot_number)

    @staticmethod
    def resolve_contestants(obj) -> list:
        return list(obj.contestants.all())


class ElectionDayOut(Schema):
    """Where an election stands on one local calendar date."""

    election: str
    on: dt.date
    stages: list[str]
    candidates_determined_on: dt.date | None
    candidates_determined: bool
    round_the_clock: bool


def _get_or_404(request, code: str):
    election = selectors.election_detail_get(user=request.user, code=code)
    if election is None:
        raise Http404
    return election


@router.get("", response=list[ElectionOut], auth=None, summary="Daftar pemilihan (publik)")
def list_elections(request, kind: ElectionKind | None = None):
    """Pemilu and Pilkada, newest first; `kind` filters by `pemilu` or `pilkada`."""
    return list(selectors.election_list_visible_to(user=request.user, kind=kind))


@router.get("/{code}", response=ElectionDetailOut, auth=None, summary="Satu pemilihan (publik)")
def get_election(request, code: str):
    """Stages (with their legal basis), participating parties with ballot numbers, and contestants."""
    return _get_or_404(request, code)


@router.get("/{code}/stage", response=ElectionDayOut, auth=None, summary="Tahapan pada satu tanggal (publik)")
def election_stage_on(request, code: str, on: dt.date):
    """The stages running on local date `on` (YYYY-MM-DD), whether candidates are determined by then
    (acts before it concern *bakal calon*), and whether Bawaslu takes reports round the clock that day."""
    election = _get_or_404(request, code)
    determined_on = selectors.election_candidates_determined_on(election=election)
    return {
        "election": election.code,
        "on": on,
        "stages": selectors.election_stages_on(election=election, on=on),
        "candidates_determined_on": determined_on,
        "candidates_determined": determined_on is not None and on >= determined_on,
        "round_the_clock": selectors.election_is_round_the_clock(election=election, on=on),
    }
