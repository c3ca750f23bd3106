"""Data migration: load the violation catalogue, sanctions, oversight bodies and routing rules from
netra/rules/data/*.json. Later changes to the files are applied with `manage.py load_rules` (same loader),
which keeps levels and dates an administrator changed unless run with --force.

No audit rows here: the initial load is the baseline of the catalogue; later reloads are audited.
"""

from django.db import migrations


def load(apps, schema_editor):
    from netra.rules.loader import catalogue_models, read_catalogue, sync_catalogue

    models = catalogue_models(apps)
    # The data files are today's: a routing destination this schema does not know yet (village_head,
    # rules 0005) is loaded by the migration that adds it (0006).
    known = {value for value, _ in models.routing_rule._meta.get_field("destination").choices}
    data = read_catalogue()
    data["routing_rules"] = [row for row in data["routing_rules"] if row["destination"] in known]
    sync_catalogue(models, data=data)


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_catalogue")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
