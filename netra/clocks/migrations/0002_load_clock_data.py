"""Data migration: national holidays 2019–2027, Bawaslu intake hours and the deadline rules."""

from django.db import migrations


def load(apps, schema_editor):
    from netra.clocks.loader import sync_deadline_rules, sync_holidays, sync_intake_hours

    sync_holidays(apps.get_model("clocks", "Holiday"))
    sync_intake_hours(apps.get_model("clocks", "IntakeHours"))
    sync_deadline_rules(apps.get_model("clocks", "DeadlineRule"))


class Migration(migrations.Migration):
    dependencies = [("clocks", "0001_clocks")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
