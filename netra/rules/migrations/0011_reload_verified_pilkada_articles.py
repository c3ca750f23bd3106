"""Data migration (issue 10): reload the catalogue for the self-check's Pilkada articles now read in the
validated text of Perpu 1/2014 (= UU 1/2015): Pasal 56 ayat (1) for the right to vote (it was cited as
"UU 8/2015 Pasal 56" from memory) and Pasal 134 ayat (1)-(4) for reporting; and Pasal 493's penalty, now
quoted word for word by three press sources. Values an administrator changed
are kept, as with `load_rules`."""

from django.db import migrations


def load(apps, schema_editor):
    from netra.rules.loader import catalogue_models, sync_catalogue

    sync_catalogue(catalogue_models(apps))


class Migration(migrations.Migration):
    dependencies = [("rules", "0010_load_english_notes")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
