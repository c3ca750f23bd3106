"""The registry file format (docs/patrol.md): shape checks and the screening engine's Registry."""

import json

import pytest

from netra.patrol.registry_io import RegistryFormatError, registry_from_json, registry_load_file

DOC = {
    "election": "pilkada-2024",
    "region": "64.71",
    "contestants": [
        {
            "office": "wali_kota",
            "ballot_number": 1,
            "candidate": "Rahmad Mas'ud",
            "running_mate": "Bagus Susetyo",
            "nicknames": ["RM"],
            "taglines": ["Balikpapan Maju"],
            "slogans": ["Lanjutkan"],
            "hashtags": ["#RMBagus"],
            "gestures": ["salam satu jari"],
            "accounts": [{"platform": "instagram", "handle": "@RahmadMasud"}],
        },
        {"office": "wali_kota", "empty_box": True},
    ],
}


def test_registry_from_json_gives_the_engine_its_terms():
    registry = registry_from_json(DOC)
    pair, box = registry.contestants
    assert pair.key == "pilkada-2024/64.71/1"
    assert pair.label == "1. Rahmad Mas'ud – Bagus Susetyo"
    assert pair.names == ("Rahmad Mas'ud", "Bagus Susetyo")
    assert pair.hashtags == ("RMBagus",)
    assert pair.handles == ("rahmadmasud",)
    assert pair.taglines == ("Balikpapan Maju", "Lanjutkan")
    assert pair.ballot_number == 1
    assert box.is_empty_box
    assert box.key == "pilkada-2024/64.71/kosong"
    assert box.label == "Kolom kosong"


def test_every_problem_is_reported_with_where_and_why():
    bad = {
        "election": "",
        "region": "6471",
        "contestants": [
            {"office": "camat", "candidate": "X"},
            {"office": "bupati", "ballot_number": 2, "candidate": "Y", "hashtags": "oops"},
            {"office": "bupati", "ballot_number": 2, "candidate": "Z",
             "accounts": [{"platform": "myspace", "handle": "a b"}]},
            {"office": "bupati", "candidate": "W"},
            {"office": "bupati", "ballot_number": 3, "candidate": "V"},
        ],
    }  # fmt: skip
    with pytest.raises(RegistryFormatError) as exc:
        registry_from_json(bad)
    errors = exc.value.errors
    assert "election: required (the election's code, e.g. pilkada-2024)" in errors
    assert "region: '6471' is not a Kemendagri code such as 64.71" in errors
    assert any(e.startswith("contestants[0].office: 'camat'") for e in errors)
    assert (
        "contestants[3].ballot_number: required when more than one pair stands (only a single pair facing "
        "the kolom kosong has none, UU 10/2016 Pasal 54C)"
    ) in errors
    assert "contestants[1].hashtags: must be a list of texts" in errors
    assert any(e.startswith("contestants[2].accounts[0].platform: 'myspace'") for e in errors)
    assert any(e.startswith("contestants[2].accounts[0].handle:") for e in errors)


def test_single_pair_facing_the_empty_box_needs_no_number():
    """UU 10/2016 Pasal 54C ayat (2): a single pair's ballot carries no numbers (Balikpapan 2020)."""
    doc = {
        "election": "pilkada-2020",
        "region": "64.71",
        "contestants": [
            {"office": "wali_kota", "candidate": "Rahmad Mas'ud", "running_mate": "Thohari Aziz"},
            {"office": "wali_kota", "empty_box": True},
        ],
    }
    pair, box = registry_from_json(doc).contestants
    assert (pair.key, pair.label, pair.ballot_number) == (
        "pilkada-2020/64.71/tunggal",
        "Rahmad Mas'ud – Thohari Aziz",
        None,
    )
    assert (box.key, box.label) == ("pilkada-2020/64.71/kosong", "Kolom kosong")


def test_files_json_yaml_and_broken(tmp_path):
    (tmp_path / "r.json").write_text(json.dumps(DOC))
    (tmp_path / "r.yaml").write_text(
        "election: pemilu-2024\ncontestants:\n  - office: presiden\n"
        "    ballot_number: 2\n    candidate: A\n    hashtags: ['#Dua']\n"
    )
    (tmp_path / "bad.json").write_text('{"election": "x",\n "contestants": [}')
    assert len(registry_from_json(registry_load_file(tmp_path / "r.json")).contestants) == 2
    yaml_registry = registry_from_json(registry_load_file(tmp_path / "r.yaml"))
    assert yaml_registry.contestants[0].key == "pemilu-2024/-/2"
    with pytest.raises(RegistryFormatError, match="line 2"):
        registry_load_file(tmp_path / "bad.json")
