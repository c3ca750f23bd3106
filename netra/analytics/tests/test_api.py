"""The statistics API: the same numbers as the selectors, for the reader's jurisdiction only, with
filters checked (a bad value is a 422 problem, never a 500)."""

import datetime as dt

import pytest
from django.test import Client

from netra.analytics.tests.test_facts import _to_ppk


def _get(user, path: str, **params):
    client = Client()
    client.force_login(user)
    return client.get(f"/api/v1/stats/{path}", params, HTTP_ACCEPT="application/json")


@pytest.mark.django_db
def test_the_api_counts_the_walked_case_and_only_for_who_may_see_it(
    case_world, django_capture_on_commit_callbacks
):
    _to_ppk(case_world, django_capture_on_commit_callbacks)
    u = case_world["users"]
    funnel = {row["step"]: row["n"] for row in _get(u["bpp_officer"], "funnel").json()}
    assert funnel["alleged"] == 2
    assert funnel["sanctioned"] == 1
    assert {row["step"]: row["n"] for row in _get(u["pbg"], "funnel").json()}["alleged"] == 0
    waiting = _get(u["bkn_officer"], "waiting", at_stage="ppk").json()
    assert {s["stage"]: s["n"] for s in waiting["stages"]} == {"bawaslu": 0, "pengawas_asn": 0, "ppk": 1}
    assert waiting["agencies"][0]["agency_id"] == case_world["agencies"]["pemkot"].pk
    assert waiting["oldest"][0]["case_id"] == case_world["case"].pk
    ppk = _get(u["bkpsdm_officer"], "ppk-follow-up").json()
    assert [(r["recommended"], r["sanctioned"], r["rate"]) for r in ppk] == [(2, 1, 0.5)]
    rows = _get(u["bpp_officer"], "breakdown", dimension="province").json()
    assert [(r["key"], r["n"], r["proven"], r["sanctioned"]) for r in rows] == [("64", 2, 2, 1)]
    assert _get(u["bpp_officer"], "funnel", region_code="33").json()[0]["n"] == 0
    clocks = _get(u["bpp_head"], "within-time").json()
    assert any(r["kind"] == "initial_review" and r["within"] == 1 for r in clocks)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("funnel", {"region_code": "64.7a"}),
        ("funnel", {"date_from": "kemarin"}),
        ("funnel", {"agency_id": "0"}),
        ("breakdown", {"dimension": "nama"}),
        ("waiting", {"at_stage": "entah"}),
    ],
)
def test_bad_filters_are_422_problems(case_world, path, params):
    response = _get(case_world["users"]["bpp_officer"], path, **params)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.django_db
def test_a_date_filter_narrows_by_receipt(case_world):
    u = case_world["users"]
    received = case_world["report"].received_at.date()
    inside = _get(u["bpp_officer"], "funnel", date_from=received.isoformat()).json()[0]["n"]
    after = (received + dt.timedelta(days=1)).isoformat()
    outside = _get(u["bpp_officer"], "funnel", date_from=after).json()[0]["n"]
    assert (inside, outside) == (1, 0)
