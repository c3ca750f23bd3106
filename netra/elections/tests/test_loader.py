"""The reference elections loaded by migration 0002 (and `manage.py load_elections`)."""

import datetime as dt
import io
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command

from netra.audit.models import AuditLogEntry
from netra.elections.loader import ElectionModels, load_reference_data, sync_elections
from netra.elections.models import Contestant, Election, ElectionParty, ElectionStage, StageKind

pytestmark = pytest.mark.django_db

D = dt.date

# (election, stage kind, starts_on, ends_on) as scheduled by PKPU 7/2017, 5/2020, 3/2022 and 2/2024.
STAGES = [
    ("pemilu-2019", StageKind.PARTY_DETERMINATION, D(2018, 2, 17), D(2018, 2, 17)),
    ("pemilu-2019", StageKind.CANDIDATE_DETERMINATION, D(2018, 9, 20), D(2018, 9, 20)),
    ("pemilu-2019", StageKind.CAMPAIGN, D(2018, 9, 23), D(2019, 4, 13)),
    ("pemilu-2019", StageKind.QUIET_PERIOD, D(2019, 4, 14), D(2019, 4, 16)),
    ("pemilu-2019", StageKind.VOTING, D(2019, 4, 17), D(2019, 4, 17)),
    ("pemilu-2019", StageKind.RECAPITULATION, D(2019, 4, 18), D(2019, 5, 22)),
    ("pilkada-2020", StageKind.CANDIDATE_DETERMINATION, D(2020, 9, 23), D(2020, 9, 23)),
    ("pilkada-2020", StageKind.CAMPAIGN, D(2020, 9, 26), D(2020, 12, 5)),
    ("pilkada-2020", StageKind.QUIET_PERIOD, D(2020, 12, 6), D(2020, 12, 8)),
    ("pilkada-2020", StageKind.VOTING, D(2020, 12, 9), D(2020, 12, 9)),
    # PKPU 5/2020: recapitulation 9-26 Dec 2020 (tirto.id 10-12-2020 [SECONDARY]), was estimated 10-23 Dec.
    ("pilkada-2020", StageKind.RECAPITULATION, D(2020, 12, 9), D(2020, 12, 26)),
    ("pemilu-2024", StageKind.PARTY_DETERMINATION, D(2022, 12, 14), D(2022, 12, 14)),
    ("pemilu-2024", StageKind.CANDIDATE_DETERMINATION, D(2023, 11, 13), D(2023, 11, 13)),
    ("pemilu-2024", StageKind.CAMPAIGN, D(2023, 11, 28), D(2024, 2, 10)),
    ("pemilu-2024", StageKind.QUIET_PERIOD, D(2024, 2, 11), D(2024, 2, 13)),
    ("pemilu-2024", StageKind.VOTING, D(2024, 2, 14), D(2024, 2, 14)),
    ("pemilu-2024", StageKind.RECAPITULATION, D(2024, 2, 15), D(2024, 3, 20)),
    ("pilkada-2024", StageKind.CANDIDATE_REGISTRATION, D(2024, 8, 27), D(2024, 8, 29)),
    ("pilkada-2024", StageKind.CANDIDATE_DETERMINATION, D(2024, 9, 22), D(2024, 9, 22)),
    ("pilkada-2024", StageKind.CAMPAIGN, D(2024, 9, 25), D(2024, 11, 23)),
    ("pilkada-2024", StageKind.QUIET_PERIOD, D(2024, 11, 24), D(2024, 11, 26)),
    ("pilkada-2024", StageKind.VOTING, D(2024, 11, 27), D(2024, 11, 27)),
    ("pilkada-2024", StageKind.RECAPITULATION, D(2024, 11, 27), D(2024, 12, 16)),
]

