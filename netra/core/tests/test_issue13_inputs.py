"""Every input case the issue 13 security test listed (item 3) gets a clear 4xx, never a 500, and the
OpenAPI document keeps its own contract (item 4). Each case is re-checked here, whatever fixed it."""

import datetime as dt
import json
import re
import zoneinfo

import pytest
from django.test import Client

from config.api import api

pytestmark = pytest.mark.django_db

BODY_METHODS = ("post", "put", "patch")


def _document() -> dict:
    # A JSON round trip, as clients read it (integer response codes become strings).
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1"), default=str))


def _body_operations() -> list[tuple[str, str]]:
    operations = []
    for path, item in _document()["paths"].items():
        for method in BODY_METHODS:
            if method in item:
                operations.append((method, re.sub(r"\{[^}]+\}", "1", path)))
    return operations


def _client(world, *, anonymous: bool = False) -> Client:
    client = Client(raise_request_exception=False)
    if not anonymous:
        client.force_login(world["users"]["bpp_officer"])
    return client


def test_every_body_operation_is_listed():
    """The issue counted 22 endpoints failing on a multipart body without boundary: all are covered."""
    assert len(_body_operations()) >= 22


@pytest.mark.parametrize(("method", "url"), _body_operations())
@pytest.mark.parametrize("anonymous", [True, False], ids=["anonymous", "officer"])
def test_multipart_without_boundary_is_400_on_every_body_endpoint(world, method, url, anonymous):
    client = _client(world, anonymous=anonymous)
    response = getattr(client, method)(url, data=b"--x\r\n\r\n", content_type="multipart/form-data")
    assert response.status_code == 400, (method, url, response.status_code)
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/rules/violations?conduct=%00",
        "/api/v1/agencies/?kind=%00",
        "/api/v1/regions/?parent=%00",
        "/api/v1/clocks/holidays?year=2024&region=%00",
        "/api/v1/cases?q=%00",
        "/kasus/?q=%00",
        "/aturan/pelanggaran/%00/",
        "/lapor/status/?receipt=%00",
        "/statistik/?region=%00",
    ],
)
def test_nul_bytes_in_query_or_path_are_400(world, url):
    response = _client(world).get(url)
    assert response.status_code == 400, (url, response.status_code)


def test_the_agency_directory_filters_by_region(world):
    """`?region=64` raised FieldError for any value; it must filter to Kaltim and below."""
    response = _client(world).get("/api/v1/agencies/?region=64")
    assert response.status_code == 200
    rows = response.json()["items"] if isinstance(response.json(), dict) else response.json()
    codes = {a["region_code"] for a in rows}
    assert codes, "the filter returned nothing"
    assert all(c and c.startswith("64") for c in codes), codes


def _paged_operations(name: str) -> list[str]:
    return [
        re.sub(r"\{[^}]+\}", "1", path)
        for path, item in _document()["paths"].items()
        if any(p["name"] == name for p in item.get("get", {}).get("parameters", []))
    ]


@pytest.mark.parametrize("value", ["-1", "1000001", "99999999999999999999", "abc"])
@pytest.mark.parametrize("url", _paged_operations("offset"))
def test_offsets_out_of_range_are_422(world, url, value):
    response = _client(world).get(f"{url}?offset={value}")
    assert response.status_code == 422, (url, response.status_code)
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("value", ["-1", "0", "99999999999999999999"])
@pytest.mark.parametrize("url", _paged_operations("limit"))
def test_limits_out_of_range_never_500(world, url, value):
    response = _client(world).get(f"{url}?limit={value}")
    assert response.status_code in (200, 404, 422), (url, response.status_code)


@pytest.mark.parametrize("year", ["0", "-1", "10000", "99999999999"])
def test_holidays_for_a_year_outside_the_calendar_is_422(year):
    response = Client(raise_request_exception=False).get(f"/api/v1/clocks/holidays?year={year}")
    assert response.status_code == 422, (year, response.status_code)
    assert response["Content-Type"] == "application/problem+json"


def test_holidays_for_a_real_year_still_answer():
    assert Client().get("/api/v1/clocks/holidays?year=2024").status_code == 200


def test_a_json_body_over_5_mib_is_413(world):
    client = Client(raise_request_exception=False)
    body = json.dumps({"description": "x" * (5 * 1024 * 1024 + 10)})
    response = client.post("/api/v1/tips", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"


def test_invalid_utf8_in_a_document_upload_is_4xx(case_world):
    case = case_world["case"]
    client = _client(case_world)
    url = f"/api/v1/cases/{case.pk}/documents"
    raw = b'{"kind": "bap", "title": "\xff\xfe\xc3\x28", "content_base64": ""}'
    response = client.post(url, raw, content_type="application/json")
    assert 400 <= response.status_code < 500, response.status_code
    boundary = "BoUnDaRy"
    multipart = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n'.encode()
        + b'{"kind": "bap", "title": "\xff\xc3\x28"}\r\n'
        + f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="\xff.pdf"\r\n'.encode()
        + b"Content-Type: application/pdf\r\n\r\n\xff\xfe not a pdf\r\n"
        + f"--{boundary}--\r\n".encode()
    )
    response = client.post(url, multipart, content_type=f"multipart/form-data; boundary={boundary}")
    assert 400 <= response.status_code < 500, response.status_code


def test_a_null_terlapor_name_is_a_field_error(case_world):
    person = case_world["case"].subjects.get().person
    response = _client(case_world).patch(
        f"/api/v1/cases/persons/{person.pk}", {"name": None}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "name"


# --- item 4: the OpenAPI document ------------------------------------------------------------------------


def test_the_openapi_document_is_valid_openapi():
    from openapi_spec_validator import validate

    validate(_document())


def test_every_referenced_component_exists():
    """`ReportIn`, `TipIn` and `UploadIn` were referenced by the multipart bodies but never defined."""
    document = _document()
    referenced = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(document)))
    missing = referenced - set(document["components"]["schemas"])
    assert not missing, missing
    assert {"ReportIn", "TipIn", "UploadIn"} <= set(document["components"]["schemas"])


def test_the_served_document_matches():
    served = Client().get("/api/openapi.json").json()
    assert "ReportIn" in served["components"]["schemas"]


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(1, 1, 1, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta")),
        dt.datetime(1900, 6, 1, 12, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Makassar")),
        dt.datetime(2024, 2, 14, 8, 0, 0, 123456, tzinfo=zoneinfo.ZoneInfo("Asia/Jayapura")),
        dt.datetime(2024, 2, 14, 1, 0, tzinfo=dt.UTC),
    ],
)
def test_api_date_times_are_rfc3339_whatever_the_year(value):
    """Early years in Asia/Jakarta carry local mean time (+07:07:12): not an RFC 3339 offset."""
    from netra.core.api import ApiJSONRenderer

    text = json.loads(ApiJSONRenderer().render(None, {"at": value}, response_status=200))["at"]
    assert RFC3339.match(text), text
    if value.year > 1:  # the same instant (to the millisecond the encoder keeps)
        sent = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        assert abs(sent - value) < dt.timedelta(milliseconds=1)


def test_a_receipt_clock_for_year_one_answers_rfc3339(world):
    response = Client(raise_request_exception=False).get(
        "/api/v1/clocks/deadline",
        {"start": "0001-01-02T00:00:00+00:00", "kind": "kajian_awal", "region": "64.71"},
    )
    assert response.status_code < 500, response.status_code
    for text in re.findall(r'"(\d{4}-\d{2}-\d{2}T[^"]+)"', response.content.decode()):
        assert RFC3339.match(text), text
