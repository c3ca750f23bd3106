"""Data migration (issue 10 item 6): load the ASN positions officers confuse with village offices
(data/asn_positions.json), and apply the perangkat desa routing correction (kepala desa after consulting
the camat, not the regent) to existing databases; a destination an administrator changed is kept
(catalogue_values), as with `load_rules`. Baseline load, no audit rows (as 0002)."""

from django.db import migrations


def load(apps, schema_editor):
    from netra.rules.loader import SyncResult, _upsert, read_catalogue

    data = read_catalogue()
    result = SyncResult()
    _upsert(
        apps.get_model("rules", "AsnPosition"),
        rows=data["asn_positions"],
        key_fields=("code",),
        force=False,
        result=result,
    )
    _upsert(
        apps.get_model("rules", "RoutingRule"),
        rows=data["routing_rules"],
        key_fields=("subject_type", "violation_class", "election_kind"),
        force=False,
        result=result,
    )


class Migration(migrations.Migration):
    dependencies = [("rules", "0005_asn_positions_village_head")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