PARTIES_2024 = {
    1: ("PKB", "Partai Kebangkitan Bangsa"),
    2: ("Gerindra", "Partai Gerakan Indonesia Raya"),
    3: ("PDI-P", "Partai Demokrasi Indonesia Perjuangan"),
    4: ("Golkar", "Partai Golongan Karya"),
    5: ("NasDem", "Partai Nasional Demokrat"),
    6: ("Partai Buruh", "Partai Buruh"),
    7: ("Gelora", "Partai Gelombang Rakyat Indonesia"),
    8: ("PKS", "Partai Keadilan Sejahtera"),
    9: ("PKN", "Partai Kebangkitan Nusantara"),
    10: ("Hanura", "Partai Hati Nurani Rakyat"),
    11: ("Garuda", "Partai Garda Republik Indonesia"),
    12: ("PAN", "Partai Amanat Nasional"),
    13: ("PBB", "Partai Bulan Bintang"),
    14: ("Demokrat", "Partai Demokrat"),
    15: ("PSI", "Partai Solidaritas Indonesia"),
    16: ("Perindo", "Partai Persatuan Indonesia"),
    17: ("PPP", "Partai Persatuan Pembangunan"),
    24: ("Ummat", "Partai Ummat"),
}

# Pilkada 2020 (issue 10 item 7a): 270 regions = 9 provinces + 224 kabupaten + 37 kota (Kapuspen
# Kemendagri 13-06-2019, quoted by jateng.tribunnews.com 16-06-2019 and rakyatmedan.com). Hand-picked
# members and non-members, each with the source that settles it:
PILKADA_2020_PROVINCES = {"13", "15", "17", "21", "62", "63", "65", "71", "72"}
PILKADA_2020_MEMBERS = {
    "12.12": "Kabupaten Toba",  # "Kab. Toba Samosir" in the Otda list; renamed Toba (UU 2020)
    "33.03": "Kabupaten Purbalingga",  # Jateng 21 (jateng.suara.com 09-06-2020)
    "62.02": "Kabupaten Kotawaringin Timur",  # the only Kalteng kabupaten (antaranews Kalteng 2020)
    "64.71": "Kota Balikpapan",  # single pair against the kolom kosong
    "73.71": "Kota Makassar",  # re-run of 2018, which the kolom kosong won: why 269 became 270
    "72.11": "Kabupaten Banggai Laut",  # Sulteng 8 (kailipost.com 05-06-2020)
    "92.03": "Kabupaten Fak Fak",  # Papua Barat 9 (klikpapua.com 25-09-2020)
    "93.01": "Kabupaten Merauke",  # Papua 11 in 2020; Papua Selatan since 2022
    "96.03": "Kabupaten Raja Ampat",  # Papua Barat in 2020; Papua Barat Daya since 2022
}
PILKADA_2020_NOT_LISTED = {
    "64.09",  # Penajam Paser Utara: Kaltim had 9 of 10 (kaltimprov.go.id 09-03-2020)
    "65.71",  # Kota Tarakan: voted 2018 (Kaltara's governor race still covers it)
    "75.05",  # Gorontalo Utara: voted 2018 (gorontalo.antaranews.com 2018)
    "72.07",  # Banggai Kepulauan: not among Sulteng's 8
    "34",  # DI Yogyakarta: no governor election (UU 13/2012)
}


def _models() -> ElectionModels:
    return ElectionModels.from_apps(apps)


def test_four_reference_elections_are_loaded():
    got = {e.code: (e.kind, e.voting_day, e.is_nationwide) for e in Election.objects.all()}
    assert got == {
        "pemilu-2019": ("pemilu", D(2019, 4, 17), True),
        "pilkada-2020": ("pilkada", D(2020, 12, 9), False),
        "pemilu-2024": ("pemilu", D(2024, 2, 14), True),
        "pilkada-2024": ("pilkada", D(2024, 11, 27), False),  # 545 regions, not all 552
    }


@pytest.mark.parametrize(("code", "kind", "starts_on", "ends_on"), STAGES)
def test_stage_dates(code, kind, starts_on, ends_on):
    stage = ElectionStage.objects.get(election__code=code, kind=kind, contest="")
    assert (stage.starts_on, stage.ends_on) == (starts_on, ends_on)
    assert "PKPU" in stage.legal_basis


