"""Every API endpoint is covered by the permission test base (netra.core.testing)."""

import re

import pytest
from django.test import Client

from config.api import api
from netra.audit.models import AuditLogEntry
from netra.core.testing import EndpointCase, check_case, login, openapi_operations

A = "/api/v1"

CASES = [
    EndpointCase("get", f"{A}/agencies/me", allowed="bpp_officer"),
    EndpointCase(
        "get",
        f"{A}/agencies/",
        allowed="ri",
        denied="bpp_officer",
        list_probe=lambda w: w["agencies"]["inactive"].pk,
        extra={"note": "the directory is visible to every officer; inactive agencies are not"},
    ),
    EndpointCase(
        "get",
        f"{A}/agencies/users",
        allowed="bpp",
        denied="pbg",
        list_probe=lambda w: w["users"]["bpp_officer"].pk,
    ),
    EndpointCase(
        "get",
        f"{A}/agencies/{{agency_id}}",
        allowed="ri",
        denied="kaltim",
        path_params=lambda w: {"agency_id": w["agencies"]["inactive"].pk},
    ),
    EndpointCase(
        "patch",
        f"{A}/agencies/{{agency_id}}",
        allowed="platform",
        forbidden="bpp_officer",
        path_params=lambda w: {"agency_id": w["agencies"]["pbg"].pk},
        body={"email": "purbalingga@bawaslu.go.id"},
        audit_action="agency.update",
    ),
    EndpointCase(
        "get",
        f"{A}/agencies/users/{{user_id}}",
        allowed="jateng",
        denied="bpp",
        path_params=lambda w: {"user_id": w["users"]["pbg"].pk},
    ),
    EndpointCase(
        "get",
        f"{A}/audit/entries",
        allowed="bpp",
        denied="pbg",
        list_probe=lambda w: w["audit"]["bpp"].seq,
        list_id_key="seq",
    ),
    EndpointCase(
        "get",
        f"{A}/audit/entries/{{seq}}",
        allowed="kaltim",
        denied="pbg",
        forbidden="bpp_viewer",
        path_params=lambda w: {"seq": w["audit"]["bpp"].seq},
    ),
]

CASES += [
    EndpointCase(
        "get",
        f"{A}/reports",
        allowed="bpp_officer",
        denied="pbg",
        list_probe=lambda w: w["report"].pk,
    ),
    EndpointCase(
        "get",
        f"{A}/reports/{{report_id}}",
        allowed="bpp_officer",
        denied="pbg",
        forbidden="bpp_viewer",
        path_params=lambda w: {"report_id": w["report"].pk},
    ),
    EndpointCase(
        "post",
        f"{A}/reports/{{report_id}}/messages",
        allowed="bpp_officer",
        denied="pbg",
        forbidden="bpp_viewer",
        path_params=lambda w: {"report_id": w["report"].pk},
        body={"body": "Mohon kirim video aslinya."},
        audit_action="report.message",
    ),
    EndpointCase(
        "post",
        f"{A}/reports/{{report_id}}/reveal-identity",
        allowed="bpp_head",
        denied="pbg",
        forbidden="bpp_officer",
        path_params=lambda w: {"report_id": w["report"].pk},
        body={"reason": "Pelapor perlu dipanggil untuk klarifikasi."},
        audit_action="report.identity_reveal",
    ),
]

# Sample values for public endpoints' parameters (path and required query parameters).
PUBLIC_SAMPLES = {
    "code": {
        "/api/v1/regions/{code}": "64.71",
        "/api/v1/elections/{code}": "pemilu-2024",
        "/api/v1/elections/{code}/stage": "pemilu-2024",
        "/api/v1/rules/violations/{code}": "D-6",
    },
    "subject_type": "pns",
    "violation_class": "neutrality",
    "year": 2026,
    "kind": "filing_window",
    "start": "2026-03-13T10:00:00+08:00",
    "q": "like postingan calon bupati",
    "on": "2024-10-01",
    "at": "2024-10-11T16:45:00+08:00",
}


# Each area of the case API keeps its own table (netra/cases/tests/permission_cases*.py).
from netra.cases.tests.permission_cases import CASES as _CASE_API_CASES  # noqa: E402

CASES += _CASE_API_CASES

from netra.analytics.tests.permission_cases import CASES as _STATS_API_CASES  # noqa: E402

CASES += _STATS_API_CASES

from netra.patrol.tests.permission_cases import CASES as _PATROL_API_CASES  # noqa: E402

CASES += _PATROL_API_CASES


