"""Ethics or discipline by the case's own race (issue 10 item 4): candidates are determined per contest.

Pemilu 2024 (reference data, migration 0004): DCT DPR/DPD/DPRD determined 3 Nov 2023, presidential pairs
13 Nov 2023 (the election-wide date). Conduct `medsos-interaksi`: KE-4 (ethics) before determination,
D-6 (discipline) from it.
"""

import datetime as dt

import pytest

from netra.elections.models import Contest, ElectionKind, ElectionStage, StageKind
from netra.elections.selectors import ContestRef, election_get
from netra.rules.models import Category, Stage
from netra.rules.selectors import classify_conduct
from netra.rules.tests.factories import election_with_determination

pytestmark = pytest.mark.django_db

INCIDENT = dt.date(2023, 11, 5)


@pytest.fixture
def pemilu_2024():
    return election_get(code="pemilu-2024")


def test_a_dpr_candidate_on_5_nov_2023_is_discipline(pemilu_2024, conduct):
    # DCT DPR 3 Nov 2023 ≤ 5 Nov 2023 → after determination → D-6 (discipline).
    result = classify_conduct(
        conduct=conduct("medsos-interaksi"),
        incident_date=INCIDENT,
        election=pemilu_2024,
        contest=ContestRef(contests=(Contest.DPR,)),
    )
    assert result.determined_on == dt.date(2023, 11, 3)
    assert result.stage == Stage.AFTER_DETERMINATION
    assert result.applicable.codes == ("D-6",)
    assert result.applicable.category == Category.DISCIPLINE
    assert "Tanggal penetapan calon untuk Anggota DPR: 3 Nov 2023." in result.stage_note
    assert "seluruh pemilihan" not in result.stage_note


def test_the_presidential_pair_on_5_nov_2023_is_ethics(pemilu_2024, conduct):
    # Pairs determined 13 Nov 2023 > 5 Nov 2023 → before determination → KE-4 (ethics).
    result = classify_conduct(
        conduct=conduct("medsos-interaksi"),
        incident_date=INCIDENT,
        election=pemilu_2024,
        contest=ContestRef(contests=(Contest.PRESIDEN,)),
    )
    assert result.determined_on == dt.date(2023, 11, 13)
    assert result.stage == Stage.BEFORE_DETERMINATION
    assert result.applicable.codes == ("KE-4",)
    assert result.applicable.category == Category.ETHICS


def test_an_unknown_contest_falls_back_to_the_election_wide_date_and_says_so(pemilu_2024, conduct):
    # No race recorded → the election-wide date, 13 Nov 2023 > 5 Nov 2023 → ethics, with the note.
    result = classify_conduct(
        conduct=conduct("medsos-interaksi"), incident_date=INCIDENT, election=pemilu_2024
    )
    assert result.determined_on == dt.date(2023, 11, 13)
    assert result.stage == Stage.BEFORE_DETERMINATION
    assert "Kontestasi yang dituju belum dicatat" in result.stage_note
    assert "tanggal penetapan calon seluruh pemilihan" in result.stage_note


def test_a_party_named_alone_means_its_list_races_which_share_3_nov(pemilu_2024, conduct):
    # DPR, DPRD provinsi and DPRD kab/kota lists were all final on 3 Nov 2023 → one date, discipline.
    result = classify_conduct(
        conduct=conduct("medsos-interaksi"),
        incident_date=INCIDENT,
        election=pemilu_2024,
        contest=ContestRef(contests=(Contest.DPR, Contest.DPRD_PROVINSI, Contest.DPRD_KABKOTA)),
    )
    assert result.determined_on == dt.date(2023, 11, 3)
    assert result.stage == Stage.AFTER_DETERMINATION


def test_a_region_re_determination_beats_the_race_date_only_in_that_region(conduct):
    # A fictional Pilkada: wide date 22 Sep 2029; the bupati race of 33.03 re-determined 10 Oct 2029.
    # Incident 1 Oct 2029: in 33.03 → before 10 Oct → ethics; in 64.71's wali kota race (no own row)
    # → the election-wide 22 Sep with the fallback note → discipline.
    election = election_with_determination(
        code="uji-pilkada-ulang",
        kind=ElectionKind.PILKADA,
        determined_on=dt.date(2029, 9, 22),
        voting_day=dt.date(2029, 11, 28),
        name="Pilkada Uji",
    )
    ElectionStage.objects.create(
        election=election,
        kind=StageKind.CANDIDATE_DETERMINATION,
        contest=Contest.BUPATI,
        region_id="33.03",
        starts_on=dt.date(2029, 10, 10),
        ends_on=dt.date(2029, 10, 10),
        legal_basis="uji",
    )
    day = dt.date(2029, 10, 1)
    pbg = classify_conduct(
        conduct=conduct("medsos-interaksi"),
        incident_date=day,
        election=election,
        contest=ContestRef(contests=(Contest.BUPATI,), region_code="33.03"),
    )
    assert (pbg.determined_on, pbg.stage) == (dt.date(2029, 10, 10), Stage.BEFORE_DETERMINATION)
    bpp = classify_conduct(
        conduct=conduct("medsos-interaksi"),
        incident_date=day,
        election=election,
        contest=ContestRef(contests=(Contest.WALI_KOTA,), region_code="64.71"),
    )
    assert (bpp.determined_on, bpp.stage) == (dt.date(2029, 9, 22), Stage.AFTER_DETERMINATION)
    assert "tidak tercatat tersendiri" in bpp.stage_note
