"""The catalogue loader: what migration 0002 loaded, idempotence, and administrators' values kept."""

import copy
import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from netra.audit.models import AuditLogEntry
from netra.rules.loader import catalogue_models, read_catalogue, sync_catalogue
from netra.rules.models import Conduct, Level, OversightBody, RoutingRule, Sanction, ViolationType
from netra.rules.services import catalogue_sync

pytestmark = pytest.mark.django_db


@pytest.fixture
def models():
    return catalogue_models(apps)


@pytest.fixture
def data():
    return copy.deepcopy(read_catalogue())


def test_data_migration_loaded_every_row_of_the_data_files(data):
    assert sorted(Conduct.objects.values_list("code", flat=True)) == sorted(
        r["code"] for r in data["conducts"]
    )
    assert sorted(ViolationType.objects.values_list("code", flat=True)) == sorted(
        r["code"] for r in data["violation_types"]
    )
    assert Sanction.objects.count() == len(data["sanctions"])
    assert OversightBody.objects.count() == len(data["oversight_bodies"])
    assert RoutingRule.objects.count() == len(data["routing_rules"])
    d6 = next(r for r in data["violation_types"] if r["code"] == "D-6")
    assert ViolationType.objects.get(code="D-6").legal_basis == d6["legal_basis"]


def test_loading_again_changes_nothing(models):
    before = {v.code: v.updated_at for v in ViolationType.objects.all()}

    first = sync_catalogue(models)
    second = sync_catalogue(models)

    for result in (first, second):
        assert (result.created, result.updated, result.deactivated) == (0, 0, 0)
        assert result.changes == []
        assert result.kept == []
    assert {v.code: v.updated_at for v in ViolationType.objects.all()} == before


def test_an_administrators_level_is_kept_unless_forced(models):
    d8 = ViolationType.objects.get(code="D-8")
    d8.level = Level.SEDANG  # as an administrator would, in the admin
    d8.save()

    kept = sync_catalogue(models)
    assert ViolationType.objects.get(code="D-8").level == Level.SEDANG
    assert [(k.key, k.field, k.current, k.catalogue) for k in kept.kept] == [
        ("D-8", "level", "sedang", "berat")
    ]
    assert kept.updated == 0

    forced = sync_catalogue(models, force=True)
    assert ViolationType.objects.get(code="D-8").level == Level.BERAT
    assert forced.updated == 1
    assert (forced.changes[0].before, forced.changes[0].after) == ({"level": "sedang"}, {"level": "berat"})


def test_text_changes_in_the_files_are_applied(models, data):
    row = next(r for r in data["violation_types"] if r["code"] == "D-6")
    row["legal_basis"] += " Dicek terhadap JDIH."

    result = sync_catalogue(models, data=data)

    assert result.updated == 1
    assert ViolationType.objects.get(code="D-6").legal_basis.endswith("Dicek terhadap JDIH.")


def test_a_new_recommended_level_applies_when_nobody_changed_it(models, data):
    next(r for r in data["violation_types"] if r["code"] == "D-9a")["level"] = "berat"

    sync_catalogue(models, data=data)

    d9a = ViolationType.objects.get(code="D-9a")
    assert d9a.level == Level.BERAT
    assert d9a.catalogue_values["level"] == "berat"


def test_an_administrator_and_a_file_that_agree_converge(models, data):
    ViolationType.objects.filter(code="D-8").update(level=Level.SEDANG)
    next(r for r in data["violation_types"] if r["code"] == "D-8")["level"] = "sedang"

    result = sync_catalogue(models, data=data)

    assert result.kept == []
    assert ViolationType.objects.get(code="D-8").catalogue_values["level"] == "sedang"
    # From now on the file's value is the baseline: a later file change applies again.
    next(r for r in data["violation_types"] if r["code"] == "D-8")["level"] = "berat"
    sync_catalogue(models, data=data)
    assert ViolationType.objects.get(code="D-8").level == Level.BERAT


def test_an_administrators_switch_date_is_kept(models):
    OversightBody.objects.filter(code="kasn").update(valid_until=dt.date(2024, 8, 23))

    result = sync_catalogue(models)

    assert OversightBody.objects.get(code="kasn").valid_until == dt.date(2024, 8, 23)
    assert [(k.model, k.key, k.field) for k in result.kept] == [("OversightBody", "kasn", "valid_until")]


def test_items_dropped_from_the_files_are_deactivated_not_deleted(models, data):
    data["violation_types"] = [r for r in data["violation_types"] if r["code"] != "D-11"]

    result = sync_catalogue(models, data=data)

    assert result.deactivated == 1
    assert ViolationType.objects.get(code="D-11").is_active is False


def test_new_rows_are_created(models, data):
    data["sanctions"].append(
        {
            "code": "uji-sanksi",
            "level": "ringan",
            "employment_type": "pns",
            "name": "Sanksi uji",
            "description": "",
            "legal_basis": "Uji",
            "order": 99,
            "valid_from": "2030-01-01",
            "valid_until": None,
            "verification": "unverified",
        }
    )

    result = sync_catalogue(models, data=data)

    assert result.created == 1
    assert Sanction.objects.get(code="uji-sanksi").valid_from == dt.date(2030, 1, 1)


def test_bad_data_is_refused(models, data):
    data["violation_types"][0]["conduct"] = "tidak-ada"
    with pytest.raises(ValueError, match="unknown conduct"):
        sync_catalogue(models, data=data)

    fresh = copy.deepcopy(read_catalogue())
    fresh["sanctions"].append(copy.deepcopy(fresh["sanctions"][0]))
    with pytest.raises(ValueError, match="duplicate key"):
        sync_catalogue(models, data=fresh)


def test_catalogue_sync_service_audits_every_row_it_writes():
    ViolationType.objects.filter(code="D-8").update(level=Level.SEDANG)
    start = AuditLogEntry.objects.count()

    catalogue_sync(actor=None, force=True)

    entries = list(AuditLogEntry.objects.filter(seq__gt=start))
    assert [(e.action, e.object_repr[:3], e.before, e.after) for e in entries] == [
        ("violationtype.update.load_rules", "D-8", {"level": "sedang"}, {"level": "berat"})
    ]


def test_load_rules_command_reports_kept_values_and_forces():
    ViolationType.objects.filter(code="D-8").update(level=Level.SEDANG)

    out = StringIO()
    call_command("load_rules", stdout=out)
    assert "Kept ViolationType D-8.level = sedang (data file: berat)" in out.getvalue()
    assert ViolationType.objects.get(code="D-8").level == Level.SEDANG

    out = StringIO()
    call_command("load_rules", "--force", stdout=out)
    assert "1 updated" in out.getvalue()
    assert ViolationType.objects.get(code="D-8").level == Level.BERAT


def test_a_misspelt_field_in_the_data_files_is_refused():
    from django.apps import apps

    from netra.rules.loader import catalogue_models, read_catalogue, sync_catalogue

    data = read_catalogue()
    data["sanctions"][0] = {**data["sanctions"][0], "nmae_en": "typo"}
    with pytest.raises(ValueError, match="unknown fields \\['nmae_en'\\]"):
        sync_catalogue(catalogue_models(apps), data=data)
