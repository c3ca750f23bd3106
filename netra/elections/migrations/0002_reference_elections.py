"""Data migration: the reference elections (Pemilu 2019, Pilkada 2020, Pemilu 2024, Pilkada 2024) with
their stage dates, parties and presidential pairs, from `netra/elections/data/elections.json`.

Later corrections of the file are applied with `manage.py load_elections` (same loader, upsert by code).
"""

from django.db import migrations


def load(apps, schema_editor):
    from netra.elections.loader import ElectionModels, sync_elections

    sync_elections(ElectionModels.from_apps(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("elections", "0001_elections"),
        ("regions", "0002_load_regions"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
