"""The single pair facing the kolom kosong may have no nomor urut (UU 10/2016 Pasal 54C ayat (2)); the
kolom kosong itself never has one. Databases built before this change get the new check here; a fresh
database already has it from 0001 (see the note there), and removing and re-adding it is harmless."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('elections', '0005_reload_demo_region_contestants'),
        ('regions', '0003_region_boundary'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='contestant',
            name='contestant_empty_box_has_no_names',
        ),
        migrations.AddConstraint(
            model_name='contestant',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('ballot_number', None), ('candidate_name', ''), ('is_empty_box', True), ('running_mate_name', '')), ('is_empty_box', False), _connector='OR'), name='contestant_empty_box_has_no_names'),
        ),
    ]
