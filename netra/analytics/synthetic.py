"""A synthetic history for the demo: Pilkada 2020, Pemilu 2024 and Pilkada 2024 as fact rows whose
totals follow the published figures (../shared/data/reported-stats, record ids below), so the dashboards
and the public page have something true-shaped to show. Labelled synthetic everywhere (its batch is
`demo-sintetis`); never loaded outside the demo (seed_demo refuses to run in production).

Published totals used (KASN/BKN/Bawaslu, as transcribed from the press):
- Pilkada 2020 (KASN final, rows 90–92): 2,034 ASN reported, 1,597 proven, 1,450 sanctioned by their PPK;
  by province (rows 20–24): Sulawesi Tenggara 90, NTB 81, Jawa Tengah 74, Sulawesi Selatan 49, Jawa Timur
  42; Kota Balikpapan 2 (issue 11).
- Pemilu 2024 (KASN, rows 87–89): 403 reported, 183 proven, 97 sanctioned; by province (rows 1–5):
  Sulawesi Selatan 45, Sulawesi Tenggara 29, Jawa Tengah 22, Sulawesi Barat 20, Sulawesi Tengah 8.
- Pilkada 2024 (BKN, 4 Dec 2024, issue 11): 1,158 ASN alleged: 667 awaiting BKN's verification, 436
  awaiting their PPK, 19 sanctioned (the other 36 still with Bawaslu or stopped); Jawa Tengah 57 alleged,
  47 forwarded, 10 stopped; Kota Balikpapan 7.
Everything not published (which kab/kota, dates, positions, violation items) is drawn from a seeded
random generator: the same demo every time.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import transaction

from netra.analytics.models import ImportBatch, Stage, SubjectFact

BATCH_NAME = "demo-sintetis"
POSITIONS = ("pelaksana", "fungsional", "administrator", "jpt", "kewilayahan")
CATEGORIES = ("medsos-kampanye", "hadir-kampanye", "foto-gestur", "fasilitas-jabatan", "deklarasi-dukungan")
EMPLOYMENT = ("pns", "pns", "pns", "pppk")


@dataclass(frozen=True)
class Target:
    election_code: str
    voting_day: dt.date
    alleged: int
    proven: int
    sanctioned: int
    provinces: dict[str, int] = field(default_factory=dict)  # fixed counts per province
    kabkota: dict[str, int] = field(default_factory=dict)  # fixed counts per kab/kota
    # As of a cut-off: how many wait where (the rest of the proven ones are sanctioned or closed).
    at_oversight: int = 0
    at_employer: int = 0
    stopped: int = 0
    stopped_in: dict[str, int] = field(default_factory=dict)  # of a province's fixed count: stopped


TARGETS = (
    Target(
        "pilkada-2020",
        dt.date(2020, 12, 9),
        alleged=2034,
        proven=1597,
        sanctioned=1450,
        provinces={"74": 90, "52": 81, "33": 74, "73": 49, "35": 42},
        kabkota={"64.71": 2},
    ),
    Target(
        "pemilu-2024",
        dt.date(2024, 2, 14),
        alleged=403,
        proven=183,
        sanctioned=97,
        provinces={"73": 45, "74": 29, "33": 22, "76": 20, "72": 8},
    ),
    Target(
        "pilkada-2024",
        dt.date(2024, 11, 27),
        alleged=1158,
        proven=1122,
        sanctioned=19,
        provinces={"33": 57},
        kabkota={"64.71": 7},
        at_oversight=667,
        at_employer=436,
        stopped=36,
        stopped_in={"33": 10},  # Jawa Tengah: 57 alleged, 47 forwarded, 10 stopped
    ),
)


def _regions(target: Target, kabkota_by_province: dict[str, list[str]], rng: random.Random) -> list[str]:
    """One kab/kota code per ASN: the fixed counts first, the rest spread over the other kab/kota."""
    codes: list[str] = []
    for code, n in target.kabkota.items():
        codes += [code] * n
    fixed_provinces = set(target.provinces) | {c[:2] for c in target.kabkota}
    for province, n in target.provinces.items():
        inside = [c for c in kabkota_by_province.get(province, []) if c not in target.kabkota]
        codes += [rng.choice(inside) for _ in range(n)]
    pool = [c for p, cs in sorted(kabkota_by_province.items()) if p not in fixed_provinces for c in cs]
    codes += [rng.choice(pool) for _ in range(target.alleged - len(codes))]
    return codes


def _stage_bag(target: Target, n: int) -> list[Stage]:
    """The target's stages as a multiset (a cut-off picture, or an election whose handling ended)."""
    if target.at_oversight or target.at_employer:
        bag = [Stage.OVERSIGHT] * target.at_oversight + [Stage.EMPLOYER] * target.at_employer
        bag += [Stage.SANCTIONED] * target.sanctioned
    else:
        bag = [Stage.SANCTIONED] * target.sanctioned + [Stage.CLOSED] * (target.proven - target.sanctioned)
    return bag + [Stage.STOPPED] * (n - len(bag))


