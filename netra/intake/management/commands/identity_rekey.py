"""`manage.py identity_rekey`: re-seal every identity not sealed with the current key id.

Run on the officers' tier (it needs the old private keys and the current public key). Afterwards the old
private key can be retired.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from netra.audit.services import audit_record
from netra.intake import crypto
from netra.intake.models import ReporterIdentity


class Command(BaseCommand):
    help = "Re-seal reporter identities to the current key (key rotation)."

    def handle(self, *args, **options):
        current = settings.NETRA_IDENTITY_KEY_ID
        done = 0
        qs = ReporterIdentity.objects.filter(sealed__isnull=False).exclude(key_id=current)
        for row in qs.iterator():
            with transaction.atomic():
                blob, key_id = crypto.seal_identity(crypto.open_identity(row.sealed))
                old = row.key_id
                ReporterIdentity.objects.filter(pk=row.pk).update(sealed=blob, key_id=key_id)
                audit_record(
                    actor=None,
                    action="report.identity_rekey",
                    object_type="intake.report",
                    object_id=str(row.report_id),
                    before={"key_id": old},
                    after={"key_id": key_id},
                )
            done += 1
        self.stdout.write(self.style.SUCCESS(f"Re-sealed {done} identities to key {current}."))
