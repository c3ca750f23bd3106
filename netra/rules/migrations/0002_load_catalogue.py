"""Data migration: load the violation catalogue, sanctions, oversight bodies and routing rules from
netra/rules/data/*.json. Later changes to the files are applied with `manage.py load_rules` (same loader),
which keeps levels and dates an administrator changed unless run with --force.

No audit rows here: the initial load is the baseline of the catalogue; later reloads are audited.
"""

from django.db import migrations


def load(apps, schema_editor):
    from netra.rules.loader import catalogue_models, sync_catalogue

    sync_catalogue(catalogue_models(apps))


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_catalogue")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
