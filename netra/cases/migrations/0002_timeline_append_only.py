"""On PostgreSQL, refuse UPDATE and DELETE on the case timeline (CaseEvent) at the database level too
(as for the audit log and the chain of custody)."""

from django.db import migrations

from netra.core.db import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_cases")]
    operations = [append_only_trigger(table="cases_caseevent", name="case_event", what="case timeline")]
