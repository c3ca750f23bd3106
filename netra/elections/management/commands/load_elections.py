"""`manage.py load_elections`: (re)load the reference elections from `netra/elections/data/elections.json`."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from netra.audit.services import audit_record
from netra.elections.loader import ElectionModels, sync_elections


class Command(BaseCommand):
    help = "Upsert the reference elections, stages, parties and presidential pairs (by code)."

    def handle(self, *args, **options):
        with transaction.atomic():
            result = sync_elections(ElectionModels.from_apps(apps))
            if result.changed:
                # One change-log row per load (the loader also runs inside a migration, where the audit
                # chain cannot be written; the rows themselves carry simple-history records).
                audit_record(
                    actor=None,
                    action="election.reference_sync",
                    object_type="elections.election",
                    object_id="reference-data",
                    object_repr="Data rujukan pemilihan (elections.json)",
                    after=result.as_dict(),
                )
        created = ", ".join(f"{k} {v}" for k, v in sorted(result.created.items()) if v) or "none"
        updated = ", ".join(f"{k} {v}" for k, v in sorted(result.updated.items()) if v) or "none"
        self.stdout.write(self.style.SUCCESS(f"Elections loaded. Created: {created}. Updated: {updated}."))
