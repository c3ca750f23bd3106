"""Reading elections. The clocks and the catalogue ask these, never the models directly."""

import datetime as dt

from django.db.models import QuerySet

from netra.elections.models import ROUND_THE_CLOCK_STAGES, Election, ElectionStage, StageKind


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
    codes = set(election.regions.values_list("code", flat=True))
    parts = region_code.split(".")
    return any(".".join(parts[: i + 1]) in codes for i in range(len(parts)))
