"""On PostgreSQL, refuse UPDATE and DELETE on the audit log at the database level too.

(TRUNCATE is left to the database owner: test suites flush tables with it. Removing the newest rows is
caught by `audit_verify --expect-head` against a head noted outside the database.)
"""

from django.db import migrations

from netra.core.db import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_log")]
    operations = [append_only_trigger(table="audit_auditlogentry", name="audit", what="audit log")]