def test_every_stage_cites_its_pkpu_and_voting_stage_holds_voting_day():
    for election in Election.objects.prefetch_related("stages"):
        stages = {s.kind: s for s in election.stages.all() if not s.contest}  # the PKPU schedule
        assert stages, election.code
        voting = stages[StageKind.VOTING]
        assert voting.starts_on <= election.voting_day <= voting.ends_on
        expected_pkpu = {
            "pemilu-2019": "PKPU 7/2017",
            "pilkada-2020": "PKPU 5/2020",
            "pemilu-2024": "PKPU 3/2022",
            "pilkada-2024": "PKPU 2/2024",
        }[election.code]
        assert all(expected_pkpu in s.legal_basis for s in stages.values()), election.code


def test_approximate_and_special_dates_are_noted():
    notes = dict(Election.objects.values_list("code", "notes"))
    assert "9-26 Desember 2020 [SECONDARY" in notes["pilkada-2020"]  # recapitulation, with its source
    assert "3 November 2023" in notes["pemilu-2024"]  # DCT legislatif before the presidential pairs
    assert "DIY" in notes["pilkada-2024"]
    assert "Jakarta" in notes["pilkada-2024"]


def test_pemilu_2024_has_the_18_national_parties_with_ballot_numbers_and_full_names():
    entries = ElectionParty.objects.filter(
        election__code="pemilu-2024", party__is_local=False
    ).select_related("party")
    got = {e.ballot_number: (e.party.abbreviation, e.party.name) for e in entries}
    assert got == PARTIES_2024


def test_pemilu_2024_aceh_local_parties_hold_18_to_23():
    numbers = ElectionParty.objects.filter(election__code="pemilu-2024", party__is_local=True).values_list(
        "ballot_number", flat=True
    )
    assert sorted(numbers) == [18, 19, 20, 21, 22, 23]


def test_pemilu_2019_parties_include_the_jump_to_19_and_20():
    entries = dict(
        ElectionParty.objects.filter(election__code="pemilu-2019").values_list("ballot_number", "party__code")
    )
    assert len(entries) == 16
    assert entries[6] == "garuda"
    assert entries[19] == "pbb"
    assert entries[20] == "pkpi"


@pytest.mark.parametrize(
    ("code", "pairs"),
    [
        ("pemilu-2019", {1: ("Joko Widodo", "Ma'ruf Amin"), 2: ("Prabowo Subianto", "Sandiaga Uno")}),
        (
            "pemilu-2024",
            {
                1: ("Anies Baswedan", "Muhaimin Iskandar"),
                2: ("Prabowo Subianto", "Gibran Rakabuming Raka"),
                3: ("Ganjar Pranowo", "Mahfud MD"),
            },
        ),
    ],
)
def test_presidential_pairs(code, pairs):
    rows = Contestant.objects.filter(election__code=code)
    assert {c.ballot_number: (c.candidate_name, c.running_mate_name) for c in rows} == pairs
    assert all(c.office == Contestant.Office.PRESIDEN and c.region_id is None for c in rows)


