"""The public elections API: shapes, filters, the stage-on-a-day answer and problem details."""

import pytest
from django.contrib.auth import get_user_model

from config.api import api
from netra.core.api import PROBLEM_CONTENT_TYPE
from netra.elections.models import StageKind

pytestmark = pytest.mark.django_db

BASE = "/api/v1/elections/"


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(PROBLEM_CONTENT_TYPE)
    body = response.json()
    assert body["status"] == status
    return body


def test_list_is_public_and_newest_first(client):
    response = client.get(BASE)
    assert response.status_code == 200
    body = response.json()
    assert [e["code"] for e in body] == ["pilkada-2024", "pemilu-2024", "pilkada-2020", "pemilu-2019"]
    assert body[2] == {
        "code": "pilkada-2020",
        "name": "Pilkada Serentak 2020",
        "kind": "pilkada",
        "voting_day": "2020-12-09",
        "is_nationwide": False,
        "is_tentative": False,
    }


def test_list_filters_by_kind(client):
    body = client.get(BASE, {"kind": "pilkada"}).json()
    assert [e["code"] for e in body] == ["pilkada-2024", "pilkada-2020"]


def test_list_rejects_an_unknown_kind_with_problem_details(client):
    body = _problem(client.get(BASE, {"kind": "referendum"}), 422)
    assert body["type"].endswith("/validation-error")


def test_list_query_budget(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get(BASE).status_code == 200


def test_detail_pemilu_2024(client):
    response = client.get(BASE + "pemilu-2024")
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "pemilu-2024"
    assert "PKPU 3/2022" in body["legal_basis"]
    assert body["region_codes"] == []
    stages = {s["kind"]: s for s in body["stages"]}
    assert stages["quiet_period"] == {
        "kind": "quiet_period",
        "label": str(StageKind.QUIET_PERIOD.label),
        "contest": "",  # election-wide
        "region": None,
        "starts_on": "2024-02-11",
        "ends_on": "2024-02-13",
        "legal_basis": stages["quiet_period"]["legal_basis"],
    }
    # Each race's own determination date is listed with its contest (DCT DPR 3 Nov 2023).
    dpr = [s for s in body["stages"] if s["contest"] == "dpr"]
    assert [(s["kind"], s["starts_on"]) for s in dpr] == [("candidate_determination", "2023-11-03")]
    assert "PKPU 3/2022" in stages["quiet_period"]["legal_basis"]
    # Ordered by date, as people read a schedule.
    assert [s["starts_on"] for s in body["stages"]] == sorted(s["starts_on"] for s in body["stages"])
    numbers = [p["ballot_number"] for p in body["parties"]]
    assert numbers == [*range(1, 24), 24]
    assert body["parties"][0] == {
        "ballot_number": 1,
        "code": "pkb",
        "name": "Partai Kebangkitan Bangsa",
        "abbreviation": "PKB",
        "is_local": False,
    }
    assert [(c["ballot_number"], c["candidate_name"]) for c in body["contestants"]] == [
        (1, "Anies Baswedan"),
        (2, "Prabowo Subianto"),
        (3, "Ganjar Pranowo"),
    ]
    assert body["contestants"][1] == {
        "office": "presiden",
        "region_code": None,
        "region_name": None,
        "ballot_number": 2,
        "candidate_name": "Prabowo Subianto",
        "running_mate_name": "Gibran Rakabuming Raka",
        "is_empty_box": False,
        "parties": [],
    }


def test_detail_lists_regions_and_a_kolom_kosong(client):
    # The reference data holds Kota Balikpapan 2020: one pair against the kolom kosong (issue 10).
    body = client.get(BASE + "pilkada-2020").json()
    assert {"13", "62", "33.03", "64.71", "62.02"} <= set(body["region_codes"])
    assert body["parties"] == []
    box = next(c for c in body["contestants"] if c["is_empty_box"])
    assert box["region_code"] == "64.71"
    assert box["region_name"] == "Kota Balikpapan"
    assert box["ballot_number"] is None
    assert box["candidate_name"] == ""


def test_detail_query_budget(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        assert client.get(BASE + "pemilu-2024").status_code == 200


def test_detail_unknown_code_is_a_404_problem(client):
    body = _problem(client.get(BASE + "pemilu-1955"), 404)
    assert body["type"].endswith("/not-found")
    assert body["instance"] == BASE + "pemilu-1955"


@pytest.mark.parametrize(
    ("code", "on", "stages", "determined", "round_the_clock"),
    [
        ("pemilu-2024", "2023-11-12", [], False, False),  # bakal calon: not yet determined
        ("pemilu-2024", "2023-11-13", ["candidate_determination"], True, False),
        ("pemilu-2024", "2024-01-10", ["campaign"], True, False),
        ("pemilu-2024", "2024-02-12", ["quiet_period"], True, True),
        ("pilkada-2024", "2024-11-27", ["voting", "recapitulation"], True, True),
        ("pilkada-2020", "2020-12-20", ["recapitulation"], True, True),
    ],
)
def test_stage_on_a_day(client, code, on, stages, determined, round_the_clock):
    response = client.get(f"{BASE}{code}/stage", {"on": on})
    assert response.status_code == 200
    body = response.json()
    assert body["election"] == code
    assert body["on"] == on
    assert sorted(body["stages"]) == sorted(stages)
    assert body["candidates_determined"] is determined
    assert body["round_the_clock"] is round_the_clock
    assert (
        body["candidates_determined_on"]
        == {
            "pemilu-2024": "2023-11-13",
            "pilkada-2024": "2024-09-22",
            "pilkada-2020": "2020-09-23",
        }[code]
    )


@pytest.mark.parametrize("params", [{}, {"on": "14-02-2024"}, {"on": "2024-02-30"}])
def test_stage_on_needs_a_valid_date(client, params):
    _problem(client.get(BASE + "pemilu-2024/stage", params), 422)


def test_stage_on_unknown_election_is_a_404_problem(client):
    _problem(client.get(BASE + "pemilu-1955/stage", {"on": "2024-02-14"}), 404)


def test_signed_in_officers_see_the_same_data(client):
    user = get_user_model().objects.create_user(username="petugas-api", password="x")
    client.force_login(user)
    assert len(client.get(BASE).json()) == 4
    assert client.get(BASE + "pilkada-2024").json()["code"] == "pilkada-2024"


def test_openapi_documents_the_public_endpoints():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    paths = schema["paths"]
    for path in (BASE, BASE + "{code}", BASE + "{code}/stage"):
        assert path in paths, sorted(p for p in paths if "elections" in p)
        operation = paths[path]["get"]
        assert "security" not in operation  # explicitly public (auth=None)
        assert operation["tags"] == ["elections"]
    components = schema["components"]["schemas"]
    assert {"ElectionOut", "ElectionDetailOut", "StageOut", "ContestantOut", "ElectionDayOut"} <= set(
        components
    )
