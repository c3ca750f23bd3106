"""Test data for the rules app: elections with a dated candidate determination, catalogue lookups."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from netra.elections.models import Election, ElectionKind, ElectionStage, StageKind


class ElectionFactory(DjangoModelFactory):
    class Meta:
        model = Election
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"pilkada-uji-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").title())
    kind = ElectionKind.PILKADA
    voting_day = dt.date(2024, 11, 27)


class ElectionStageFactory(DjangoModelFactory):
    class Meta:
        model = ElectionStage

    election = factory.SubFactory(ElectionFactory)
    kind = StageKind.CANDIDATE_DETERMINATION
    starts_on = dt.date(2024, 9, 22)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on)


def election_with_determination(
    *, code: str, kind: str, determined_on: dt.date, voting_day: dt.date, name: str = ""
) -> Election:
    """An election whose candidates were determined on `determined_on` (penetapan calon)."""
    election = ElectionFactory(code=code, kind=kind, voting_day=voting_day, name=name or code)
    ElectionStageFactory(election=election, starts_on=determined_on)
    return election
