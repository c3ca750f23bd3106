"""bench/analytics (see run): p50/p95 of the national dashboard statistics and of a filtered province
view over a million facts, next to hand-written SQL of the same question, measured in the same run."""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = "netra_bench_analytics"
FACTS = int(os.environ.get("BENCH_FACTS", "1000000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
URL = f"postgres://netra:netra@127.0.0.1:5432/{DB}"


def _psql(sql: str, db: str = "postgres") -> str:
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atc", sql],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def _prepare() -> None:
    _psql(f"drop database if exists {DB}")
    _psql(f"create database {DB} owner netra")
    env = {**os.environ, "DATABASE_URL": URL, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603


FILL = """
insert into analytics_subjectfact (row_key, is_imported, election_code, election_kind, election_year,
  region_code, province_code, employer_name, violation_code, violation_category, level, position_category,
  employment_type, received_on, registered_on, decided_on, proven, forwarded_on, recommended_on,
  sanctioned_on, stage, waiting_since, outcome, recommended_level, imposed_level, deviation,
  clarification_invited, clarification_absent, updated_at)
select 'import:bench:' || g, true,
  (array['pilkada-2020','pemilu-2024','pilkada-2024'])[1 + g % 3], 'pilkada', 2020 + (g % 3) * 2,
  r.code, left(r.code, 2), 'Instansi ' || (g % 900),
  (array['KE-1','KE-4','D-2','D-5','D-9a'])[1 + g % 5], (array['medsos-kampanye','hadir-kampanye','foto-gestur'])[1 + g % 3],
  (array['etik','disiplin'])[1 + g % 2], (array['pelaksana','fungsional','jpt'])[1 + g % 3], 'pns',
  date '2020-06-01' + (g % 1500), date '2020-06-03' + (g % 1500), date '2020-06-10' + (g % 1500),
  g % 5 <> 0, case when g % 5 <> 0 then date '2020-06-12' + (g % 1500) end,
  case when g % 5 in (1,2,3) then date '2020-06-25' + (g % 1500) end,
  case when g % 5 in (1,2) then date '2020-08-01' + (g % 1500) end,
  (array['bawaslu','pengawas_asn','disanksi','disanksi','ppk','dihentikan'])[1 + g % 6],
  date '2020-06-12' + (g % 1500), '', '', '', '', g % 3, (g % 7 = 0)::int, now()
from generate_series(1, {n}) g
join (select code, row_number() over (order by code) - 1 as i, count(*) over () as c
      from regions_region where level = 2) r on r.i = g % r.c
"""

RAW = {
    "funnel": """select count(*), count(*) filter (where registered_on is not null),
        count(*) filter (where proven), count(*) filter (where forwarded_on is not null),
        count(*) filter (where recommended_on is not null), count(*) filter (where sanctioned_on is not null)
        from analytics_subjectfact {where}""",
    "breakdown": """select province_code, count(*), count(*) filter (where proven),
        count(*) filter (where sanctioned_on is not null) from analytics_subjectfact {where}
        group by 1 order by 2 desc, 1 limit 100""",
    "waiting": """select stage, count(*), percentile_cont(0.5) within group (order by current_date - waiting_since),
        percentile_cont(0.9) within group (order by current_date - waiting_since), max(current_date - waiting_since)
        from analytics_subjectfact {where_and} stage in ('bawaslu','pengawas_asn','ppk') and waiting_since is not null
        group by 1""",
    "ppk-follow-up": """select employer_id, employer_name, count(*), count(*) filter (where sanctioned_on is not null),
        count(*) filter (where stage = 'ppk') from analytics_subjectfact {where_and} recommended_on is not null
        group by 1, 2""",
}


# The same questions over the rollups (netra.analytics.rollup) the API reads for a national reader.
RAW_CUBE = {
    "funnel": """select sum(n), sum(registered), sum(proven), sum(forwarded), sum(recommended), sum(sanctioned)
        from analytics_factcube""",
    "breakdown": """select province_code, sum(n), sum(proven), sum(sanctioned) from analytics_factcube
        group by 1 having sum(n) > 0 order by 2 desc, 1 limit 100""",
    "waiting": """select stage, waiting_since, sum(n) from analytics_waitingcube
        where stage in ('bawaslu','pengawas_asn','ppk') and n > 0 group by 1, 2 order by 1, 2 desc""",
    "ppk-follow-up": """select employer_id, employer_name, sum(recommended), sum(recommended_sanctioned),
        sum(recommended_waiting) from analytics_employercube group by 1, 2 having sum(recommended) > 0""",
}
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))


def _time(fn) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main() -> None:
    print(f"bench/analytics: {FACTS:,} facts, {REPEAT} timed requests per endpoint", flush=True)
    _prepare()
    os.environ.update(
        DATABASE_URL=URL, DJANGO_SETTINGS_MODULE="config.settings.test", DJANGO_ALLOWED_HOSTS="127.0.0.1"
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from netra.agencies.models import User

    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(FILL.format(n=FACTS))
        cursor.execute("analyze analytics_subjectfact")
    print(f"fill: {FACTS:,} facts in {time.perf_counter() - t:.1f} s", flush=True)
    admin = User.objects.create_superuser(username="bench", password="bench-analytics-1")  # noqa: S106
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    rows = []
    for label, query, where in (
        ("national", "", ""),
        ("province 33", "region_code=33", "province_code = '33'"),
    ):
        for name, sql in RAW.items():
            path = f"/api/v1/stats/{name}?{query}"
            if name == "breakdown":
                path += "&dimension=province"
            api = _time(lambda p=path: _ok(client.get(p, HTTP_ACCEPT="application/json")))
            clause = f"where {where}" if where else ""
            raw_sql = sql.format(where=clause, where_and=f"where {where} and" if where else "where")
            raw = _time(lambda s=raw_sql: _run(connection, s))
            cube = _time(lambda s=RAW_CUBE[name]: _run(connection, s)) if not where else None
            rows.append(
                (
                    label,
                    name,
                    _pct(api, 50),
                    _pct(api, 95),
                    _pct(raw, 50),
                    _pct(raw, 95),
                    _pct(cube, 95) if cube else None,
                )
            )
    print(
        f"{'view':12} {'endpoint':14} {'api p50':>8} {'api p95':>8} {'sql p50':>8} {'sql p95':>8} "
        f"{'ratio p95':>9} {'cube sql p95':>12} {'ratio':>6}"
    )
    for label, name, a50, a95, s50, s95, c95 in rows:
        cube_cols = f"{c95:12.1f} {a95 / c95:6.2f}" if c95 else f"{'-':>12} {'-':>6}"
        print(
            f"{label:12} {name:14} {a50:8.1f} {a95:8.1f} {s50:8.1f} {s95:8.1f} {a95 / s95:9.2f} {cube_cols}"
        )
    print(
        "target: api p95 <= 200 ms and <= 2x the raw SQL (ms); 'sql' reads the facts, 'cube sql' the rollups"
    )
    seconds = _import(IMPORT_ROWS) if IMPORT_ROWS else None
    print(json.dumps({"facts": FACTS, "rows": rows, "import_rows": IMPORT_ROWS, "import_seconds": seconds}))


def _import(n: int) -> float:
    """Import `n` history rows (one CSV, checked and written all-or-nothing, the cubes kept in step)."""
    import csv
    import io

    from django.conf import settings

    from netra.analytics.imports.service import import_file
    from netra.regions.models import Region

    codes = list(Region.objects.filter(level=2).order_by("code").values_list("code", flat=True))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "kode_wilayah",
            "pemilihan",
            "tanggal_diterima",
            "terbukti",
            "tanggal_diteruskan",
            "hasil",
            "instansi_ppk",
            "jabatan",
            "jenis_kepegawaian",
            "kode_pelanggaran",
            "rujukan",
        ]
    )
    for i in range(n):
        proven = i % 4 != 0
        writer.writerow(
            [
                codes[i % len(codes)],
                "pilkada-2024",
                f"2024-{9 + i % 3:02d}-{1 + i % 28:02d}",
                "ya" if proven else "tidak",
                f"2024-12-{1 + i % 28:02d}" if proven else "",
                "terbukti" if proven else "tidak_terbukti",
                f"Instansi {i % 900}",
                ("pelaksana", "fungsional", "jpt")[i % 3],
                "PNS",
                ("D-6", "KE-1", "D-2")[i % 3],
                f"bench #{i}",
            ]
        )
    data = out.getvalue().encode()
    settings.NETRA_IMPORT_MAX_ROWS = max(n, 1)
    settings.NETRA_IMPORT_MAX_BYTES = len(data) + 1
    t = time.perf_counter()
    batch = import_file(data=data, name="bench.csv", user=None)
    seconds = time.perf_counter() - t
    if batch.rows_added != n:
        raise SystemExit(f"import: {batch.rows_added} of {n} rows added ({batch.status}): {batch.errors[:3]}")
    print(f"import: {n:,} rows in {seconds:.1f} s ({n / seconds:,.0f} rows/s; target: 100,000 in < 60 s)")
    return seconds


def _ok(response) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{response.status_code}: {response.content[:300]!r}")


def _run(connection, sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.fetchall()


if __name__ == "__main__":
    main()
