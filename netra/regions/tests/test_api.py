"""The public region lookup API (region pickers)."""

import pytest

from netra.core.api import PROBLEM_CONTENT_TYPE
from netra.regions.models import Region

pytestmark = pytest.mark.django_db

BASE = "/api/v1/regions/"


def test_default_list_is_the_38_provinces(client):
    response = client.get(BASE)
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 38
    assert [r["level"] for r in body] == [1] * 38
    assert body[0] == {
        "code": "11",
        "name": "Aceh",
        "level": 1,
        "kind": "provinsi",
        "parent_code": None,
        "timezone": "Asia/Jakarta",
        "timezone_abbr": "WIB",
    }


def test_children_of_a_province(client):
    body = client.get(BASE, {"parent": "64"}).json()
    expected = list(Region.objects.filter(parent_id="64").order_by("code").values_list("code", flat=True))
    assert [r["code"] for r in body] == expected
    assert len(body) == 10  # Kalimantan Timur: 7 kabupaten, 3 kota
    assert {r["parent_code"] for r in body} == {"64"}
    balikpapan = next(r for r in body if r["code"] == "64.71")
    assert balikpapan["kind"] == "kota"
    assert balikpapan["timezone_abbr"] == "WITA"


def test_children_of_a_kota_are_its_kecamatan(client):
    body = client.get(BASE, {"parent": "64.71"}).json()
    assert body
    assert all(r["level"] == 3 and r["code"].startswith("64.71.") for r in body)
    assert len(body) == Region.objects.filter(parent_id="64.71").count()


def test_search_by_name(client):
    body = client.get(BASE, {"q": "balikpapan", "level": 2}).json()
    assert [r["code"] for r in body] == ["64.71"]


def test_level_filter(client):
    body = client.get(BASE, {"level": 2}).json()
    assert len(body) == 514


def test_inactive_regions_are_hidden(client):
    Region.objects.filter(code="64.71.01").update(is_active=False)
    codes = [r["code"] for r in client.get(BASE, {"parent": "64.71"}).json()]
    assert "64.71.01" not in codes
    assert client.get(BASE + "64.71.01").status_code == 404


def test_detail(client):
    response = client.get(BASE + "64.71")
    assert response.status_code == 200
    assert response.json() == {
        "code": "64.71",
        "name": "Kota Balikpapan",
        "level": 2,
        "kind": "kota",
        "parent_code": "64",
        "timezone": "Asia/Makassar",
        "timezone_abbr": "WITA",
    }


@pytest.mark.parametrize("code", ["99.99", "64.7", "11.1"])
def test_unknown_code_is_a_404_problem(client, code):
    response = client.get(BASE + code)
    assert response.status_code == 404
    assert response["Content-Type"].startswith(PROBLEM_CONTENT_TYPE)
    body = response.json()
    assert body["status"] == 404
    assert body["type"].endswith("/not-found")


def test_list_query_budget(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get(BASE, {"parent": "64"}).status_code == 200