@pytest.fixture
def api_world(case_world):
    """The case world (agencies, casework users, a report with its case) plus an inactive agency and
    audit rows from two different offices."""
    world = case_world
    from django.db import transaction

    from netra.agencies.models import AgencyKind
    from netra.agencies.tests.factories import AgencyFactory
    from netra.audit.services import audit_record

    world["agencies"]["inactive"] = AgencyFactory(
        code="kasn", name="KASN (dibubarkan)", kind=AgencyKind.KASN, is_active=False
    )
    with transaction.atomic():
        world["audit"] = {
            "bpp": audit_record(
                actor=world["users"]["bpp_officer"], action="test.bpp", object_type="t", object_id="1"
            ),
            "pbg": audit_record(
                actor=world["users"]["pbg"], action="test.pbg", object_type="t", object_id="2"
            ),
        }
    return world


def _schema():
    return api.get_openapi_schema(path_prefix="/api/v1")


def test_every_secured_endpoint_has_a_permission_case():
    from netra.intake.tests.test_api import RECEIPT_ENDPOINTS  # tested with receipts, not sessions

    covered = {c.key for c in CASES} | RECEIPT_ENDPOINTS
    missing = [
        (method, path)
        for method, path, op in openapi_operations(_schema())
        if op.get("security") and (method, path) not in covered
    ]
    assert not missing, f"Add EndpointCase entries for: {missing}"


def test_no_stale_cases():
    ops = {(m, p) for m, p, _ in openapi_operations(_schema())}
    assert {c.key for c in CASES} <= ops


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method.upper()} {c.path}")
def test_endpoint_permissions(case, api_world):
    check_case(case, api_world)


@pytest.mark.django_db
def test_public_endpoints_answer_anonymously():
    """Public operations work without login, never 401/403/5xx, and never write to the audit log."""
    checked = 0
    before = AuditLogEntry.objects.count()
    for method, path, op in openapi_operations(_schema()):
        if op.get("security") or method != "get":
            continue
        params = {}
        for p in op.get("parameters", []):
            sample = PUBLIC_SAMPLES.get(p["name"])
            if isinstance(sample, dict):
                sample = sample.get(path)
            if p["in"] == "path" or p.get("required"):
                if sample is None:
                    pytest.fail(f"Add a PUBLIC_SAMPLES value for parameter {p['name']!r} of {path}")
                params[(p["in"], p["name"])] = sample
        url = re.sub(r"\{(\w+)\}", lambda m, params=params: str(params[("path", m.group(1))]), path)
        query = {name: value for (where, name), value in params.items() if where == "query"}
        response = Client().get(url, query, HTTP_ACCEPT="application/json")
        assert response.status_code not in (401, 403), (path, response.status_code)
        assert response.status_code < 500, (path, response.status_code, response.content[:300])
        checked += 1
    assert checked >= 3
    assert AuditLogEntry.objects.count() == before


@pytest.mark.django_db
def test_openapi_document_is_served_and_lists_the_routers(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    paths = doc["paths"]
    for prefix in ("/api/v1/regions", "/api/v1/agencies", "/api/v1/audit/entries", "/api/v1/clocks/deadline"):
        assert any(p.startswith(prefix) for p in paths), prefix


@pytest.mark.django_db
def test_errors_are_problem_details(client):
    response = client.get("/api/v1/regions/99.99", HTTP_ACCEPT="application/json")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 404
    assert body["title"]
    assert body["instance"] == "/api/v1/regions/99.99"
    bad = client.get("/api/v1/clocks/deadline", {"kind": "nope", "start": "x"})
    assert bad.status_code == 422
    assert bad["Content-Type"].startswith("application/problem+json")
    assert bad.json()["errors"]


def test_me_reports_the_scope(api_world):
    response = login(api_world["users"]["bpp_officer"]).get("/api/v1/agencies/me")
    body = response.json()
    assert body["agency"]["region_code"] == "64.71"
    assert body["region_prefixes"] == ["64.71"]
    assert "agencies.view_user" in body["permissions"]


from netra.cases.tests.permission_doors import DOORS  # noqa: E402
from netra.core.testing import check_door  # noqa: E402


@pytest.mark.parametrize("door", DOORS, ids=lambda d: d.name)
def test_scoping_doors(door, door_world):
    check_door(door, door_world)


def test_in_scope_person_is_still_reachable(door_world):
    """The doors are closed, not the rooms: Balikpapan still edits a record that is wholly its own, and
    sees what its own case recorded about a shared one."""
    client = login(door_world["users"]["bpp_officer"])
    own = door_world["own_person"]
    response = client.patch(
        f"{A}/cases/persons/{own.pk}", {"position": "Lurah Manggar"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert door_world["case"].subjects.get(person=own).position == "Lurah Manggar"
    shared = client.get(f"{A}/cases/persons/{door_world['shared_person'].pk}")
    assert shared.status_code == 200
    assert [c["id"] for c in shared.json()["cases"]] == [door_world["case"].pk]  # not Purbalingga's
