"""The rollups (netra.analytics.rollup) make national figures faster, never different: every statistic
read from the cubes equals the same statistic read from the facts, after inserts, updates, deletes
and a truncate, for every filter a cube keeps; and a reader or filter a cube cannot honour reads the
facts."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.db.models import Sum

from netra.agencies.tests.factories import UserFactory
from netra.analytics.models import EmployerCube, FactCube, SubjectFact, WaitingCube
from netra.analytics.rollup import weighted_quantile
from netra.analytics.selectors import (
    DIMENSIONS,
    StatsFilter,
    _py_quantile,
    facts_for,
    stats_breakdown,
    stats_clarification,
    stats_funnel,
    stats_ppk_follow_up,
    stats_waiting,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the cubes are PostgreSQL triggers"),
]

TODAY = dt.date(2025, 3, 1)
STAGES = ["bawaslu", "pengawas_asn", "ppk", "disanksi", "dihentikan", "selesai"]


def _fact(rng: random.Random, i: int) -> SubjectFact:
    province = rng.choice(["33", "64", "91"])
    received = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(400))
    recommended = rng.random() < 0.5
    return SubjectFact(
        row_key=f"import:rollup:{i}",
        is_imported=rng.random() < 0.5,
        election_code=rng.choice(["pilkada-2020", "pemilu-2024", "pilkada-2024", ""]),
        region_code=f"{province}.{rng.choice(['01', '71'])}",
        province_code=province,
        employer_name=rng.choice(["Pemkab A", "Pemkot B", "Kemenag", ""]),
        violation_code=rng.choice(["KE-1", "D-2", ""]),
        violation_category=rng.choice(["medsos", "kampanye"]),
        level=rng.choice(["etik", "disiplin", ""]),
        position_category=rng.choice(["jpt", "pelaksana"]),
        employment_type=rng.choice(["pns", "pppk"]),
        received_on=received,
        registered_on=received if rng.random() < 0.8 else None,
        proven=rng.choice([True, False, None]),
        forwarded_on=received if rng.random() < 0.6 else None,
        recommended_on=received if recommended else None,
        sanctioned_on=received if recommended and rng.random() < 0.5 else None,
        stage=rng.choice(STAGES),
        waiting_since=received if rng.random() < 0.9 else None,
        clarification_invited=rng.randrange(3),
        clarification_absent=rng.randrange(2),
    )


def _all_figures(facts) -> dict:
    return {
        "funnel": stats_funnel(facts),
        "clarification": stats_clarification(facts),
        "waiting": stats_waiting(facts, today=TODAY),
        "ppk": sorted(stats_ppk_follow_up(facts, today=TODAY), key=lambda r: r["employer_name"]),
        **{
            f"by {d}": sorted(stats_breakdown(facts, dimension=d), key=lambda r: r["key"] or "")
            for d in DIMENSIONS
        },
    }


FILTERS = [
    StatsFilter(),
    StatsFilter(election_code="pilkada-2024"),
    StatsFilter(include_imported=False),
    StatsFilter(region_code="64"),
    StatsFilter(region_code="33.71", stage="ppk"),
    StatsFilter(violation_category="medsos", position_category="jpt", employment_type="pns"),
    StatsFilter(election_code="pemilu-2024", stage="bawaslu", include_imported=False),
    StatsFilter(violation_code="KE-1"),
]


def _assert_cube_equals_facts(user) -> int:
    used = 0
    for filters in FILTERS:
        facts = facts_for(user=user, filters=filters)
        assert facts.rollup is not None, filters
        used += sum(getattr(facts.rollup, k) is not None for k in ("facts", "waiting", "employer"))
        assert _all_figures(facts) == _all_figures(facts.all()), filters  # .all(): the facts path
    return used


def test_cubes_equal_facts_after_inserts_updates_and_deletes():
    admin = UserFactory(is_superuser=True, is_staff=True)
    rng = random.Random(20261204)  # noqa: S311 (test data)
    SubjectFact.objects.bulk_create([_fact(rng, i) for i in range(400)], batch_size=150)
    assert FactCube.objects.aggregate(n=Sum("n"))["n"] == 400
    assert _assert_cube_equals_facts(admin) >= len(FILTERS) + 4  # the cubes were really read

    # Updates that move rows between cube keys, and deletes (bulk and through the ORM's collector).
    SubjectFact.objects.filter(province_code="33").update(stage="disanksi", proven=True)
    SubjectFact.objects.filter(employer_name="Kemenag").update(employer_name="Kementerian Agama")
    SubjectFact.objects.filter(region_code="64.01", is_imported=True).delete()
    SubjectFact.objects.bulk_create([_fact(rng, i) for i in range(400, 520)], ignore_conflicts=True)
    SubjectFact.objects.bulk_create([_fact(rng, i) for i in range(500, 530)], ignore_conflicts=True)
    _assert_cube_equals_facts(admin)
    assert FactCube.objects.aggregate(n=Sum("n"))["n"] == SubjectFact.objects.count()


@pytest.mark.django_db(transaction=True)
def test_truncating_the_facts_empties_the_cubes():
    rng = random.Random(7)  # noqa: S311 (test data)
    SubjectFact.objects.bulk_create([_fact(rng, i) for i in range(30)])
    assert FactCube.objects.exists()
    assert EmployerCube.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute(f"truncate {SubjectFact._meta.db_table}")
    for cube in (FactCube, WaitingCube, EmployerCube):
        assert not cube.objects.exists()


def test_scoped_readers_and_unkept_filters_read_the_facts():
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert facts_for(user=admin, filters=StatsFilter(date_from=TODAY)).rollup is None
    assert facts_for(user=admin, filters=StatsFilter(date_to=TODAY)).rollup is None
    assert facts_for(user=admin, filters=StatsFilter(agency_id=1)).rollup is None
    scoped = UserFactory()  # no national reach
    assert facts_for(user=scoped, filters=StatsFilter()).rollup is None
    rollup = facts_for(user=admin, filters=StatsFilter(violation_code="KE-1")).rollup
    assert rollup.facts is not None
    assert rollup.waiting is None
    assert rollup.employer is None
    # A further narrowing is never answered from a cube that would ignore it.
    assert getattr(facts_for(user=admin, filters=StatsFilter()).filter(stage="ppk"), "rollup", None) is None


@pytest.mark.parametrize("seed", range(20))
def test_weighted_quantile_is_percentile_cont(seed):
    rng = random.Random(seed)  # noqa: S311 (test data)
    values = [rng.randrange(0, 60) for _ in range(rng.randrange(1, 80))]
    pairs = sorted({v: values.count(v) for v in values}.items())
    for fraction in (0.5, 0.9):
        assert weighted_quantile(pairs, fraction) == pytest.approx(_py_quantile(values, fraction))
