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


def _holiday_overrides() -> dict:
    return json.loads((DATA_DIR / "holiday_overrides.json").read_text())


def shipped_holidays_for_year(year: int) -> list[dict]:
    """The national holidays Netra ships for one year: the packages' rows corrected by
    data/holiday_overrides.json (name typos such as python-holidays' "Pegangti", a date's official name
    and decree, dates a later decree cancelled). What holiday_sync reconciles the database against."""
    overrides = _holiday_overrides()
    rows = {(r["date"], r["kind"]): dict(r) for r in holidays_for_year(year)}
    for row in rows.values():
        for fix in overrides["name_fixes"]:
            row["name"] = row["name"].replace(fix["find"], fix["replace"])
    for entry in overrides["dates"]:
        day = dt.date.fromisoformat(entry["date"])
        if day.year == year:
            rows[(day, entry["kind"])] = {
                "date": day,
                "kind": entry["kind"],
                "name": entry["name"],
                "source": entry["source"],
            }
    for entry in overrides["cancelled"]:
        rows.pop((dt.date.fromisoformat(entry["date"]), entry["kind"]), None)
    return [rows[key] for key in sorted(rows)]


def sync_holidays(holiday_model, *, years=DEFAULT_YEARS) -> int:
    """Insert missing national holidays for `years`; returns the number created. Used only by the first
    data migration (a historical model, no audit); afterwards `clocks.services.holiday_sync` reconciles."""
    created = 0
    for year in years:
        for row in shipped_holidays_for_year(year):
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
    # An earlier migration's historical model lacks fields added later (the day-counting conventions):
    # give it only what it has; the later data migration fills the rest (sync_rule_conventions).
    fields = {f.name for f in rule_model._meta.get_fields()}
    for row in json.loads((DATA_DIR / "deadline_rules.json").read_text()):
        key = {"kind": row["kind"], "election_kind": row["election_kind"]}
        values = {k: v for k, v in row.items() if k not in key and k in fields}
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


CONVENTION_FIELDS = (
    "roll_basis",
    "roll_verification",
    "counts_start_day",
    "day_count_basis",
    "day_count_verification",
)


def sync_rule_conventions(rule_model) -> int:
    """Give existing shipped rules the day-counting conventions (issue 10): the citations and certainty of
    both settings, the shipped day-1 convention, and the shipped "last day closed" choice for rules that
    end at the office's closing time and did not roll (they used to walk back to the last open day, a
    reading that no longer exists). A roll an administrator switched on is kept. Returns rows updated."""
    updated = 0
    for row in json.loads((DATA_DIR / "deadline_rules.json").read_text()):
        obj = rule_model.objects.filter(kind=row["kind"], election_kind=row["election_kind"]).first()
        if obj is None:
            continue
        for name in CONVENTION_FIELDS:
            setattr(obj, name, row[name])
        if obj.ends_at == "office_close" and not obj.roll_to_working_day:
            obj.roll_to_working_day = row["roll_to_working_day"]
        obj.save()
        updated += 1
    return updated
