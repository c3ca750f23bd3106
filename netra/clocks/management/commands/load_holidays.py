"""`manage.py load_holidays [--years 2019-2027]`: reconcile national holidays and cuti bersama with the
shipped data (add, move, rename, deactivate; administrators' rows untouched) and print what changed."""

from django.core.management.base import BaseCommand, CommandError

from netra.clocks.loader import DEFAULT_YEARS
from netra.clocks.services import holiday_sync


class Command(BaseCommand):
    help = "Load national holidays and cuti bersama (lokal-id for 2026-2027, python-holidays before)."

    def add_arguments(self, parser):
        parser.add_argument("--years", default=f"{DEFAULT_YEARS.start}-{DEFAULT_YEARS.stop - 1}")

    def handle(self, *args, **options):
        first, _, last = options["years"].partition("-")
        try:
            years = range(int(first), int(last or first) + 1)
        except ValueError as exc:
            raise CommandError("--years takes YYYY or YYYY-YYYY") from exc
        report = holiday_sync(actor=None, years=years)
        for line in report.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Holidays {years.start}-{years.stop - 1}: {len(report.added)} added, {len(report.moved)} "
                f"moved, {len(report.renamed)} renamed, {len(report.reactivated)} reactivated, "
                f"{len(report.deactivated)} deactivated; {len(report.kept_manual)} administrator rows kept."
            )
        )
