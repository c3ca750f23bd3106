"""Query-count budgets on every statistics endpoint (issue 11): a fixed number of queries whatever the
number of cases, for a national reader (answered from the rollups) and a scoped one (from the facts)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from netra.agencies.tests.factories import UserFactory
from netra.analytics.tests.factories import ImportedFactFactory

# path -> most queries allowed: about 5 for the request itself (session and its activity stamp, user,
# permissions, the reader's agency), then the statistic's own (one or two; downloads build every table)
BUDGETS = {
    "/api/v1/stats/waiting": 10,
    "/api/v1/stats/waiting?at_stage=ppk": 12,
    "/api/v1/stats/funnel": 10,
    "/api/v1/stats/breakdown?dimension=province": 10,
    "/api/v1/stats/breakdown?dimension=employer": 10,
    "/api/v1/stats/ppk-follow-up": 10,
    "/api/v1/stats/within-time": 11,
    "/api/v1/stats/vulnerability": 10,
    "/api/v1/stats/clarification": 10,
    "/statistik/peta/angka.json": 10,
    "/statistik/peta/angka.json?parent=64": 10,
    "/statistik/unduh/trend.csv": 30,
    "/statistik/unduh/funnel.xlsx": 30,
}


def _count(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, (path, response.content[:200])
    return len(queries.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("reader", ["national", "scoped"])
def test_every_statistics_endpoint_stays_within_its_budget(case_world, reader):
    user = (
        UserFactory(is_superuser=True, is_staff=True)
        if reader == "national"
        else case_world["users"]["bpp_officer"]
    )
    client = Client()
    client.force_login(user)
    ImportedFactFactory.create_batch(3)
    small = {path: _count(client, path) for path in BUDGETS}
    ImportedFactFactory.create_batch(30, election_code="pilkada-2024")
    ImportedFactFactory.create_batch(10, region_code="64.72", at_oversight=True)
    grown = {path: _count(client, path) for path in BUDGETS}
    over = {
        p: (small[p], grown[p], BUDGETS[p]) for p in BUDGETS if grown[p] > BUDGETS[p] or grown[p] > small[p]
    }
    assert not over, over
