"""Data migration (issue 10 item 5): load the election-crime provisions (netra/rules/data/
crime_provisions.json). Baseline load, no audit rows (as 0002); later reloads via `load_rules` are audited."""

from django.db import migrations


def load(apps, schema_editor):
    from netra.rules.loader import SyncResult, read_catalogue, sync_crime_provisions

    sync_crime_provisions(
        apps.get_model("rules", "CrimeProvision"),
        rows=read_catalogue()["crime_provisions"],
        conduct_codes=set(apps.get_model("rules", "Conduct").objects.values_list("code", flat=True)),
        force=False,
        result=SyncResult(),
    )


class Migration(migrations.Migration):
    dependencies = [("rules", "0003_crime_provisions")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
