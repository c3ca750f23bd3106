"""`manage.py import_registry FILE`: imports a file, or lists every problem and writes nothing (exit 1)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from netra.elections.models import Contestant
from netra.elections.tests.factories import running_pilkada
from netra.patrol.models import ContestantAccount, ContestantProfile
from netra.patrol.tests.fixtures import REGISTRY

pytestmark = pytest.mark.django_db


def test_import_registry_json_and_yaml(tmp_path):
    election = running_pilkada()
    path = tmp_path / "registri.json"
    path.write_text(json.dumps(REGISTRY), encoding="utf-8")
    out = io.StringIO()
    call_command("import_registry", str(path), stdout=out)
    assert "2 contestant(s) created, 0 updated, 2 account(s)." in out.getvalue()
    assert ContestantProfile.objects.get(contestant__ballot_number=1).hashtags == ["AndiBudiMenang"]
    yaml_path = tmp_path / "registri.yaml"
    yaml_path.write_text(
        "election: pilkada-uji-kini\nregion: '64.71'\ncontestants:\n"
        "  - office: wali_kota\n    ballot_number: 2\n    candidate: Citra Karangan\n"
        "    running_mate: Dodi Khayal\n    hashtags: ['#CiDo']\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_registry", str(yaml_path), stdout=out)
    assert "0 contestant(s) created, 1 updated, 0 account(s)." in out.getvalue()
    assert ContestantProfile.objects.get(contestant__ballot_number=2).hashtags == ["CiDo"]
    assert Contestant.objects.filter(election=election).count() == 2


def test_import_registry_reports_every_problem_and_writes_nothing(tmp_path):
    election = running_pilkada()
    doc = json.loads(json.dumps(REGISTRY))
    doc["election"] = "tidak-ada"
    doc["contestants"][1]["accounts"][0]["platform"] = "friendster"
    path = tmp_path / "registri.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_registry", str(path), stderr=err)
    assert "contestants[1].accounts[0].platform: 'friendster'" in err.getvalue()
    doc["contestants"][1]["accounts"][0]["platform"] = "instagram"
    path.write_text(json.dumps(doc), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_registry", str(path), stderr=err)
    assert "registri.json: election: unknown election 'tidak-ada'" in err.getvalue()
    (tmp_path / "rusak.json").write_text("{", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_registry", str(tmp_path / "rusak.json"), stderr=io.StringIO())
    with pytest.raises(CommandError, match="File not found"):
        call_command("import_registry", str(tmp_path / "tidak-ada.json"))
    assert not Contestant.objects.filter(election=election).exists()
    assert not ContestantAccount.objects.exists()
