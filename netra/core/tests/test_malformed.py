"""Requests no view can read get a clear 400, never a 500 (issue 13 item 3, first part)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("post", "/api/v1/reports", b"x"),
        ("post", "/api/v1/tips", b"x"),
        ("get", "/api/v1/rules/violations?conduct=%00", None),
        ("get", "/aturan/pelanggaran/%00/", None),
    ],
)
def test_malformed_requests_are_refused_with_400(world, method, url, body):
    client = Client(raise_request_exception=False)
    client.force_login(world["users"]["bpp_officer"])
    kwargs = {"data": body, "content_type": "multipart/form-data"} if body is not None else {}
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 400
    else:
        assert "tidak sah" in response.content.decode()


def test_nul_in_the_case_search_is_refused_not_searched(world):
    client = Client(raise_request_exception=False)
    client.force_login(world["users"]["bpp_officer"])
    assert client.get("/kasus/?q=%00").status_code == 400
    assert client.get("/kasus/?q=lurah").status_code == 200


@pytest.mark.parametrize("offset", ["-5", "99999999999999999999"])
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/cases",
        "/api/v1/notifications",
        "/api/v1/cases/deadlines/overdue",
        "/api/v1/cases/deadlines/upcoming",
    ],
)
def test_list_offsets_out_of_range_are_refused_not_500(world, url, offset):
    client = Client(raise_request_exception=False)
    client.force_login(world["users"]["bpp_officer"])
    response = client.get(f"{url}?offset={offset}")
    assert response.status_code == 422, (url, response.status_code)
    assert client.get(f"{url}?offset=0").status_code == 200


def test_a_json_body_over_the_limit_is_413_not_500(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client = Client(raise_request_exception=False)
    client.force_login(world["users"]["bpp_officer"])
    response = client.post("/api/v1/tips", "x" * 4096, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["title"].startswith("Isi permintaan terlalu besar")


def test_a_null_name_for_a_terlapor_is_a_field_error_not_500(case_world):
    """Issue 13: PATCH /cases/persons/{id} {"name": null} raised IntegrityError."""
    person = case_world["case"].subjects.get().person
    client = Client(raise_request_exception=False)
    client.force_login(case_world["users"]["bpp_officer"])
    response = client.patch(
        f"/api/v1/cases/persons/{person.pk}", {"name": None}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "name"
    assert response.json()["title"] == "Nama tidak boleh dikosongkan."


def test_cache_clear_leaves_other_prefixes_alone(settings):
    """One xdist worker's cache.clear() must not wipe the other's keys (nor Celery's queue)."""
    import os

    import redis
    from django.core.cache import cache

    if not settings.CACHES["default"]["BACKEND"].endswith(
        ("RedisCacheReusingClients", "ResilientRedisCache")
    ):
        pytest.skip("needs Redis (scripts/test sets REDIS_URL)")
    raw = redis.Redis.from_url(os.environ["REDIS_URL"])
    raw.set("someone-else:1:counter", "7")
    cache.set("mine", "1")
    cache.clear()
    assert cache.get("mine") is None
    assert raw.get("someone-else:1:counter") == b"7"
    raw.delete("someone-else:1:counter")


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["election_code", "description", "incident_place"])
def test_a_nul_in_a_json_string_is_a_clear_400_not_a_500(client, field):
    """Schemathesis found `{"election_code": "\\u0000ç"}` on POST /api/v1/reports: PostgreSQL refuses NUL
    in text, and the lookup raised a 500."""
    import json

    body = json.dumps({"description": "x", "statement_of_truth": True, field: "a\x00b"})
    response = client.post("/api/v1/reports", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "NUL" in response.json()["title"]
