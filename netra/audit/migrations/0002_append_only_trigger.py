"""On PostgreSQL, refuse UPDATE and DELETE on the audit log at the database level too.

(TRUNCATE is left to the database owner: test suites flush tables with it. Removing the newest rows is
caught by `audit_verify --expect-head` against a head noted outside the database.)
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION netra_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_auditlogentry
FOR EACH ROW EXECUTE FUNCTION netra_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_append_only ON audit_auditlogentry;
DROP FUNCTION IF EXISTS netra_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_log")]
    operations = [migrations.RunPython(forwards, backwards)]
