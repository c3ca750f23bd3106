"""What the clocks and the catalogue ask of elections, answered from the reference data."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from netra.elections import selectors
from netra.elections.models import Contestant, Election, StageKind
from netra.elections.tests.factories import ElectionFactory
from netra.regions.models import Region

pytestmark = pytest.mark.django_db

D = dt.date


def _election(code: str) -> Election:
    election = selectors.election_get(code=code)
    assert election is not None
    return election


@pytest.mark.parametrize(
    ("code", "on", "kinds"),
    [
        ("pemilu-2024", D(2023, 11, 27), []),  # between determination and campaign
        ("pemilu-2024", D(2023, 11, 28), [StageKind.CAMPAIGN]),
        ("pemilu-2024", D(2024, 2, 12), [StageKind.QUIET_PERIOD]),
        ("pemilu-2024", D(2024, 2, 14), [StageKind.VOTING]),
        ("pemilu-2024", D(2024, 3, 20), [StageKind.RECAPITULATION]),
        ("pemilu-2024", D(2024, 3, 21), []),
        # Pilkada 2024: counting and recapitulation start on voting day itself.
        ("pilkada-2024", D(2024, 11, 27), [StageKind.VOTING, StageKind.RECAPITULATION]),
        ("pilkada-2020", D(2020, 12, 8), [StageKind.QUIET_PERIOD]),
    ],
)
def test_election_stages_on(code, on, kinds):
    assert sorted(selectors.election_stages_on(election=_election(code), on=on)) == sorted(kinds)


@pytest.mark.parametrize(
    ("code", "determined_on"),
    [
        ("pemilu-2019", D(2018, 9, 20)),
        ("pilkada-2020", D(2020, 9, 23)),
        ("pemilu-2024", D(2023, 11, 13)),
        ("pilkada-2024", D(2024, 9, 22)),
    ],
)
def test_election_candidates_determined_on(code, determined_on):
    assert selectors.election_candidates_determined_on(election=_election(code)) == determined_on


def test_candidates_determined_on_is_none_without_that_stage():
    assert selectors.election_candidates_determined_on(election=ElectionFactory()) is None


@pytest.mark.parametrize(
    ("code", "on", "expected"),
    [
        ("pemilu-2024", D(2024, 2, 10), False),  # last campaign day
        ("pemilu-2024", D(2024, 2, 11), True),  # first day of masa tenang
        ("pemilu-2024", D(2024, 2, 14), True),  # voting day
        ("pemilu-2024", D(2024, 3, 1), True),  # recapitulation
        ("pemilu-2024", D(2024, 3, 21), False),  # after the schedule
        ("pilkada-2024", D(2024, 10, 15), False),  # campaign
        ("pilkada-2024", D(2024, 11, 25), True),  # masa tenang
        ("pilkada-2020", D(2020, 12, 5), False),  # campaign
        ("pilkada-2020", D(2020, 12, 6), True),  # masa tenang
    ],
)
def test_election_is_round_the_clock(code, on, expected):
    assert selectors.election_is_round_the_clock(election=_election(code), on=on) is expected


def test_pilkada_2020_covers_balikpapan_and_its_kecamatan():
    election = _election("pilkada-2020")
    kecamatan = Region.objects.filter(parent_id="64.71").values_list("code", flat=True)
    assert kecamatan  # Kota Balikpapan has kecamatan in the table
    assert selectors.election_covers_region(election=election, region_code="64.71")
    for code in kecamatan:
        assert selectors.election_covers_region(election=election, region_code=code)


def test_pilkada_2020_covers_a_whole_province_with_a_governor_election():
    election = _election("pilkada-2020")
    # Kalimantan Selatan (63) elected its governor in 2020, so every kab/kota there is covered.
    kabkota = Region.objects.filter(parent_id="63").values_list("code", flat=True)
    assert kabkota
    assert all(selectors.election_covers_region(election=election, region_code=c) for c in kabkota)


@pytest.mark.parametrize(
    "code",
    [
        "31.71",  # Jakarta Pusat: no pilkada in 2020
        "31.71.01",
        "64",  # Kalimantan Timur held no governor election in 2020 (only Balikpapan is listed in it)
        "64.7",  # a prefix without the dot boundary is not "inside" 64.71
        "6",
    ],
)
def test_pilkada_2020_does_not_cover_regions_outside(code):
    assert not selectors.election_covers_region(election=_election("pilkada-2020"), region_code=code)


def test_nationwide_election_covers_every_region():
    election = _election("pilkada-2024")
    assert selectors.election_covers_region(election=election, region_code="31.71")
    assert selectors.election_covers_region(election=election, region_code="94.01")


def test_election_list_filters_by_kind_newest_first():
    assert [e.code for e in selectors.election_list(kind="pemilu")] == ["pemilu-2024", "pemilu-2019"]
    assert [e.code for e in selectors.election_list()] == [
        "pilkada-2024",
        "pemilu-2024",
        "pilkada-2020",
        "pemilu-2019",
    ]


def test_elections_are_visible_to_anonymous_users():
    visible = selectors.election_list_visible_to(user=AnonymousUser())
    assert visible.count() == Election.objects.count() == 4


def test_election_detail_get_prefetches_everything(django_assert_num_queries):
    election = selectors.election_detail_get(user=AnonymousUser(), code="pemilu-2024")
    assert election is not None
    with django_assert_num_queries(0):
        assert len(election.stages.all()) == 12  # 7 election-wide + 5 races' determination dates
        assert len(election.party_entries.all()) == 24
        assert {p.party.code for p in election.party_entries.all()} >= {"pkb", "ummat"}
        assert [c.region for c in election.contestants.all()] == [None, None, None]
        assert all(list(c.parties.all()) == [] for c in election.contestants.all())
        assert list(election.regions.all()) == []


def test_election_detail_get_unknown_code():
    assert selectors.election_detail_get(user=AnonymousUser(), code="pemilu-1955") is None


def test_contestant_list_for_race_separates_presidency_from_regions():
    election = _election("pemilu-2024")
    assert (
        selectors.contestant_list_for_race(election=election, office="presiden", region_code=None).count()
        == 3
    )
    assert not selectors.contestant_list_for_race(
        election=election, office="presiden", region_code="64"
    ).exists()


# --- candidates determined per contest (issue 10 item 4) ----------------------------------------------


def test_contest_for_target_reads_the_pair_or_the_party():
    from netra.elections.models import Contest, Party

    pemilu = _election("pemilu-2024")
    pair = Contestant.objects.get(election=pemilu, ballot_number=2)
    assert selectors.contest_for_target(election=pemilu, contestant=pair) == selectors.ContestRef(
        contests=(Contest.PRESIDEN,), region_code=None
    )
    party = Party.objects.get(code="pkb")
    assert selectors.contest_for_target(election=pemilu, contestant=None, party=party).contests == (
        Contest.DPR,
        Contest.DPRD_PROVINSI,
        Contest.DPRD_KABKOTA,
    )
    # In a Pilkada a party backs several races: the race stays unknown.
    assert (
        selectors.contest_for_target(election=_election("pilkada-2024"), contestant=None, party=party) is None
    )
    assert selectors.contest_for_target(election=None, contestant=pair) is None


def test_determination_of_an_election_with_one_date_needs_no_note():
    # Pilkada 2024 records only the PKPU 2/2024 date (22 Sep 2024): it is every race's date.
    got = selectors.election_candidates_determination(election=_election("pilkada-2024"), contest=None)
    assert got == selectors.Determination(on=D(2024, 9, 22))
