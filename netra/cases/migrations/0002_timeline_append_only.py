"""On PostgreSQL, refuse UPDATE and DELETE on the case timeline (CaseEvent) at the database level too
(as for the audit log and the chain of custody; TRUNCATE is left to the database owner for test flushes)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION netra_case_event_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'case timeline is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON cases_caseevent
FOR EACH ROW EXECUTE FUNCTION netra_case_event_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS case_event_append_only ON cases_caseevent;
DROP FUNCTION IF EXISTS netra_case_event_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_cases")]
    operations = [migrations.RunPython(forwards, backwards)]
