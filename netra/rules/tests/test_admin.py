"""Administrators tune the catalogue in the admin: every change has history and an audit row."""

import pytest
from django import forms
from django.urls import reverse

from netra.audit.models import AuditLogEntry
from netra.rules.models import Conduct, Level, OversightBody, RoutingRule, Sanction, ViolationType

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin-aturan", "admin@example.invalid", "rahasia-uji")


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def change_form_data(client, obj, **changes) -> dict:
    """The admin change form's current values as POST data, with `changes` applied."""
    url = reverse(f"admin:rules_{obj._meta.model_name}_change", args=[obj.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()  # already prepared for the widget (JSON as text)
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
            continue
        data[name] = "" if value is None else value
    for name, value in changes.items():
        if isinstance(form.fields[name], forms.BooleanField):
            if value:
                data[name] = "on"
            else:
                data.pop(name, None)
        else:
            data[name] = value
    return data


def test_changing_d8_level_in_the_admin_writes_audit_and_history(admin, admin_user):
    d8 = ViolationType.objects.get(code="D-8")
    url = reverse("admin:rules_violationtype_change", args=[d8.pk])

    response = admin.post(url, change_form_data(admin, d8, level=Level.SEDANG))

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    d8.refresh_from_db()
    assert d8.level == Level.SEDANG
    entry = AuditLogEntry.objects.get(action="violationtype.update.admin")
    assert entry.object_id == str(d8.pk)
    assert entry.actor_id == admin_user.pk
    assert entry.before == {"level": "berat", "updated_at": entry.before["updated_at"]}
    assert entry.after["level"] == "sedang"
    latest = d8.history.first()
    assert (latest.history_type, latest.level, latest.history_user_id) == ("~", "sedang", admin_user.pk)
    # The recommended default stays visible next to the administrator's choice.
    assert d8.catalogue_values["level"] == "berat"


def test_the_admin_refuses_a_level_that_contradicts_the_category(admin):
    ke1 = ViolationType.objects.get(code="KE-1")

    response = admin.post(
        reverse("admin:rules_violationtype_change", args=[ke1.pk]),
        change_form_data(admin, ke1, level=Level.BERAT),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert ViolationType.objects.get(code="KE-1").level == Level.MORAL
    assert not AuditLogEntry.objects.filter(action="violationtype.update.admin").exists()


def test_the_admin_refuses_a_conflict_row_without_source_positions(admin):
    d8 = ViolationType.objects.get(code="D-8")

    response = admin.post(
        reverse("admin:rules_violationtype_change", args=[d8.pk]),
        change_form_data(admin, d8, level_positions="[]"),
    )

    assert response.status_code == 200
    assert "level_positions" in response.context["adminform"].form.errors


def test_moving_the_kasn_bkn_switch_date_is_audited(admin):
    kasn = OversightBody.objects.get(code="kasn")

    response = admin.post(
        reverse("admin:rules_oversightbody_change", args=[kasn.pk]),
        change_form_data(admin, kasn, valid_until="2024-08-23"),
    )

    assert response.status_code == 302
    entry = AuditLogEntry.objects.get(action="oversightbody.update.admin")
    assert (entry.before["valid_until"], entry.after["valid_until"]) == ("2024-09-03", "2024-08-23")


def test_catalogue_rows_cannot_be_deleted_but_routing_rules_can(admin):
    d8 = ViolationType.objects.get(code="D-8")
    rule = RoutingRule.objects.get(subject_type="bpd", violation_class="neutrality")

    assert admin.get(reverse("admin:rules_violationtype_delete", args=[d8.pk])).status_code == 403
    assert (
        admin.post(reverse("admin:rules_routingrule_delete", args=[rule.pk]), {"post": "yes"}).status_code
        == 302
    )
    assert not RoutingRule.objects.filter(pk=rule.pk).exists()
    assert AuditLogEntry.objects.filter(action="routingrule.delete.admin").count() == 1


@pytest.mark.parametrize("model", [Conduct, ViolationType, Sanction, OversightBody, RoutingRule])
def test_every_catalogue_list_and_history_page_opens(admin, model):
    obj = model.objects.first()
    name = model._meta.model_name

    assert admin.get(reverse(f"admin:rules_{name}_changelist")).status_code == 200
    assert admin.get(reverse(f"admin:rules_{name}_history", args=[obj.pk])).status_code == 200