def _stages(target: Target, regions: list[str], rng: random.Random) -> list[Stage]:
    """A stage per row, matching the totals; a province with its own stopped count (Jawa Tengah 2024:
    10 stopped of 57) gets exactly that many, the rest of its rows forwarded."""
    bag = _stage_bag(target, len(regions))
    rng.shuffle(bag)
    stages: list[Stage | None] = [None] * len(regions)
    for province, n_stopped in target.stopped_in.items():
        rows = [i for i, code in enumerate(regions) if code.startswith(province + ".")]
        for k, i in enumerate(rows):
            wanted = (lambda s: s == Stage.STOPPED) if k < n_stopped else (lambda s: s != Stage.STOPPED)
            stages[i] = bag.pop(next(j for j, s in enumerate(bag) if wanted(s)))
    rest = iter(bag)
    return [s if s is not None else next(rest) for s in stages]


def _dates(voting_day: dt.date, stage: Stage, rng: random.Random) -> dict:
    received = voting_day - dt.timedelta(days=rng.randint(0, 120))
    proven = stage != Stage.STOPPED
    values = {"received_on": received, "registered_on": received + dt.timedelta(days=rng.randint(1, 3))}
    values["decided_on"] = values["registered_on"] + dt.timedelta(days=rng.randint(5, 14))
    values["proven"] = proven
    if proven:
        values["forwarded_on"] = values["decided_on"] + dt.timedelta(days=rng.randint(1, 3))
    if stage in (Stage.EMPLOYER, Stage.SANCTIONED, Stage.CLOSED):
        values["recommended_on"] = values["forwarded_on"] + dt.timedelta(days=rng.randint(7, 40))
    if stage == Stage.SANCTIONED:
        values["sanctioned_on"] = values["recommended_on"] + dt.timedelta(days=rng.randint(10, 90))
    waiting = {Stage.OVERSIGHT: "forwarded_on", Stage.EMPLOYER: "recommended_on"}.get(stage)
    values["waiting_since"] = values.get(waiting) if waiting else None
    return values


def _facts(
    target: Target, kabkota_by_province: dict[str, list[str]], batch: ImportBatch
) -> list[SubjectFact]:
    rng = random.Random(f"netra-demo-{target.election_code}")  # noqa: S311 (demo data, not security)
    regions = _regions(target, kabkota_by_province, rng)
    rows = []
    for i, (region, stage) in enumerate(zip(regions, _stages(target, regions, rng), strict=True)):
        rows.append(
            SubjectFact(
                row_key=f"import:{BATCH_NAME}:{target.election_code}:{i}",
                batch=batch,
                is_imported=True,
                election_code=target.election_code,
                election_kind=target.election_code.split("-")[0],
                election_year=target.voting_day.year,
                region_code=region,
                province_code=region[:2],
                violation_category=rng.choice(CATEGORIES),
                position_category=rng.choice(POSITIONS),
                employment_type=rng.choice(EMPLOYMENT),
                stage=stage,
                **_dates(target.voting_day, stage, rng),
            )
        )
    return rows


def synthetic_history_seed() -> int:
    """Load the synthetic history once (a second call adds nothing). Returns the rows added."""
    from netra.regions.models import Region

    if ImportBatch.objects.filter(file_name=BATCH_NAME).exists():
        return 0
    kabkota: dict[str, list[str]] = {}
    for code in Region.objects.filter(level=2).order_by("code").values_list("code", flat=True):
        kabkota.setdefault(code[:2], []).append(code)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            file_name=BATCH_NAME, file_sha256="0" * 64, status=ImportBatch.Status.DONE
        )
        rows = [row for target in TARGETS for row in _facts(target, kabkota, batch)]
        SubjectFact.objects.bulk_create(rows, batch_size=2000)
        batch.rows_total = batch.rows_done = batch.rows_added = len(rows)
        batch.save(update_fields=["rows_total", "rows_done", "rows_added"])
    return len(rows)
