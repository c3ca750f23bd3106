"""holiday_sync reconciles the shipped national holidays: add, move, rename, deactivate (never delete),
administrators' rows untouched, audited, idempotent. Year 2031 has no shipped rows in the test database,
so the fake decrees below are the only data for it."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command

from netra.audit.models import AuditLogEntry
from netra.clocks.loader import shipped_holidays_for_year
from netra.clocks.models import Holiday
from netra.clocks.services import holiday_sync

pytestmark = pytest.mark.django_db

YEAR = 2031
CB = Holiday.Kind.JOINT_LEAVE
LN = Holiday.Kind.NATIONAL


def decree(*rows):
    """A fake source: (date, kind, name) tuples for YEAR."""
    return lambda year: [
        {"date": d, "kind": k, "name": n, "source": "SKB uji"} for d, k, n in rows if d.year == year
    ]


FIRST = decree(
    (dt.date(YEAR, 1, 1), LN, "Tahun Baru"),
    (dt.date(YEAR, 3, 24), CB, "Cuti Bersama Idul Fitri"),
    (dt.date(YEAR, 3, 25), CB, "Cuti Bersama Idul Fitri"),
    (dt.date(YEAR, 12, 26), CB, "Cuti Bersama Natal"),
)
# The amending decree: the Idul Fitri cuti bersama of 25 Mar moves to 27 Mar; the Natal one is cancelled.
AMENDED = decree(
    (dt.date(YEAR, 1, 1), LN, "Tahun Baru"),
    (dt.date(YEAR, 3, 24), CB, "Cuti Bersama Idul Fitri"),
    (dt.date(YEAR, 3, 27), CB, "Cuti Bersama Idul Fitri"),
)


def active_dates(kind=CB):
    return sorted(
        Holiday.objects.filter(date__year=YEAR, kind=kind, region=None, is_active=True).values_list(
            "date", flat=True
        )
    )


def test_first_sync_adds_and_audits():
    report = holiday_sync(years=[YEAR], source=FIRST)
    assert len(report.added) == 4
    assert active_dates() == [dt.date(YEAR, 3, 24), dt.date(YEAR, 3, 25), dt.date(YEAR, 12, 26)]
    assert set(Holiday.objects.filter(date__year=YEAR).values_list("origin", flat=True)) == {"shipped"}
    assert AuditLogEntry.objects.filter(action="holiday.sync.create").count() == 4


def test_moved_date_moves_the_row_and_keeps_its_history():
    holiday_sync(years=[YEAR], source=FIRST)
    row = Holiday.objects.get(date=dt.date(YEAR, 3, 25), kind=CB)

    report = holiday_sync(years=[YEAR], source=AMENDED)

    # 25 Mar is no longer a holiday, 27 Mar is: the same row, moved (2 history rows: created, moved).
    assert report.moved == [f"{YEAR}-03-25 → {YEAR}-03-27 Cuti Bersama Idul Fitri"]
    row.refresh_from_db()
    assert row.date == dt.date(YEAR, 3, 27)
    assert row.history.count() == 2
    assert dt.date(YEAR, 3, 25) not in active_dates()
    assert AuditLogEntry.objects.filter(action="holiday.sync.move", object_id=str(row.pk)).count() == 1


def test_cancelled_date_is_deactivated_not_deleted():
    holiday_sync(years=[YEAR], source=FIRST)
    report = holiday_sync(years=[YEAR], source=AMENDED)

    assert report.deactivated == [f"{YEAR}-12-26 Cuti Bersama Natal"]
    natal = Holiday.objects.get(date=dt.date(YEAR, 12, 26), kind=CB)
    assert natal.is_active is False
    assert active_dates() == [dt.date(YEAR, 3, 24), dt.date(YEAR, 3, 27)]
    # A later decree that restores it reactivates the same row.
    report = holiday_sync(years=[YEAR], source=FIRST)
    natal.refresh_from_db()
    assert natal.is_active is True
    assert report.reactivated == [f"{YEAR}-12-26 Cuti Bersama Natal"]


def test_manual_rows_are_kept_untouched():
    manual = Holiday.objects.create(
        date=dt.date(YEAR, 3, 25), kind=CB, name="Cuti bersama (keputusan daerah)", source="admin"
    )
    regional_source = "Perda uji"
    regional = Holiday.objects.create(
        date=dt.date(YEAR, 12, 26),
        kind=Holiday.Kind.REGIONAL,
        name="Libur daerah",
        source=regional_source,
        region_id="64.71",
    )
    holiday_sync(years=[YEAR], source=FIRST)
    report = holiday_sync(years=[YEAR], source=AMENDED)

    manual.refresh_from_db()
    regional.refresh_from_db()
    # The manual row on 25 Mar is neither moved nor deactivated, and no shipped duplicate was made.
    assert (manual.date, manual.name, manual.is_active, manual.origin) == (
        dt.date(YEAR, 3, 25),
        "Cuti bersama (keputusan daerah)",
        True,
        "manual",
    )
    assert Holiday.objects.filter(date=dt.date(YEAR, 3, 25), kind=CB).count() == 1
    assert regional.is_active
    assert regional.source == regional_source
    assert report.moved == []
    assert report.deactivated == [f"{YEAR}-12-26 Cuti Bersama Natal"]


def test_rerun_changes_nothing():
    holiday_sync(years=[YEAR], source=FIRST)
    holiday_sync(years=[YEAR], source=AMENDED)
    before = AuditLogEntry.objects.count()

    report = holiday_sync(years=[YEAR], source=AMENDED)

    assert report.changed == 0
    assert AuditLogEntry.objects.count() == before


def test_pegangti_typo_fixed_in_data_and_in_existing_rows():
    # python-holidays 0.109 names 31 Dec 2020 "Pegangti Cuti Bersama Hari Raya Idul Fitri" (a typo for
    # "Pengganti"); the project's override gives the SKB 744/2020, 05/2020, 06/2020 wording.
    shipped = {(r["date"], r["kind"]): r["name"] for r in shipped_holidays_for_year(2020)}
    assert shipped[(dt.date(2020, 12, 31), CB)] == "Pengganti Cuti Bersama Hari Raya Idul Fitri 1441 Hijriah"
    assert not any("Pegangti" in name for year in range(2019, 2026) for name in _names(year))
    # A database loaded before the fix still has the typo: the sync renames the row.
    row = Holiday.objects.get(date=dt.date(2020, 12, 31), kind=CB, region=None)
    Holiday.objects.filter(pk=row.pk).update(name="Pegangti Cuti Bersama Hari Raya Idul Fitri")

    report = holiday_sync(years=[2020])

    row.refresh_from_db()
    assert row.name == "Pengganti Cuti Bersama Hari Raya Idul Fitri 1441 Hijriah"
    assert report.renamed == [
        "2020-12-31 Pegangti Cuti Bersama Hari Raya Idul Fitri → "
        "Pengganti Cuti Bersama Hari Raya Idul Fitri 1441 Hijriah"
    ]
    assert report.added == report.moved == report.deactivated == []


def _names(year):
    return [r["name"] for r in shipped_holidays_for_year(year)]


def test_shipped_years_are_already_in_sync_after_migrate():
    # The data migration loaded the same data the sync ships: nothing to change for 2019-2027.
    report = holiday_sync()
    assert report.changed == 0, report.lines()


def test_command_reports_changes():
    from io import StringIO

    Holiday.objects.filter(date=dt.date(2020, 12, 31), kind=CB, region=None).update(name="Pegangti x")
    out = StringIO()
    call_command("load_holidays", "--years", "2020", stdout=out)
    assert "diganti nama: 2020-12-31 Pegangti x →" in out.getvalue()
    assert "1 renamed" in out.getvalue()


def test_holidays_package_is_pinned_to_the_installed_version():
    # An unpinned holidays>=0.60 loads different data at migrate time (0.60 lacks 18 Aug 2025).
    import holidays

    requirements = (Path(__file__).resolve().parents[3] / "requirements.txt").read_text()
    assert f"holidays=={holidays.__version__}" in requirements
    assert dt.date(2025, 8, 18) in {r["date"] for r in shipped_holidays_for_year(2025)}
