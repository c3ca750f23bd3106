"""On PostgreSQL, refuse UPDATE and DELETE on the chain of custody at the database level too
(as netra.audit does for the audit log; TRUNCATE is left to the database owner for test flushes)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION netra_custody_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'chain of custody is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER custody_append_only BEFORE UPDATE OR DELETE ON evidence_custodyevent
FOR EACH ROW EXECUTE FUNCTION netra_custody_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS custody_append_only ON evidence_custodyevent;
DROP FUNCTION IF EXISTS netra_custody_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_evidence")]
    operations = [migrations.RunPython(forwards, backwards)]
