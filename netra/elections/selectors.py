"""Reading elections. The clocks and the catalogue ask these, never the models directly."""

import datetime as dt

from django.db.models import Prefetch, QuerySet

from netra.core.scoping import restrict
from netra.elections.models import ROUND_THE_CLOCK_STAGES, Contestant, Election, ElectionStage, StageKind
from netra.regions.codes import codes_cover


def election_list(*, kind: str | None = None) -> QuerySet[Election]:
    qs = Election.objects.prefetch_related("stages")
    return qs.filter(kind=kind) if kind else qs


def election_get(*, code: str) -> Election | None:
    return Election.objects.prefetch_related("stages").filter(code=code).first()


def _stages(election: Election) -> list[ElectionStage]:
    # Uses the prefetch cache when present (no query per call in loops).
    return list(election.stages.all())


def election_stages_on(*, election: Election, on: dt.date) -> list[str]:
    """Kinds of the stages running on local date `on` (several may overlap)."""
    return [s.kind for s in _stages(election) if s.starts_on <= on <= s.ends_on]


def election_candidates_determined_on(*, election: Election) -> dt.date | None:
    """The date candidates were determined (penetapan calon/paslon); None if not scheduled."""
    for stage in _stages(election):
        if stage.kind == StageKind.CANDIDATE_DETERMINATION:
            return stage.starts_on
    return None


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
