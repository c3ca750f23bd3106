"""Rollups: the fact table pre-aggregated, kept exact by PostgreSQL, read when they can answer exactly.

Why triggers and not a periodic refresh: a refresh leaves the dashboard behind the cases (an import,
then a dashboard that does not show it yet), and the import → dashboard exactness test would be a
race. Statement-level triggers with transition tables (PostgreSQL ≥ 10) add one aggregated upsert per
INSERT/UPDATE/DELETE statement on `analytics_subjectfact`, in the writer's own transaction: a
`bulk_create` of 1,000 facts costs one GROUP BY over those rows, not 1,000 row triggers. Upserts run in
key order so concurrent writers lock cube rows in the same order (no deadlock between two imports).
Rows whose counts fall to zero stay (reads ignore them). TRUNCATE of the facts empties the cubes.

When a read may use a cube (`rollup_for`): PostgreSQL; a reader whose reach is everything (the
national Bawaslu, the task force, an administrator — the views that count a million facts; a
province's reader filters the facts by an indexed region and is fast already); and filters the cube
keeps. Anything else (dates, agencies, a scoped reader, SQLite) reads the facts, so a cube can make a
figure faster but never different: `test_rollup` compares both paths on random data and writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, Sum

from netra.analytics.models import EmployerCube, FactCube, SubjectFact, WaitingCube
from netra.core.scoping import reach


@dataclass(frozen=True)
class Cube:
    table: str
    keys: tuple[str, ...]
    measures: dict[str, str]  # column -> aggregate over the transition table
    where: str = "true"


CUBES = (
    Cube(
        FactCube._meta.db_table,
        (
            "election_code",
            "province_code",
            "region_code",
            "is_imported",
            "stage",
            "violation_code",
            "violation_category",
            "level",
            "position_category",
            "employment_type",
        ),
        {
            "n": "count(*)",
            "registered": "count(*) filter (where registered_on is not null)",
            "proven": "count(*) filter (where proven)",
            "forwarded": "count(*) filter (where forwarded_on is not null)",
            "recommended": "count(*) filter (where recommended_on is not null)",
            "sanctioned": "count(*) filter (where sanctioned_on is not null)",
            "clarification_invited": "coalesce(sum(clarification_invited), 0)",
            "clarification_absent": "coalesce(sum(clarification_absent), 0)",
        },
    ),
    Cube(
        WaitingCube._meta.db_table,
        ("election_code", "is_imported", "stage", "waiting_since"),
        {"n": "count(*)"},
        where="stage in ('bawaslu', 'pengawas_asn', 'ppk') and waiting_since is not null",
    ),
    Cube(
        EmployerCube._meta.db_table,
        ("election_code", "is_imported", "employer_id", "employer_name"),
        {
            "n": "count(*)",
            "proven": "count(*) filter (where proven)",
            "sanctioned": "count(*) filter (where sanctioned_on is not null)",
            "recommended": "count(*) filter (where recommended_on is not null)",
            "recommended_sanctioned": (
                "count(*) filter (where recommended_on is not null and sanctioned_on is not null)"
            ),
            "recommended_waiting": "count(*) filter (where recommended_on is not null and stage = 'ppk')",
        },
    ),
)

FACTS = SubjectFact._meta.db_table
FUNCTION = "analytics_rollup_apply"


def _upsert(cube: Cube, source: str, sign: str) -> str:
    keys = ", ".join(cube.keys)
    measures = ", ".join(cube.measures)
    values = ", ".join(f"{sign}{expr}" for expr in cube.measures.values())
    updates = ", ".join(f"{m} = {cube.table}.{m} + excluded.{m}" for m in cube.measures)
    return (
        f"insert into {cube.table} ({keys}, {measures}) "  # noqa: S608 (identifiers from CUBES only)
        f"select {keys}, {values} from {source} where {cube.where} group by {keys} order by {keys} "
        f"on conflict ({keys}) do update set {updates};"
    )


def _function_sql() -> str:
    removed = "\n      ".join(_upsert(c, "old_rows", "-") for c in CUBES)
    added = "\n      ".join(_upsert(c, "new_rows", "") for c in CUBES)
    # DELETE, not TRUNCATE: a flush truncates the facts and the cubes in one statement.
    empty = " ".join(f"delete from {c.table};" for c in CUBES)  # noqa: S608 (CUBES names)
    return f"""
create or replace function {FUNCTION}() returns trigger language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    {empty}
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
      {removed}
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
      {added}
  end if;
  return null;
