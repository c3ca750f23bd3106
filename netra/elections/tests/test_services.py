"""Writing elections, stages and contestants: validation errors and audit rows."""

import datetime as dt

import pytest

from netra.audit.models import AuditLogEntry
from netra.core.exceptions import ApplicationError
from netra.elections.models import Contestant, Election, ElectionKind, ElectionStage, StageKind
from netra.elections.services import contestant_create, election_create, election_stage_set
from netra.elections.tests.factories import (
    ContestantFactory,
    ElectionFactory,
    ElectionStageFactory,
    PartyFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date


def _audit(action: str) -> list[AuditLogEntry]:
    return list(AuditLogEntry.objects.filter(action=action).order_by("seq"))


# --- election_create --------------------------------------------------------------------------------


def test_election_create_saves_and_audits(actor):
    election = election_create(
        actor=actor,
        code="psu-balikpapan-2025",
        name="Pemungutan Suara Ulang Balikpapan",
        kind=ElectionKind.PILKADA,
        voting_day=D(2025, 4, 19),
        is_nationwide=False,
        region_codes=["64.71"],
        legal_basis="Putusan MK (fiktif untuk uji)",
    )
    assert election.pk is not None
    assert list(election.regions.values_list("code", flat=True)) == ["64.71"]
    (entry,) = _audit("election.create")
    assert entry.actor_id == actor.pk
    assert entry.object_type == "elections.election"
    assert entry.object_id == str(election.pk)
    assert entry.after["code"] == "psu-balikpapan-2025"
    assert entry.after["voting_day"] == "2025-04-19"
    assert entry.after["regions"] == ["64.71"]


def test_election_create_rejects_a_duplicate_code_without_audit(actor):
    with pytest.raises(ApplicationError) as exc:
        election_create(
            actor=actor, code="pemilu-2024", name="Lagi", kind=ElectionKind.PEMILU, voting_day=D(2024, 2, 14)
        )
    assert exc.value.code == "validation-error"
    assert "code" in exc.value.extra["errors"]
    assert Election.objects.filter(code="pemilu-2024").count() == 1
    assert _audit("election.create") == []


@pytest.mark.parametrize(
    ("is_nationwide", "region_codes", "error_code"),
    [
        (False, [], "regions-required"),
        (True, ["64.71"], "regions-not-allowed"),
        (False, ["99.99"], "unknown-region"),
    ],
)
def test_election_create_region_rules(actor, is_nationwide, region_codes, error_code):
    with pytest.raises(ApplicationError) as exc:
        election_create(
            actor=actor,
            code="uji-wilayah",
            name="Uji",
            kind=ElectionKind.PILKADA,
            voting_day=D(2030, 1, 1),
            is_nationwide=is_nationwide,
            region_codes=region_codes,
        )
    assert exc.value.code == error_code
    assert not Election.objects.filter(code="uji-wilayah").exists()


def test_election_create_rejects_unknown_kind(actor):
    with pytest.raises(ApplicationError) as exc:
        election_create(
            actor=actor, code="uji-jenis", name="Uji", kind="referendum", voting_day=D(2030, 1, 1)
        )
    assert "kind" in exc.value.extra["errors"]


# --- election_stage_set -----------------------------------------------------------------------------


def test_stage_set_creates_then_updates_by_kind_with_audit(actor):
    election = ElectionFactory(voting_day=D(2029, 11, 28))
    stage = election_stage_set(
        actor=actor,
        election=election,
        kind=StageKind.QUIET_PERIOD,
        starts_on=D(2029, 11, 25),
        ends_on=D(2029, 11, 27),
        legal_basis="PKPU uji",
    )
    (created,) = _audit("election_stage.create")
    assert created.after["kind"] == "quiet_period"
    assert created.after["ends_on"] == "2029-11-27"

    again = election_stage_set(
        actor=actor,
        election=election,
        kind=StageKind.QUIET_PERIOD,
        starts_on=D(2029, 11, 24),
        ends_on=D(2029, 11, 27),
        legal_basis="PKPU uji",
    )
    assert again.pk == stage.pk
    assert ElectionStage.objects.filter(election=election).count() == 1
    (updated,) = _audit("election_stage.update")
    assert updated.before == {"starts_on": "2029-11-25"}
    assert updated.after == {"starts_on": "2029-11-24"}


def test_stage_set_without_change_writes_no_audit_row(actor):
    stage = ElectionStageFactory()
    election_stage_set(
        actor=actor,
        election=stage.election,
        kind=stage.kind,
        starts_on=stage.starts_on,
        ends_on=stage.ends_on,
        legal_basis=stage.legal_basis,
    )
    assert _audit("election_stage.update") == []


def test_stage_set_rejects_end_before_start(actor):
    election = ElectionFactory()
    with pytest.raises(ApplicationError) as exc:
        election_stage_set(
            actor=actor,
            election=election,
            kind=StageKind.CAMPAIGN,
            starts_on=D(2029, 10, 2),
            ends_on=D(2029, 10, 1),
        )
    assert exc.value.code == "stage-dates-reversed"
    assert not ElectionStage.objects.filter(election=election).exists()
    assert _audit("election_stage.create") == []


def test_stage_set_accepts_a_one_day_stage(actor):
    election = ElectionFactory(voting_day=D(2029, 11, 28))
    stage = election_stage_set(
        actor=actor,
        election=election,
        kind=StageKind.VOTING,
        starts_on=D(2029, 11, 28),
        ends_on=D(2029, 11, 28),
    )
    assert stage.starts_on == stage.ends_on


def test_voting_stage_must_hold_the_voting_day(actor):
    election = ElectionFactory(voting_day=D(2029, 11, 28))
    with pytest.raises(ApplicationError) as exc:
        election_stage_set(
            actor=actor,
            election=election,
            kind=StageKind.VOTING,
            starts_on=D(2029, 11, 29),
            ends_on=D(2029, 11, 29),
        )
    assert exc.value.code == "voting-stage-mismatch"


def test_stage_set_refuses_moving_a_stage_onto_an_existing_kind(actor):
    campaign = ElectionStageFactory(kind=StageKind.CAMPAIGN)
    quiet = ElectionStageFactory(
        election=campaign.election,
        kind=StageKind.QUIET_PERIOD,
        starts_on=D(2029, 11, 25),
        ends_on=D(2029, 11, 27),
    )
    with pytest.raises(ApplicationError) as exc:
        election_stage_set(
            actor=actor,
            election=campaign.election,
            stage=quiet,
            kind=StageKind.CAMPAIGN,
            starts_on=quiet.starts_on,
            ends_on=quiet.ends_on,
        )
    assert exc.value.code == "duplicate-stage-kind"
    quiet.refresh_from_db()
    assert quiet.kind == StageKind.QUIET_PERIOD


def test_stage_set_refuses_a_stage_of_another_election(actor):
    stage = ElectionStageFactory()
    with pytest.raises(ApplicationError) as exc:
        election_stage_set(
            actor=actor,
            election=ElectionFactory(),
            stage=stage,
            kind=stage.kind,
            starts_on=stage.starts_on,
            ends_on=stage.ends_on,
        )
    assert exc.value.code == "stage-election-mismatch"


def test_stage_set_rejects_unknown_kind(actor):
    with pytest.raises(ApplicationError) as exc:
        election_stage_set(
            actor=actor,
            election=ElectionFactory(),
            kind="coblos_ulang",
            starts_on=D(2029, 1, 1),
            ends_on=D(2029, 1, 1),
        )
    assert exc.value.code == "unknown-stage-kind"


# --- contestant_create ------------------------------------------------------------------------------


@pytest.fixture
def pilkada():
    """A fictional Pilkada limited to Kalimantan Timur's governor race and two of its cities, plus DIY
    and Jakarta (to test the regions that never elect these offices)."""
    return ElectionFactory(
        code="pilkada-uji",
        kind=ElectionKind.PILKADA,
        is_nationwide=False,
        region_codes=["64", "34", "31"],
    )


@pytest.fixture
def pemilu():
    return ElectionFactory(code="pemilu-uji", kind=ElectionKind.PEMILU, voting_day=D(2029, 2, 14))


def _pair(election, **kwargs):
    defaults = {
        "office": Contestant.Office.WALI_KOTA,
        "region_code": "64.71",
        "ballot_number": 1,
        "candidate_name": "Calon Fiktif A",
        "running_mate_name": "Wakil Fiktif A",
    }
    return {"election": election, **defaults, **kwargs}


def test_contestant_create_pair_with_parties_and_audit(actor, pilkada):
    PartyFactory(code="partai-uji-a")
    PartyFactory(code="partai-uji-b")
    contestant = contestant_create(
        actor=actor, **_pair(pilkada), party_codes=["partai-uji-b", "partai-uji-a"]
    )
    assert contestant.region_id == "64.71"
    assert sorted(contestant.parties.values_list("code", flat=True)) == ["partai-uji-a", "partai-uji-b"]
    (entry,) = _audit("contestant.create")
    assert entry.actor_id == actor.pk
    assert entry.after["office"] == "wali_kota"
    assert entry.after["region_id"] == "64.71"
    assert entry.after["parties"] == ["partai-uji-a", "partai-uji-b"]


def test_contestant_create_presidential_pair_has_no_region(actor, pemilu):
    contestant = contestant_create(
        actor=actor, **_pair(pemilu, office=Contestant.Office.PRESIDEN, region_code=None)
    )
    assert contestant.region is None


@pytest.mark.parametrize(
    ("office", "region_code", "message"),
    [
        (Contestant.Office.WALI_KOTA, "64.02", "kota"),  # Kutai Kartanegara is a kabupaten
        (Contestant.Office.BUPATI, "64.71", "kabupaten"),  # Balikpapan is a kota
        (Contestant.Office.GUBERNUR, "64.71", "provinsi"),
        (Contestant.Office.BUPATI, "64", "kabupaten"),
        (Contestant.Office.GUBERNUR, None, "wilayah"),
        (Contestant.Office.GUBERNUR, "34", "DIY"),  # the Sultan is governor by law
        (Contestant.Office.WALI_KOTA, "31.71", "Jakarta"),  # kota administrasi: no pilkada
        (Contestant.Office.BUPATI, "31.01", "Jakarta"),  # kabupaten administrasi: no pilkada
        (Contestant.Office.WALI_KOTA, "33.71", "tidak termasuk"),  # Magelang is outside this election
        (Contestant.Office.PRESIDEN, None, "tidak dipilih"),  # no president in a Pilkada
    ],
)
def test_contestant_office_must_match_region_and_election(actor, pilkada, office, region_code, message):
    with pytest.raises(ApplicationError) as exc:
        contestant_create(actor=actor, **_pair(pilkada, office=office, region_code=region_code))
    assert exc.value.code == "invalid-contestant"
    assert any(message.lower() in m.lower() for m in exc.value.extra["errors"]), exc.value.extra
    assert not Contestant.objects.filter(election=pilkada).exists()
    assert _audit("contestant.create") == []


def test_presidential_pair_cannot_have_a_region(actor, pemilu):
    with pytest.raises(ApplicationError, match="presiden"):
        contestant_create(actor=actor, **_pair(pemilu, office=Contestant.Office.PRESIDEN, region_code="64"))


def test_regional_office_is_not_elected_in_a_pemilu(actor, pemilu):
    with pytest.raises(ApplicationError, match="tidak dipilih"):
        contestant_create(actor=actor, **_pair(pemilu))


def test_unknown_region_code(actor, pilkada):
    with pytest.raises(ApplicationError) as exc:
        contestant_create(actor=actor, **_pair(pilkada, region_code="64.99"))
    assert exc.value.code == "unknown-region"


def test_pair_needs_both_names_and_a_number_from_one(actor, pilkada):
    with pytest.raises(ApplicationError) as exc:
        contestant_create(actor=actor, **_pair(pilkada, ballot_number=0, running_mate_name="  "))
    assert exc.value.extra["errors"] == [
        "Nomor urut dimulai dari 1.",
        "Nama calon dan calon wakil wajib diisi.",
    ]


def test_single_pair_facing_the_empty_box_has_no_number(actor, pilkada):
    """UU 10/2016 Pasal 54C ayat (2): the single pair's ballot has two columns and no numbers (KPU Kota
    Balikpapan 2020 drew only the columns' places). A pair without a number is accepted while it is the
    only pair of its race; a second pair then needs a number, and so does the first."""
    single = contestant_create(actor=actor, **_pair(pilkada, ballot_number=None))
    box = contestant_create(
        actor=actor,
        election=pilkada,
        office=Contestant.Office.WALI_KOTA,
        region_code="64.71",
        is_empty_box=True,
    )
    assert (single.ballot_number, str(single)) == (None, "Calon Fiktif A – Wakil Fiktif A")
    assert (box.ballot_number, str(box)) == (None, "Kolom kosong")
    box.delete()
    with pytest.raises(ApplicationError, match="Setiap pasangan calon harus memiliki nomor urut"):
        contestant_create(
            actor=actor,
            **_pair(pilkada, ballot_number=2, candidate_name="Calon B", running_mate_name="Wakil B"),
        )
    # A second race may have its own single pair without a number.
    contestant_create(
        actor=actor, **_pair(pilkada, ballot_number=None, office=Contestant.Office.GUBERNUR, region_code="64")
    )


def test_presidential_pair_always_has_a_number(actor, pemilu):
    with pytest.raises(ApplicationError, match="harus memiliki nomor urut"):
        contestant_create(
            actor=actor,
            **_pair(pemilu, office=Contestant.Office.PRESIDEN, region_code=None, ballot_number=None),
        )


def test_ballot_number_is_unique_within_a_race(actor, pilkada):
    contestant_create(actor=actor, **_pair(pilkada))
    with pytest.raises(ApplicationError, match="Nomor urut 1"):
        contestant_create(
            actor=actor, **_pair(pilkada, candidate_name="Calon B", running_mate_name="Wakil B")
        )
    # The same number in another race (the governor's) is fine.
    contestant_create(actor=actor, **_pair(pilkada, office=Contestant.Office.GUBERNUR, region_code="64"))


def test_presidential_ballot_numbers_are_unique_although_the_region_is_null(actor, pemilu):
    # The DB unique constraint cannot see this case (NULL region is distinct), so the service must.
    pair = _pair(pemilu, office=Contestant.Office.PRESIDEN, region_code=None)
    contestant_create(actor=actor, **pair)
    with pytest.raises(ApplicationError, match="Nomor urut 1"):
        contestant_create(actor=actor, **pair)
    assert Contestant.objects.filter(election=pemilu).count() == 1


def test_empty_box_needs_exactly_one_pair_first(actor, pilkada):
    box = {
        "election": pilkada,
        "office": Contestant.Office.WALI_KOTA,
        "region_code": "64.71",
        "is_empty_box": True,
    }
    with pytest.raises(ApplicationError, match="tepat satu pasangan"):
        contestant_create(actor=actor, **box)

    contestant_create(actor=actor, **_pair(pilkada))
    empty = contestant_create(actor=actor, **box)
    assert empty.is_empty_box
    assert empty.ballot_number is None
    assert str(empty) == "Kolom kosong"
    assert len(_audit("contestant.create")) == 2

    with pytest.raises(ApplicationError, match="satu kolom kosong"):
        contestant_create(actor=actor, **box)
    with pytest.raises(ApplicationError, match="tepat satu pasangan"):
        contestant_create(
            actor=actor,
            **_pair(pilkada, ballot_number=2, candidate_name="Calon B", running_mate_name="Wakil B"),
        )
    assert Contestant.objects.filter(election=pilkada).count() == 2


def test_empty_box_is_not_allowed_with_two_pairs(actor, pilkada):
    ContestantFactory(election=pilkada, ballot_number=1)
    ContestantFactory(election=pilkada, ballot_number=2)
    with pytest.raises(ApplicationError, match="tepat satu pasangan"):
        contestant_create(
            actor=actor,
            election=pilkada,
            office=Contestant.Office.WALI_KOTA,
            region_code="64.71",
            is_empty_box=True,
        )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"candidate_name": "Siapa Saja"}, "nama"),
        ({"ballot_number": 2}, "nomor urut"),
    ],
)
def test_empty_box_has_no_names_and_no_number(actor, pilkada, extra, message):
    ContestantFactory(election=pilkada)
    with pytest.raises(ApplicationError) as exc:
        contestant_create(
            actor=actor,
            election=pilkada,
            office=Contestant.Office.WALI_KOTA,
            region_code="64.71",
            is_empty_box=True,
            **extra,
        )
    assert any(message in m.lower() for m in exc.value.extra["errors"])


