"""Seal the witnesses stored in plain text before issue 13 (item 7), like the reporter's identity.

Runs with the public key only (every tier has it). Going back needs the private key (officers' tier)."""

from django.db import migrations


def seal_witnesses(apps, schema_editor):
    from netra.intake import crypto

    Witness = apps.get_model("intake", "Witness")
    for witness in Witness.objects.filter(sealed__isnull=True).iterator(chunk_size=500):
        blob, key_id = crypto.seal_identity({"name": witness.name, "contact": witness.contact})
        Witness.objects.filter(pk=witness.pk).update(sealed=blob, key_id=key_id, name="", contact="")


def open_witnesses(apps, schema_editor):
    from netra.intake import crypto

    Witness = apps.get_model("intake", "Witness")
    for witness in Witness.objects.filter(sealed__isnull=False).iterator(chunk_size=500):
        data = crypto.open_identity(bytes(witness.sealed))
        Witness.objects.filter(pk=witness.pk).update(
            name=data.get("name", "")[:200], contact=data.get("contact", "")[:300], sealed=None, key_id=""
        )


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0008_witness_sealed"),
    ]

    operations = [
        migrations.RunPython(seal_witnesses, open_witnesses),
    ]
