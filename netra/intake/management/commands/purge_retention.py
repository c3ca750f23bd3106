"""`manage.py purge_retention`: the retention job (also scheduled daily with Celery beat)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from netra.intake.services import retention_purge


class Command(BaseCommand):
    help = "Purge reporter identity and display copies of reports closed more than N days ago (UU PDP)."

    def handle(self, *args, **options):
        count = retention_purge()
        days = settings.NETRA_RETENTION_DAYS_AFTER_CLOSE
        self.stdout.write(
            self.style.SUCCESS(f"Purged personal data of {count} report(s) closed > {days} days ago.")
        )
