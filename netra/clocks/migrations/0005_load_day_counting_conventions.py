"""Data migration (issue 10): existing deadline rules get the citations and certainty of their two
day-counting conventions, and rules ending at the intake desk's closing time that used to walk back to
the last open day get the shipped "last day closed" choice (the Pilkada filing window rolls forward)."""

from django.db import migrations


def load(apps, schema_editor):
    from netra.clocks.loader import sync_rule_conventions

    sync_rule_conventions(apps.get_model("clocks", "DeadlineRule"))


class Migration(migrations.Migration):
    dependencies = [("clocks", "0004_day_counting_conventions")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
