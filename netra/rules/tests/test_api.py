"""The public rules API: anonymous access, filters, problem details for errors, the OpenAPI contract."""

import pytest

from netra.rules.models import Level, ViolationType

pytestmark = pytest.mark.django_db

BASE = "/api/v1/rules"
PROBLEM = "application/problem+json"


def get(client, path, **params):
    return client.get(f"{BASE}{path}", params)


def test_violations_list_is_public_and_complete(client):
    response = get(client, "/violations")

    assert response.status_code == 200
    codes = [row["code"] for row in response.json()]
    assert len(codes) == 19
    assert codes[0] == "KE-1"
    assert codes[-1] == "D-11"


def test_violations_filter_by_category_and_conduct(client):
    ethics = get(client, "/violations", category="etik").json()
    interaction = get(client, "/violations", conduct="medsos-interaksi").json()

    assert [r["code"] for r in ethics] == [f"KE-{n}" for n in range(1, 8)]
    assert {r["category"] for r in ethics} == {"etik"}
    assert [(r["code"], r["level"], r["stage"]) for r in interaction] == [
        ("KE-4", "moral", "before"),
        ("D-6", "berat", "after"),
    ]


def test_conflict_item_shows_positions_and_recommended_level(client):
    ViolationType.objects.filter(code="D-8").update(level=Level.SEDANG)

    body = get(client, "/violations/D-8").json()

    assert body["verification"] == "conflict"
    assert body["level"] == "sedang"
    assert body["recommended_level"] == "berat"
    assert {p["level"] for p in body["level_positions"]} == {"sedang", "berat"}
    assert body["conduct"] == "kegiatan-keberpihakan"
    assert body["level_label"] == "Hukuman disiplin sedang"


def test_violation_codes_are_case_insensitive(client):
    assert get(client, "/violations/ke-4").json()["code"] == "KE-4"


def test_unknown_violation_is_a_404_problem(client):
    response = get(client, "/violations/X-99")

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == 404
    assert body["instance"] == f"{BASE}/violations/X-99"
    assert body["type"].endswith("/not-found")


def test_bad_filter_value_is_a_422_problem(client):
    response = get(client, "/violations", category="pidana")

    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"][0]["loc"][-1] == "category"


def test_conducts_list_their_catalogue_items(client):
    rows = {r["code"]: r for r in get(client, "/conducts").json()}

    assert len(rows) == 13
    assert rows["medsos-interaksi"]["violations"] == ["KE-4", "D-6"]
    assert "like" in rows["medsos-interaksi"]["keywords"]


def test_sanctions_by_level_employment_type_and_date(client):
    old = get(client, "/sanctions", level="sedang", employment_type="pns", on="2020-12-01").json()
    new = get(client, "/sanctions", level="sedang", employment_type="pns", on="2022-01-01").json()
    pppk = get(client, "/sanctions", level="ptdh", employment_type="pppk").json()

    assert [s["code"] for s in old] == [
        "pp53-pns-sedang-tunda-kgb",
        "pp53-pns-sedang-tunda-kp",
        "pp53-pns-sedang-turun-pangkat-1",
    ]
    assert [s["code"] for s in new] == [
        "pp94-pns-sedang-tukin-6",
        "pp94-pns-sedang-tukin-9",
        "pp94-pns-sedang-tukin-12",
    ]
    assert [s["name"] for s in pppk] == ["Pemutusan hubungan perjanjian kerja tidak dengan hormat"]


def test_sanctions_reject_a_bad_date(client):
    response = get(client, "/sanctions", on="31-31-2024")
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM


def test_oversight_bodies_and_the_current_one(client):
    bodies = get(client, "/oversight-bodies").json()
    on_3_sep = get(client, "/oversight-bodies/current", on="2024-09-03").json()
    on_4_sep = get(client, "/oversight-bodies/current", on="2024-09-04").json()
    before_any = get(client, "/oversight-bodies/current", on="2010-01-01")

    assert [b["code"] for b in bodies] == ["kasn", "bkn", "badan-independen"]
    assert (on_3_sep["code"], on_3_sep["agency_kind"]) == ("kasn", "kasn")
    assert (on_4_sep["code"], on_4_sep["agency_kind"]) == ("bkn", "bkn")
    assert before_any.status_code == 404
    assert before_any["Content-Type"] == PROBLEM


