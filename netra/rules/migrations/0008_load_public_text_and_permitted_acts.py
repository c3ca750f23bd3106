"""Data migration (issue 14): reload the catalogue so existing databases get the split of public legal
text from research notes (sources and confidence marks move to `source_note`/`research_note`), the
English texts, the self-check's verdicts and cues, and the permitted acts. Values an administrator
changed are kept (catalogue_values), as with `load_rules`. Baseline load, no audit rows (as 0002)."""

from django.db import migrations


def load(apps, schema_editor):
    from netra.rules.loader import catalogue_models, sync_catalogue

    sync_catalogue(catalogue_models(apps))


class Migration(migrations.Migration):
    dependencies = [("rules", "0007_public_text_research_notes_permitted_acts")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
