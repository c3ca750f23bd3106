"""Is it also an election crime, and under which article? (issue 10 item 5) The classification names the
article and whom it punishes, per election type, and only suggests forwarding to Sentra Gakkumdu."""

import datetime as dt

import pytest

from netra.elections.models import ElectionKind
from netra.rules.loader import SyncResult, read_catalogue, sync_crime_provisions
from netra.rules.models import CrimeProvision, Punishes
from netra.rules.selectors import classify_conduct
from netra.rules.selectors.crimes import crime_referrals_for
from netra.rules.tests.factories import election_with_determination

pytestmark = pytest.mark.django_db

GAKKUMDU = "juga dapat diteruskan ke Sentra Gakkumdu (1×24 jam)"


@pytest.fixture
def pemilu_2024(db):
    return election_with_determination(
        code="uji-pemilu-2024",
        kind=ElectionKind.PEMILU,
        determined_on=dt.date(2023, 11, 13),
        voting_day=dt.date(2024, 2, 14),
        name="Pemilu 2024",
    )


def codes(classification):
    return [r.provision.code for r in classification.crime_referrals]


def test_pemilu_campaign_participation_is_a_crime_of_the_asn_under_pasal_494(conduct, pemilu_2024):
    result = classify_conduct(
        conduct=conduct("ikut-kampanye"), incident_date=dt.date(2024, 1, 10), election=pemilu_2024
    )
    # Crimes first: Pasal 280(3) jo. 494 punishes the ASN; Pasal 280(2) jo. 493 the campaign team.
    assert codes(result) == ["pemilu-280-3-494", "pemilu-280-2-493"]
    first = result.crime_referrals[0]
    assert first.provision.punishes == Punishes.SUBJECT
    assert GAKKUMDU in first.text
    assert "Pasal 494" in first.text
    assert "[VERIFIED]" in first.text
    assert "tidak diteruskan otomatis" in first.text
    assert "pelaksana/tim kampanye" in result.crime_referrals[1].text  # not the ASN
    assert "Pasal 494" in result.crime_note


def test_pilkada_campaign_involvement_punishes_the_candidate_not_the_asn(conduct, pilkada_2024):
    result = classify_conduct(
        conduct=conduct("ikut-kampanye"), incident_date=dt.date(2024, 10, 10), election=pilkada_2024
    )
    assert codes(result) == ["pilkada-70-189"]
    text = result.crime_referrals[0].text
    assert "Pasal 189" in text
    assert "calon/pasangan calon yang melibatkan (bukan terlapor)" in text
    assert "terlapor dapat dipidana" not in text


def test_pilkada_favouring_decision_is_pasal_71_jo_188(conduct, pilkada_2024):
    result = classify_conduct(
        conduct=conduct("keputusan-menguntungkan"), incident_date=dt.date(2024, 10, 10), election=pilkada_2024
    )
    assert codes(result) == ["pilkada-71-188"]
    assert "Pasal 71 ayat (1)" in result.crime_note
    assert "Pasal 188" in result.crime_note
    assert GAKKUMDU in result.crime_note


def test_pemilu_favouring_decision_is_a_crime_for_a_village_head_only(pemilu_2024):
    # Pasal 490 names only "kepala desa atau sebutan lain": for a PNS the note says it is no crime.
    for_pns = crime_referrals_for(
        conduct_code="keputusan-menguntungkan", election_kind="pemilu", subject_type="pns"
    )
    for_kades = crime_referrals_for(
        conduct_code="keputusan-menguntungkan", election_kind="pemilu", subject_type="kepala_desa"
    )
    assert [r.provision.code for r in for_pns] == ["pemilu-282-283-asn"]
    assert for_pns[0].is_crime is False
    assert "bukan tindak pidana bagi subjek ini" in for_pns[0].text
    assert "[CONFLICT]" in for_pns[0].text
    assert GAKKUMDU not in for_pns[0].text
    assert [r.provision.code for r in for_kades] == ["pemilu-282-490"]
    assert "Pasal 490" in for_kades[0].text


def test_acts_without_a_criminal_article_have_no_suggestion(conduct, pilkada_2024):
    result = classify_conduct(
        conduct=conduct("medsos-interaksi"), incident_date=dt.date(2024, 10, 10), election=pilkada_2024
    )
    assert result.crime_referrals == ()
    assert result.crime_note == ""


def test_without_an_election_both_kinds_are_listed(conduct):
    result = classify_conduct(conduct=conduct("ikut-kampanye"), incident_date=dt.date(2024, 10, 10))
    assert {r.provision.election_kind for r in result.crime_referrals} == {"pemilu", "pilkada"}


def test_every_shipped_provision_cites_its_basis_and_mark():
    rows = CrimeProvision.objects.all()
    assert rows.count() == len(read_catalogue()["crime_provisions"]) == 6
    for row in rows:
        assert row.legal_basis
        assert row.verification in {"verified", "secondary", "unverified", "conflict"}
        assert bool(row.penal_article) == (row.punishes != Punishes.NONE)


def test_loader_rejects_an_unknown_conduct():
    row = dict(read_catalogue()["crime_provisions"][0], code="x", conducts=["tidak-ada"])
    with pytest.raises(ValueError, match="unknown conducts"):
        sync_crime_provisions(
            CrimeProvision, rows=[row], conduct_codes={"ikut-kampanye"}, force=False, result=SyncResult()
        )


def test_self_check_api_carries_the_crime_referral(client, pilkada_2024):
    body = client.get(
        "/api/v1/rules/self-check",
        {"q": "saya ikut kampanye calon bupati", "election": pilkada_2024.code, "date": "2024-10-10"},
    ).json()
    by_conduct = {r["conduct"]: r["classification"] for r in body["results"]}
    referral = by_conduct["ikut-kampanye"]["crime_referrals"][0]
    assert referral["code"] == "pilkada-70-189"
    assert referral["punishes"] == "candidate"
    assert referral["is_crime"] is True
    assert referral["verification"] == "verified"
    assert "Pasal 189" in by_conduct["ikut-kampanye"]["crime_note"]
