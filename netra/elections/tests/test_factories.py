"""The elections factories build fictional elections (never real candidates) whose rows are valid and
tied together: stages, parties on the ballot and pairs in a real region."""

import pytest

from netra.elections.models import Contestant, StageKind
from netra.elections.tests.factories import (
    ContestantFactory,
    ElectionFactory,
    ElectionPartyFactory,
    ElectionStageFactory,
    running_pilkada,
)

pytestmark = pytest.mark.django_db


def test_an_election_with_its_stage_party_and_pair():
    election = ElectionFactory(region_codes=["64"])
    stage = ElectionStageFactory(election=election)
    on_ballot = ElectionPartyFactory(election=election)
    pair = ContestantFactory(election=election)
    pair.parties.add(on_ballot.party)
    for row in (election, stage, on_ballot.party, on_ballot, pair):
        row.full_clean()
    assert list(election.regions.values_list("code", flat=True)) == ["64"]
    assert stage.starts_on <= stage.ends_on < election.voting_day
    assert (pair.region.code, pair.office, pair.is_empty_box) == ("64.71", Contestant.Office.WALI_KOTA, False)
    assert list(pair.parties.all()) == [on_ballot.party]
    assert ElectionFactory().code != election.code


def test_a_running_pilkada_is_in_its_campaign_today():
    from django.utils import timezone

    election = running_pilkada()
    today = timezone.localdate()
    campaign = election.stages.get(kind=StageKind.CAMPAIGN)
    assert campaign.starts_on <= today <= campaign.ends_on
    assert election.voting_day > today