def test_regional_candidates_are_the_demo_regions_cited_ones():
    """Issue 10 item 7: Pilkada 2024 pairs of the demo regions (ballot draws of 23 Sep 2024, press
    reports of KPU's plenaries: see each entry's `source`), and Balikpapan 2020's single pair against the
    kolom kosong. Nowhere else: no other region's candidates are claimed."""
    rows = Contestant.objects.filter(election__kind="pilkada").select_related("election")
    pairs = {
        (c.election.code, c.region_id, c.ballot_number, c.is_empty_box): (
            c.candidate_name,
            c.running_mate_name,
            c.is_empty_box,
        )
        for c in rows
    }
    assert pairs == {
        ("pilkada-2024", "33", 1, False): ("Andika Perkasa", "Hendrar Prihadi", False),
        ("pilkada-2024", "33", 2, False): ("Ahmad Luthfi", "Taj Yasin Maimoen", False),
        ("pilkada-2024", "64", 1, False): ("Isran Noor", "Hadi Mulyadi", False),
        ("pilkada-2024", "64", 2, False): ("Rudy Mas'ud", "Seno Aji", False),
        ("pilkada-2024", "64.71", 1, False): ("Rahmad Mas'ud", "Bagus Susetyo", False),
        ("pilkada-2024", "64.71", 2, False): ("Rendi Susiswo Ismail", "Eddy Sunardi Darmawan", False),
        ("pilkada-2024", "64.71", 3, False): ("Muhammad Sa'bani", "Syukri Wahid", False),
        # The single pair facing the kolom kosong has no nomor urut (UU 10/2016 Pasal 54C ayat (2);
        # kaltim.antaranews.com 24-09-2020: "tidak ada nomor urut").
        ("pilkada-2020", "64.71", None, False): ("Rahmad Mas'ud", "Thohari Aziz", False),
        ("pilkada-2020", "64.71", None, True): ("", "", True),
    }
    jateng_2 = rows.get(election__code="pilkada-2024", region_id="33", ballot_number=2)
    assert set(jateng_2.parties.values_list("code", flat=True)) == {
        "gerindra",
        "pan",
        "demokrat",
        "golkar",
        "pks",
        "pkb",
        "nasdem",
        "ppp",
        "psi",
    }
    assert str(rows.get(is_empty_box=True)) == "Kolom kosong"
    balikpapan_2020 = rows.get(election__code="pilkada-2020", is_empty_box=False)
    assert str(balikpapan_2020) == "Rahmad Mas'ud – Thohari Aziz"
    # The eight parties that nominated the pair with 40 of the 45 DPRD seats (nomorsatukaltim 13-09-2020:
    # Golkar 11, PDI-P 8, Gerindra 6, PKS 6, Demokrat 4, PPP 3, PKB 1, Perindo 1 = 40).
    assert set(balikpapan_2020.parties.values_list("code", flat=True)) == {
        "golkar",
        "pdi-p",
        "gerindra",
        "pks",
        "demokrat",
        "ppp",
        "pkb",
        "perindo",
    }


def test_pilkada_2020_has_its_270_regions():
    election = Election.objects.get(code="pilkada-2020")
    regions = dict(election.regions.values_list("code", "name"))
    assert Counter(election.regions.values_list("kind", flat=True)) == {
        "provinsi": 9,
        "kabupaten": 224,
        "kota": 37,
    }
    assert {c for c in regions if "." not in c} == PILKADA_2020_PROVINCES
    assert {c: regions.get(c) for c in PILKADA_2020_MEMBERS} == PILKADA_2020_MEMBERS
    assert not PILKADA_2020_NOT_LISTED & set(regions)


def test_a_listed_region_list_that_does_not_add_up_fails_the_load():
    data = load_reference_data()
    entry = next(e for e in data["elections"] if e["code"] == "pilkada-2020")
    entry["regions"] = [c for c in entry["regions"] if c != "73.71"]  # Makassar forgotten
    with pytest.raises(ValueError, match="'kota': 36"):
        sync_elections(_models(), data=data)


def test_second_run_changes_nothing():
    result = sync_elections(_models())
    assert not result.changed
    assert result.as_dict() == {"created": {}, "updated": {}}


def test_sync_restores_edited_values_by_code_and_keeps_admin_added_regions():
    ElectionStage.objects.filter(election__code="pemilu-2024", kind=StageKind.CAMPAIGN).update(
        ends_on=D(2024, 2, 12)
    )
    election = Election.objects.get(code="pilkada-2020")
    election.regions.add("64.09")  # an administrator adds a region (here one that did not vote in 2020)

    result = sync_elections(_models())

    assert result.updated["stage"] == 1
    assert result.created["election"] == 0
    campaign = ElectionStage.objects.get(election__code="pemilu-2024", kind=StageKind.CAMPAIGN)
    assert campaign.ends_on == D(2024, 2, 10)
    assert "64.09" in set(election.regions.values_list("code", flat=True))


def test_sync_creates_a_new_election_from_data():
    data = load_reference_data()
    data["elections"] = [
        {
            "code": "pilkada-uji",
            "name": "Pilkada Uji",
            "kind": "pilkada",
            "voting_day": "2031-11-26",
            "is_nationwide": False,
            "regions": ["64.71"],
            "stages": [
                {"kind": "voting", "starts_on": "2031-11-26", "ends_on": "2031-11-26", "note": "Uji."}
            ],
        }
    ]
    result = sync_elections(_models(), data=data)
    assert result.created["election"] == 1
    assert result.created["stage"] == 1
    assert result.created["region_link"] == 1
    election = Election.objects.get(code="pilkada-uji")
    assert "- Uji." in election.notes


