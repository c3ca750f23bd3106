from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0007_submission_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="witness",
            name="sealed",
            field=models.BinaryField(blank=True, null=True, verbose_name="saksi tersegel"),
        ),
        migrations.AddField(
            model_name="witness",
            name="key_id",
            field=models.CharField(blank=True, max_length=16, verbose_name="id kunci"),
        ),
    ]
