"""On PostgreSQL, refuse UPDATE and DELETE on the chain of custody at the database level too
(as netra.audit does for the audit log)."""

from django.db import migrations

from netra.core.db import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_evidence")]
    operations = [append_only_trigger(table="evidence_custodyevent", name="custody", what="chain of custody")]