def test_routing_resolves_the_oversight_body_by_date(client):
    body = get(
        client,
        "/routing",
        subject_type="pns",
        violation_class="neutrality",
        election_kind="pemilu",
        on="2024-02-14",
    ).json()

    assert body["destination"] == "oversight_body"
    assert body["oversight_body"]["code"] == "kasn"
    assert body["agency_kind"] == "kasn"
    assert body["is_fallback"] is False
    assert "Pasal 455" in body["legal_basis"]


def test_routing_for_tni_crime_and_fallback(client):
    tni = get(client, "/routing", subject_type="tni", violation_class="neutrality").json()
    crime = get(
        client, "/routing", subject_type="kepala_desa", violation_class="criminal", election_kind="pemilu"
    ).json()
    fallback = get(client, "/routing", subject_type="tni", violation_class="election_ethics").json()

    assert (tni["destination"], tni["agency_kind"]) == ("pom_tni", "tni")
    assert crime["destination"] == "gakkumdu"
    assert "1×24 jam" in crime["deadline_note"]
    assert fallback["is_fallback"] is True
    assert fallback["destination"] == "record_only"


def test_routing_requires_valid_parameters(client):
    missing = get(client, "/routing", violation_class="neutrality")
    unknown = get(client, "/routing", subject_type="alien", violation_class="neutrality")

    assert missing.status_code == unknown.status_code == 422
    assert missing["Content-Type"] == PROBLEM


def test_self_check_ranks_and_classifies(client):
    body = get(client, "/self-check", q="boleh tidak saya like postingan calon bupati?").json()

    assert body["status"] == "ok"
    first = body["results"][0]
    assert first["conduct"] == "medsos-interaksi"
    assert "like" in first["matched_terms"]
    classification = first["classification"]
    assert classification["applicable"] is None
    assert classification["stage_changes_outcome"] is True
    assert [v["code"] for v in classification["before"]["violations"]] == ["KE-4"]
    assert [v["code"] for v in classification["after"]["violations"]] == ["D-6"]
    assert classification["after"]["level"] == "berat"
    assert len(classification["after"]["sanctions"]) == 3


def test_self_check_with_election_and_date(client, pilkada_2024):
    body = get(
        client,
        "/self-check",
        q="boleh tidak saya like postingan calon bupati?",
        election=pilkada_2024.code,
        date="2024-10-01",
        employment_type="pns",
    ).json()

    classification = body["results"][0]["classification"]
    assert classification["stage"] == "after"
    assert classification["determined_on"] == "2024-09-22"
    assert [v["code"] for v in classification["applicable"]["violations"]] == ["D-6"]
    assert classification["election"] == pilkada_2024.code
    assert "22 Sep 2024" in classification["stage_note"]


def test_self_check_no_match_is_an_empty_result_with_a_message(client):
    body = get(client, "/self-check", q="saya makan siang").json()
    assert body["status"] == "no_match"
    assert body["results"] == []
    assert "Tidak ditemukan" in body["message"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "ab"},
        {"q": "like postingan calon", "election": "pemilu-1955"},
        {"q": "like", "employment_type": "tni"},
    ],
)
def test_self_check_bad_parameters_are_422(client, params):
    response = get(client, "/self-check", **params)
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM


def test_openapi_document_contains_the_rules_paths_and_schemas(client):
    document = client.get("/api/openapi.json").json()

    paths = document["paths"]
    for path in (
        "/violations",
        "/violations/{code}",
        "/conducts",
        "/sanctions",
        "/oversight-bodies",
        "/oversight-bodies/current",
        "/routing",
        "/self-check",
    ):
        assert f"{BASE}{path}" in paths, path
        assert paths[f"{BASE}{path}"]["get"]["tags"] == ["rules"]
        assert not paths[f"{BASE}{path}"]["get"].get("security"), f"{path} must be public"
    schemas = document["components"]["schemas"]
    for name in (
        "ViolationOut",
        "SanctionOut",
        "OversightBodyOut",
        "RouteOut",
        "SelfCheckOut",
        "ClassificationOut",
    ):
        assert name in schemas
    assert set(schemas["ViolationOut"]["properties"]) >= {"code", "level", "legal_basis", "level_positions"}
