"""The rollups' triggers (netra.analytics.rollup), in their own migration: the cubes' unique indexes
must exist before the first upsert, and Django creates some of them at the end of 0003."""

from django.db import migrations


def _install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # the embedded SQLite default reads the facts (netra.analytics.rollup)
    from netra.analytics.rollup import install_sql

    for statement in install_sql():
        schema_editor.execute(statement)


def _uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from netra.analytics.rollup import uninstall_sql

    for statement in uninstall_sql():
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("analytics", "0003_rollups")]

    operations = [migrations.RunPython(_install, _uninstall, elidable=False)]
