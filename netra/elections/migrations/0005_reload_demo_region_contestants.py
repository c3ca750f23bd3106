"""Data migration: reload the reference elections for the contestants of the demo regions (issue 10
item 7): Pilkada 2024 governor pairs of Jawa Tengah and Kalimantan Timur and the mayor pairs of Kota
Balikpapan; Pilkada 2020 Kota Balikpapan's single pair against the kolom kosong. Same loader as 0002
(upsert; nothing removed)."""

from django.db import migrations


def load(apps, schema_editor):
    from netra.elections.loader import ElectionModels, sync_elections

    sync_elections(ElectionModels.from_apps(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("elections", "0004_reload_stage_per_contest"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
