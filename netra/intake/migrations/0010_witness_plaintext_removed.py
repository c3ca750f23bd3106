from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0009_seal_witnesses"),
    ]

    operations = [
        # A default first, so that going back re-creates the columns over existing rows ('' until the
        # reverse of 0009 opens the sealed values into them).
        migrations.AlterField(
            model_name="witness",
            name="name",
            field=models.CharField(default="", max_length=200, verbose_name="nama"),
        ),
        migrations.AlterField(
            model_name="witness",
            name="contact",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="kontak/alamat"),
        ),
        migrations.RemoveField(model_name="witness", name="name"),
        migrations.RemoveField(model_name="witness", name="contact"),
    ]
