"""Data migration (issue 10 item 7): the single pair facing the kolom kosong loses the nomor urut it was
given (UU 10/2016 Pasal 54C ayat (2): the ballot has the pair's column and an empty one, no numbers;
KPU Kota Balikpapan 2020 drew only the columns' places), then the reference elections are reloaded for
Pilkada 2020's full list of 270 regions and the cited Balikpapan 2020 pair. Same loader as 0002 (upsert;
nothing removed)."""

from django.db import migrations
from django.db.models import Count, Q


def load(apps, schema_editor):
    from netra.elections.loader import ElectionModels, sync_elections

    contestant = apps.get_model("elections", "Contestant")
    races = (
        contestant.objects.values("election_id", "office", "region_id")
        .annotate(
            pairs=Count("pk", filter=Q(is_empty_box=False)), boxes=Count("pk", filter=Q(is_empty_box=True))
        )
        .filter(pairs=1, boxes=1)
    )
    for race in races:
        contestant.objects.filter(
            election_id=race["election_id"],
            office=race["office"],
            region_id=race["region_id"],
            is_empty_box=False,
        ).update(ballot_number=None)
    sync_elections(ElectionModels.from_apps(apps))


class Migration(migrations.Migration):
    dependencies = [("elections", "0006_single_pair_without_number")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
