"""Data migration: reload the reference elections after 0003 (stage per contest).

Adds Pemilu 2024's per-race candidate determination dates (DCT DPR/DPD/DPRD 3 November 2023,
presidential pairs 13 November 2023), Pilkada 2024's 545 regions derived from the region table, and
Pilkada 2020's recapitulation 9-26 December 2020. Same loader as 0002 (upsert; regions only added).
"""

from django.db import migrations


def load(apps, schema_editor):
    from netra.elections.loader import ElectionModels, sync_elections

    sync_elections(ElectionModels.from_apps(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("elections", "0003_stage_per_contest"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