end $$;
"""


def install_sql() -> list[str]:
    """The function, its four triggers, and the cubes filled from the facts already there."""
    fill = [_upsert(c, FACTS, "") for c in CUBES]
    return [
        _function_sql(),
        f"drop trigger if exists analytics_rollup_insert on {FACTS};",
        f"drop trigger if exists analytics_rollup_update on {FACTS};",
        f"drop trigger if exists analytics_rollup_delete on {FACTS};",
        f"drop trigger if exists analytics_rollup_truncate on {FACTS};",
        f"create trigger analytics_rollup_insert after insert on {FACTS} referencing new table as new_rows "
        f"for each statement execute function {FUNCTION}();",
        f"create trigger analytics_rollup_update after update on {FACTS} "
        f"referencing old table as old_rows new table as new_rows "
        f"for each statement execute function {FUNCTION}();",
        f"create trigger analytics_rollup_delete after delete on {FACTS} referencing old table as old_rows "
        f"for each statement execute function {FUNCTION}();",
        f"create trigger analytics_rollup_truncate after truncate on {FACTS} "
        f"for each statement execute function {FUNCTION}();",
        *(f"truncate {c.table};" for c in CUBES),
        *fill,
    ]


def uninstall_sql() -> list[str]:
    return [
        *(
            f"drop trigger if exists analytics_rollup_{op} on {FACTS};"
            for op in ("insert", "update", "delete", "truncate")
        ),
        f"drop function if exists {FUNCTION}();",
    ]


# --- reads -------------------------------------------------------------------------------------------

# The filters each cube keeps (StatsFilter field -> cube lookup); `region_code` is a prefix.
FACT_FILTERS = (
    "election_code",
    "region_code",
    "violation_code",
    "violation_category",
    "position_category",
    "employment_type",
    "stage",
)


@dataclass(frozen=True)
class Rollup:
    """The cubes that may answer for one reader and one set of filters (None: read the facts)."""

    facts: Q | None  # FactCube condition
    waiting: Q | None  # WaitingCube condition
    employer: Q | None  # EmployerCube condition

    def fact_cube(self):
        return None if self.facts is None else FactCube.objects.filter(self.facts)

    def waiting_cube(self):
        return None if self.waiting is None else WaitingCube.objects.filter(self.waiting)

    def employer_cube(self):
        return None if self.employer is None else EmployerCube.objects.filter(self.employer)


def rollup_for(*, user, filters) -> Rollup | None:
    """The cubes that can answer `filters` exactly for `user`, or None."""
    if connection.vendor != "postgresql" or filters.date_from or filters.agency_id:
        return None
    if filters.date_to or reach(SubjectFact, user, "view") != Q():
        return None
    given = {name: getattr(filters, name) for name in FACT_FILTERS if getattr(filters, name)}
    common = Q() if filters.include_imported else Q(is_imported=False)
    if filters.election_code:
        common &= Q(election_code=filters.election_code)
    facts = Q(common)
    for name, value in given.items():
        if name == "region_code":
            facts &= Q(region_code=value) | Q(region_code__startswith=value + ".")
        elif name != "election_code":
            facts &= Q(**{name: value})
    rest = set(given) - {"election_code", "stage"}
    waiting = None if rest else common & (Q(stage=filters.stage) if filters.stage else Q())
    employer = None if rest or filters.stage else common
    return Rollup(facts=facts, waiting=waiting, employer=employer)


def weighted_quantile(pairs: list[tuple[float, int]], fraction: float) -> float | None:
    """`percentile_cont(fraction)` over values given as (value, how many), sorted by value: linear
    interpolation between the closest ranks, exactly as PostgreSQL computes it on the expanded rows."""
    total = sum(n for _v, n in pairs)
    if total == 0:
        return None
    position = fraction * (total - 1)
    low_rank, high_rank = int(position), min(int(position) + 1, total - 1)
    low = high = None
    seen = 0
    for value, n in pairs:
        if low is None and low_rank < seen + n:
            low = value
        if high_rank < seen + n:
            high = value
            break
        seen += n
    if low is None or high is None:  # unreachable: the ranks lie within the total
        return None
    return float(low + (high - low) * (position - low_rank))


def waiting_from_cube(cube, *, stages, today: dt.date) -> dict[str, dict]:
    """Per waiting stage: n, median, p90 and longest days since the stage began."""
    rows = (
        cube.filter(stage__in=stages, n__gt=0)
        .values("stage", "waiting_since")
        .annotate(total=Sum("n"))
        .order_by("stage", "-waiting_since")
    )
    by_stage: dict[str, list[tuple[float, int]]] = {}
    for r in rows:
        if r["total"] > 0:
            by_stage.setdefault(r["stage"], []).append(((today - r["waiting_since"]).days, r["total"]))
    return {
        stage: {
            "n": sum(n for _d, n in pairs),
            "median": weighted_quantile(pairs, 0.5),
            "p90": weighted_quantile(pairs, 0.9),
            "longest": pairs[-1][0],
        }
        for stage, pairs in by_stage.items()
    }