def test_unknown_region_code_fails_loudly():
    data = {"elections": [{**load_reference_data()["elections"][1], "regions": ["64.71", "99.99"]}]}
    with pytest.raises(ValueError, match=r"99\.99"):
        sync_elections(_models(), data=data)


def test_unknown_party_code_fails_loudly():
    entry = {
        **load_reference_data()["elections"][2],
        "parties": [{"party": "tidak-ada", "ballot_number": 99}],
    }
    with pytest.raises(ValueError, match="tidak-ada"):
        sync_elections(_models(), data={"elections": [entry]})


def test_load_elections_command_audits_only_real_changes():
    out = io.StringIO()
    call_command("load_elections", stdout=out)
    assert "Created: none. Updated: none." in out.getvalue()
    assert not AuditLogEntry.objects.filter(action="election.reference_sync").exists()

    ElectionStage.objects.filter(election__code="pilkada-2024", kind=StageKind.VOTING).update(
        ends_on=D(2024, 11, 28)
    )
    call_command("load_elections", stdout=io.StringIO())
    entry = AuditLogEntry.objects.get(action="election.reference_sync")
    assert entry.after == {"created": {}, "updated": {"stage": 1}}
    assert ElectionStage.objects.get(election__code="pilkada-2024", kind=StageKind.VOTING).ends_on == D(
        2024, 11, 27
    )


# --- Pilkada 2024: 545 regions derived from the region table (issue 10 item 7b) -----------------------


def test_pilkada_2024_holds_exactly_its_545_regions():
    # Region table (Kepmendagri 300.2.2-2138/2025): 38 provinces, 416 kabupaten, 98 kota. Pilkada 2024
    # [SECONDARY: kumparan.com 05-10-2024; id.reportasee.com]: no governor in DI Yogyakarta (34) → 37
    # provinces; Kepulauan Seribu (31.01) and the five kota administrasi (31.71-31.75) elect nobody →
    # 416-1 = 415 kabupaten, 98-5 = 93 kota; 37 + 415 + 93 = 545.
    election = Election.objects.get(code="pilkada-2024")
    regions = list(election.regions.all())
    counts = {kind: sum(r.kind == kind for r in regions) for kind in ("provinsi", "kabupaten", "kota")}
    assert counts == {"provinsi": 37, "kabupaten": 415, "kota": 93}
    assert len(regions) == 545
    codes = {r.code for r in regions}
    assert not codes & {"34", "31.01", "31.71", "31.72", "31.73", "31.74", "31.75"}
    # DIY's regencies and city still elect their bupati/wali kota; Jakarta still elects its governor.
    assert {"34.01", "34.71", "31", "64", "64.71", "33.03", "62.02"} <= codes


def test_pilkada_2024_derivation_fails_when_the_region_table_gives_other_counts():
    entry = next(e for e in load_reference_data()["elections"] if e["code"] == "pilkada-2024")
    entry = {**entry, "regions_derived": {**entry["regions_derived"], "exclude": ["34"]}}
    with pytest.raises(ValueError, match="expected"):
        sync_elections(_models(), data={"elections": [entry]})


# --- Pemilu 2024: candidates determined per race (issue 10 item 4) --------------------------------------


@pytest.mark.parametrize(
    ("contest", "determined_on"),
    [
        ("presiden", D(2023, 11, 13)),  # Keputusan KPU 1632/2023
        ("dpr", D(2023, 11, 3)),  # DCT DPR, PKPU 10/2023
        ("dpd", D(2023, 11, 3)),  # DCT DPD, PKPU 11/2023
        ("dprd_provinsi", D(2023, 11, 3)),
        ("dprd_kabkota", D(2023, 11, 3)),
    ],
)
def test_pemilu_2024_candidate_determination_per_contest(contest, determined_on):
    stage = ElectionStage.objects.get(
        election__code="pemilu-2024", kind=StageKind.CANDIDATE_DETERMINATION, contest=contest
    )
    assert (stage.starts_on, stage.ends_on, stage.region_id) == (determined_on, determined_on, None)
    assert "[SECONDARY" in stage.legal_basis  # every race date carries its source and confidence
