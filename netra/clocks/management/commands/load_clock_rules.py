"""`manage.py load_clock_rules [--force]`: add missing deadline rules and intake hours."""

from django.core.management.base import BaseCommand
from django.db import transaction

from netra.clocks.loader import sync_deadline_rules, sync_intake_hours
from netra.clocks.models import DeadlineRule, IntakeHours


class Command(BaseCommand):
    help = "Load the shipped deadline rules; --force resets rules an administrator changed."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, **options):
        with transaction.atomic():
            created, reset = sync_deadline_rules(DeadlineRule, force=options["force"])
            hours = sync_intake_hours(IntakeHours)
        self.stdout.write(
            self.style.SUCCESS(f"Rules: {created} created, {reset} reset; intake hours: {hours}.")
        )
