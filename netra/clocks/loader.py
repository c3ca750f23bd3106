"""Load holidays (lokal-id for 2026–2027 with their SKB 3 Menteri decree; the `holidays` package for
earlier years), the intake hours and the deadline rules into the database. Used by the data migration
and by `manage.py load_holidays` / `load_clock_rules`. Idempotent; never overwrites a rule an
administrator changed unless forced."""

import datetime as dt
import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
LOKAL_YEARS = frozenset({2026, 2027})
DEFAULT_YEARS = range(2019, 2028)


def holidays_for_year(year: int) -> list[dict]:
    """[{date, name, kind, source}] for one year, national only."""
    if year in LOKAL_YEARS:
        from lokal import holidays as lokal_holidays

        data = lokal_holidays.get_holidays(year)
        return [
            {
                "date": dt.date.fromisoformat(h.date),
                "name": h.name,
                "kind": "cuti_bersama" if h.type == "cuti_bersama" else "libur_nasional",
                "source": data.decree,
            }
            for h in data.holidays
        ]
    import holidays as holidays_pkg

    rows = []
    for category, kind in (("public", "libur_nasional"), ("government", "cuti_bersama")):
        table = holidays_pkg.country_holidays("ID", years=year, categories=(category,), language="id")
        for day, name in sorted(table.items()):
            is_election = "pemilihan" in name.lower() or "pemilu" in name.lower()
            rows.append(
                {
                    "date": day,
                    "name": name,
                    "kind": "libur_pemilihan" if is_election else kind,
                    "source": f"python-holidays {holidays_pkg.__version__} (ID, {category})",
                }
            )
    return rows


def sync_holidays(holiday_model, *, years=DEFAULT_YEARS) -> int:
    """Insert missing national holidays for `years`; returns the number created."""
    created = 0
    for year in years:
        for row in holidays_for_year(year):
            _, was_created = holiday_model.objects.get_or_create(
                date=row["date"],
                kind=row["kind"],
                region=None,
                defaults={"name": row["name"][:200], "source": row["source"][:300]},
            )
            created += int(was_created)
    return created


def sync_intake_hours(intake_model) -> int:
    created = 0
    for row in json.loads((DATA_DIR / "intake_hours.json").read_text()):
        _, was_created = intake_model.objects.get_or_create(
            weekday=row["weekday"],
            defaults={
                "opens_at": dt.time.fromisoformat(row["opens_at"]),
                "closes_at": dt.time.fromisoformat(row["closes_at"]),
                "legal_basis": row["legal_basis"],
            },
        )
        created += int(was_created)
    return created


def sync_deadline_rules(rule_model, *, force: bool = False) -> tuple[int, int]:
    """Create missing rules; with force, reset existing ones to the shipped values. (created, reset)"""
    created = reset = 0
    for row in json.loads((DATA_DIR / "deadline_rules.json").read_text()):
        key = {"kind": row["kind"], "election_kind": row["election_kind"]}
        values = {k: v for k, v in row.items() if k not in key}
        obj = rule_model.objects.filter(**key).first()
        if obj is None:
            rule_model.objects.create(**key, **values)
            created += 1
        elif force:
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            reset += 1
    return created, reset