def test_empty_box_is_not_backed_by_parties(actor, pilkada):
    ContestantFactory(election=pilkada)
    PartyFactory(code="partai-uji-a")
    with pytest.raises(ApplicationError, match="partai"):
        contestant_create(
            actor=actor,
            election=pilkada,
            office=Contestant.Office.WALI_KOTA,
            region_code="64.71",
            is_empty_box=True,
            party_codes=["partai-uji-a"],
        )


def test_no_empty_box_in_a_presidential_election(actor, pemilu):
    ContestantFactory(election=pemilu, office=Contestant.Office.PRESIDEN, region_id=None)
    with pytest.raises(ApplicationError, match="pilkada"):
        contestant_create(actor=actor, election=pemilu, office=Contestant.Office.PRESIDEN, is_empty_box=True)


def test_unknown_party_code(actor, pilkada):
    with pytest.raises(ApplicationError) as exc:
        contestant_create(actor=actor, **_pair(pilkada), party_codes=["partai-hantu"])
    assert exc.value.code == "unknown-party"
    assert not Contestant.objects.filter(election=pilkada).exists()
    assert _audit("contestant.create") == []


def test_reference_pilkada_2020_accepts_a_pair_of_its_regions(actor):
    election = Election.objects.get(code="pilkada-2020")
    # Kabupaten Purbalingga (33.03) is one of its regions (Balikpapan's pair is in the reference data).
    contestant_create(actor=actor, **_pair(election, office=Contestant.Office.BUPATI, region_code="33.03"))
    # Kota Bogor elected its mayor in 2018 and 2024, not in 2020.
    with pytest.raises(ApplicationError, match="tidak termasuk"):
        contestant_create(actor=actor, **_pair(election, region_code="32.71"))
