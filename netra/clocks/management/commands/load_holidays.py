"""`manage.py load_holidays [--years 2019-2027]`: add national holidays and cuti bersama."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from netra.clocks.loader import DEFAULT_YEARS, sync_holidays
from netra.clocks.models import Holiday


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
        with transaction.atomic():
            created = sync_holidays(Holiday, years=years)
        self.stdout.write(self.style.SUCCESS(f"Holidays {years.start}-{years.stop - 1}: {created} added."))
