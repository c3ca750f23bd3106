"""Factories for elections. Reference elections (pemilu-2019, ...) come from the data migration; these
build fictional ones for tests that must not depend on real data."""

import datetime as dt

import factory

from netra.elections.models import (
    Contestant,
    Election,
    ElectionKind,
    ElectionParty,
    ElectionStage,
    Party,
    StageKind,
)


class ElectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Election
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"uji-{n}")
    name = factory.Sequence(lambda n: f"Pemilihan Uji {n}")
    kind = ElectionKind.PILKADA
    voting_day = dt.date(2029, 11, 28)
    is_nationwide = True

    @factory.post_generation
    def region_codes(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.add(*extracted)


class ElectionStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElectionStage

    election = factory.SubFactory(ElectionFactory)
    kind = StageKind.CAMPAIGN
    starts_on = dt.date(2029, 9, 25)
    ends_on = dt.date(2029, 11, 24)
    legal_basis = "PKPU uji"


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"partai-uji-{n}")
    name = factory.Sequence(lambda n: f"Partai Uji {n}")
    abbreviation = factory.Sequence(lambda n: f"PU{n}")


class ElectionPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElectionParty

    election = factory.SubFactory(ElectionFactory)
    party = factory.SubFactory(PartyFactory)
    ballot_number = factory.Sequence(lambda n: n + 1)


class ContestantFactory(factory.django.DjangoModelFactory):
    """A fictional pair (names are made up; real regional candidates are never stored as fixtures)."""

    class Meta:
        model = Contestant

    election = factory.SubFactory(ElectionFactory)
    office = Contestant.Office.WALI_KOTA
    region_id = "64.71"
    ballot_number = 1
    candidate_name = factory.Sequence(lambda n: f"Calon Fiktif {n}")
    running_mate_name = factory.Sequence(lambda n: f"Wakil Fiktif {n}")


def running_pilkada(*, code: str = "pilkada-uji-kini", today: dt.date | None = None) -> Election:
    """A nationwide Pilkada whose campaign runs today (candidates determined 20 days ago, voting in 30),
    so reports with relative dates have an election, a filing window and a stage."""
    from django.utils import timezone

    today = today or timezone.localdate()
    election = Election.objects.create(
        code=code, name="Pilkada uji", kind=ElectionKind.PILKADA, voting_day=today + dt.timedelta(days=30)
    )
    for kind, start, end in [
        (StageKind.CANDIDATE_DETERMINATION, -20, -20),
        (StageKind.CAMPAIGN, -17, 26),
        (StageKind.QUIET_PERIOD, 27, 29),
        (StageKind.VOTING, 30, 30),
    ]:
        ElectionStage.objects.create(
            election=election,
            kind=kind,
            starts_on=today + dt.timedelta(days=start),
            ends_on=today + dt.timedelta(days=end),
        )
    return election
