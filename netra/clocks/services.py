"""Writes to the clocks' data. `holiday_sync` reconciles the shipped national holidays with the database."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction

from netra.audit.services import audit_record
from netra.clocks.loader import DEFAULT_YEARS, shipped_holidays_for_year
from netra.clocks.models import Holiday
from netra.core.serialization import instance_snapshot


@dataclass
class HolidaySyncReport:
    """What one sync changed, one line per row, for the command's output and the tests."""

    added: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    reactivated: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)
    kept_manual: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return (
            len(self.added)
            + len(self.moved)
            + len(self.renamed)
            + len(self.reactivated)
            + len(self.deactivated)
        )

    def lines(self) -> list[str]:
        out = []
        for label, items in (
            ("ditambah", self.added),
            ("dipindah", self.moved),
            ("diganti nama", self.renamed),
            ("diaktifkan lagi", self.reactivated),
            ("dinonaktifkan", self.deactivated),
            ("baris administrator dibiarkan", self.kept_manual),
        ):
            out.extend(f"{label}: {item}" for item in items)
        return out


def _save(*, actor, obj: Holiday, action: str, before: dict) -> None:
    obj.full_clean()
    obj.save()
    after = instance_snapshot(obj)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    audit_record(
        actor=actor,
        action=action,
        instance=obj,
        before={k: before.get(k) for k in changed} if before else {},
        after=changed if before else after,
    )


def holiday_sync(
    *,
    actor=None,
    years: Iterable[int] = DEFAULT_YEARS,
    source: Callable[[int], list[dict]] = shipped_holidays_for_year,
) -> HolidaySyncReport:
    """Make the shipped national holidays of `years` match `source` (lokal-id / python-holidays corrected
    by data/holiday_overrides.json): add new dates, move a date a decree moved (the same name and kind
    on a new date: the row keeps its history), rename, reactivate, and deactivate dates no longer
    shipped (a cancelled cuti bersama) — never delete. Rows an administrator added or edited
    (origin = manual) and regional rows are left untouched; a shipped date that a manual row already
    covers is not added again. Idempotent: a second run changes nothing. Every change is audited in the
    same transaction."""
    report = HolidaySyncReport()
    with transaction.atomic():
        for year in years:
            _sync_year(actor=actor, year=year, wanted=source(year), report=report)
    return report


def _sync_year(*, actor, year: int, wanted: list[dict], report: HolidaySyncReport) -> None:
    national = Holiday.objects.select_for_update().filter(date__year=year, region__isnull=True)
    shipped = {(h.date, h.kind): h for h in national if h.origin == Holiday.Origin.SHIPPED}
    manual = {(h.date, h.kind): h for h in national if h.origin != Holiday.Origin.SHIPPED}
    wanted_by_key = {(w["date"], w["kind"]): w for w in wanted}

    # 1. Same date and kind: rename / reactivate in place.
    for key, row in wanted_by_key.items():
        if key in manual:
            report.kept_manual.append(f"{key[0]:%Y-%m-%d} {manual[key].name}")
            continue
        obj = shipped.get(key)
        if obj is None:
            continue
        before = instance_snapshot(obj)
        name, source = row["name"][:200], row["source"][:300]
        if obj.name != name:
            report.renamed.append(f"{obj.date:%Y-%m-%d} {obj.name} → {name}")
        if not obj.is_active:
            report.reactivated.append(f"{obj.date:%Y-%m-%d} {name}")
        if (obj.name, obj.source, obj.is_active) != (name, source, True):
            obj.name, obj.source, obj.is_active = name, source, True
            _save(actor=actor, obj=obj, action="holiday.sync.update", before=before)

    # 2. Shipped rows no longer wanted, and wanted dates with no row: a leftover row with the same kind
    #    and name is the same holiday on a new date (moved); others are added / deactivated.
    leftovers = sorted(
        (h for key, h in shipped.items() if key not in wanted_by_key and h.is_active),
        key=lambda h: h.date,
    )
    missing = sorted(
        (w for key, w in wanted_by_key.items() if key not in shipped and key not in manual),
        key=lambda w: w["date"],
    )
    for row in missing:
        name = row["name"][:200]
        obj = next((h for h in leftovers if h.kind == row["kind"] and h.name == name), None)
        if obj is not None:
            leftovers.remove(obj)
            before = instance_snapshot(obj)
            old_date: dt.date = obj.date
            obj.date, obj.source = row["date"], row["source"][:300]
            _save(actor=actor, obj=obj, action="holiday.sync.move", before=before)
            report.moved.append(f"{old_date:%Y-%m-%d} → {obj.date:%Y-%m-%d} {name}")
            continue
        obj = Holiday(
            date=row["date"],
            kind=row["kind"],
            name=name,
            source=row["source"][:300],
            origin=Holiday.Origin.SHIPPED,
        )
        _save(actor=actor, obj=obj, action="holiday.sync.create", before={})
        report.added.append(f"{obj.date:%Y-%m-%d} {name}")
    for obj in leftovers:
        before = instance_snapshot(obj)
        obj.is_active = False
        _save(actor=actor, obj=obj, action="holiday.sync.deactivate", before=before)
        report.deactivated.append(f"{obj.date:%Y-%m-%d} {obj.name}")
