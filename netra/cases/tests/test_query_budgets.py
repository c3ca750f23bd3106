"""Query budgets: the case list and the case page (and the API's case) cost a fixed number of queries
whatever the number of terlapor, timeline events, letters, recommendations and sanctions. A new N+1
(a template reading a relation per row) fails here, long before a province's caseload finds it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netra.cases.services.edits import case_note_add
from netra.cases.services.subjects import subject_add
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW, classify_subjects, days

# Budgets, measured on a case with one terlapor and its first events, plus a small margin for the
# sections a later stage shows. They hold for 6 terlapor through the whole chain (test below).
# Issue 14 adds the assigned officers and, for whoever may assign, the office's officers: two queries
# (45 measured on the first, cold request of a case at kajian awal).
PAGE_BUDGET = 46
# The list's filters (issue 14) offer elections, regions, officers and terlapor agencies found among the
# reader's cases and the reader's saved filters: six fixed queries, whatever the number of cases.
LIST_BUDGET = 25
API_BUDGET = 22


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def _grow(world, subjects: int) -> None:
    """Give the case `subjects` more terlapor of Pemkot Balikpapan and a note each, then walk it to the
    PPK's sanction: every terlapor classified, recommended (one letter per PPK) and sanctioned."""
    u, a, case = world["users"], world["agencies"], world["case"]
    t = NOW + dt.timedelta(hours=5)
    for i in range(subjects):
        subject_add(
            case_id=case.pk,
            user=u["bpp_officer"],
            data={"name": f"Terlapor {i}", "nip": f"19800101200501100{i}", "agency_id": a["pemkot"].pk},
        )
        case_note_add(case_id=case.pk, user=u["bpp_officer"], body=f"Catatan {i}")

    def move(user, name, when, **payload):
        return case_transition(case_id=case.pk, user=u[user], name=name, payload=payload, now=when)

    move("bpp_officer", "register", t)
    move("bpp_officer", "start_study", t + days(1))
    move("bpp_head", "decide", t + days(1), outcome="terbukti", decided_on="2024-10-11")
    classify_subjects(case, u["bpp_officer"])
    move(
        "bpp_head",
        "forward",
        t + days(1),
        destination="oversight_body",
        recipient_id=a["bkn"].pk,
        forwarding_summary="Ringkasan petugas",
    )
    move("bkn_officer", "examine", t + days(2))
    ids = list(case.subjects.values_list("pk", flat=True))
    recs = [{"subject_id": pk, "level": "moral", "legal_basis": "PP 42/2004 Pasal 15"} for pk in ids]
    move("bkn_officer", "recommend", t + days(3), recommendations=recs)
    sanctions = [
        {
            "subject_id": pk,
            "decision_number": f"800/{pk}/BKPSDM",
            "decision_date": "2024-10-20",
            "punishment": "Pernyataan secara terbuka",
            "sanction_code": "pns-moral-terbuka",
        }
        for pk in ids[: max(1, len(ids) - 1)]  # with several, the last still waits (the PPK's form shows)
    ]
    move("bkpsdm_officer", "record_sanction", t + days(10), sanctions=sanctions)


@pytest.mark.django_db
@pytest.mark.parametrize("more", [0, 6])
def test_case_page_list_and_api_stay_within_budget_whatever_the_case_holds(case_world, client, more):
    u, case = case_world["users"], case_world["case"]
    client.force_login(u["bpp_officer"])
    small = {
        "page": _queries(client, f"/kasus/{case.pk}/"),
        "list": _queries(client, "/kasus/"),
        "api": _queries(client, f"/api/v1/cases/{case.pk}"),
    }
    _grow(case_world, subjects=more)
    assert case.subjects.count() == 1 + more
    assert case.documents.count() >= 2  # the forwarding letter and the recommendation letter
    for user in ("bpp_officer", "bkn_officer", "bkpsdm_officer"):
        client.force_login(u[user])
        grown = {
            "page": _queries(client, f"/kasus/{case.pk}/"),
            "list": _queries(client, "/kasus/"),
            "api": _queries(client, f"/api/v1/cases/{case.pk}"),
        }
        assert grown["page"] <= PAGE_BUDGET, (user, grown)
        assert grown["list"] <= LIST_BUDGET, (user, grown)
        assert grown["api"] <= API_BUDGET, (user, grown)
    assert small["page"] <= PAGE_BUDGET
