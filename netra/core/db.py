"""Database-level guards shared by several apps' migrations."""

from django.db import migrations


def append_only_trigger(*, table: str, name: str, what: str) -> migrations.RunPython:
    """A migration operation that, on PostgreSQL, refuses UPDATE and DELETE on `table` (the ORM guard
    `AppendOnlyModel` does the same in Python). TRUNCATE is left to the database owner: test suites
    flush tables with it. Other databases (the embedded SQLite default) rely on the ORM guard only."""
    function, trigger = f"netra_{name}_append_only", f"{name}_append_only"
    create = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '{what} is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    drop = f"""
DROP TRIGGER IF EXISTS {trigger} ON {table};
DROP FUNCTION IF EXISTS {function}();
"""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create, params=None)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop, params=None)

    return migrations.RunPython(forwards, backwards)
