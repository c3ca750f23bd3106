"""Data migration (issue 14): reload the catalogue for the English notes of oversight bodies, routing rules
and crime provisions (0009), and the independent body's public note (its instructions to administrators
moved to the research note). Values an administrator changed are kept, as with `load_rules`."""

from django.db import migrations


def load(apps, schema_editor):
    from netra.rules.loader import catalogue_models, sync_catalogue

    sync_catalogue(catalogue_models(apps))


class Migration(migrations.Migration):
    dependencies = [("rules", "0009_english_notes_and_crime_texts")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
