"""Existing reports count as received when they were submitted (their kajian awal clocks already ran
from that moment); new ones get the counted moment from netra.clocks.receipt at submission."""

from django.db import migrations
from django.db.models import F


def fill(apps, schema_editor):
    Report = apps.get_model("intake", "Report")
    Report.objects.filter(counted_received_at__isnull=True).exclude(kind="temuan").update(
        counted_received_at=F("received_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0005_report_counted_received_at"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
