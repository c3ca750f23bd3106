"""Agency and user services: validation, derived time zone, roles, and an audit row for every write."""

import pytest

from netra.agencies.models import AgencyKind
from netra.agencies.roles import ROLE_PERMISSIONS, Role, sync_roles
from netra.agencies.services import agency_create, agency_update, user_create, user_update
from netra.agencies.tests.factories import UserFactory, region
from netra.audit.models import AuditLogEntry
from netra.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return UserFactory(username="admin-netra")


def test_agency_takes_its_time_zone_from_its_region(actor):
    bpp = agency_create(
        actor=actor,
        code="bawaslu-64-71",
        name="Bawaslu Kota Balikpapan",
        kind=AgencyKind.BAWASLU_KABKOTA,
        region=region("64.71"),
    )
    jayapura = agency_create(
        actor=actor,
        code="bawaslu-91-71",
        name="Bawaslu Kota Jayapura",
        kind=AgencyKind.BAWASLU_KABKOTA,
        region=region("91.71"),
    )
    ri = agency_create(actor=actor, code="bawaslu-ri", name="Bawaslu RI", kind=AgencyKind.BAWASLU_RI)
    assert (bpp.timezone, jayapura.timezone, ri.timezone) == (
        "Asia/Makassar",
        "Asia/Jayapura",
        "Asia/Jakarta",
    )
    row = AuditLogEntry.objects.get(action="agency.create", object_id=str(bpp.pk))
    assert row.after["region_id"] == "64.71"
    assert row.actor_id == actor.pk


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        (AgencyKind.BAWASLU_KABKOTA, "64"),  # a kab/kota office needs a kab/kota
        (AgencyKind.BAWASLU_PROVINSI, "64.71"),
        (AgencyKind.PANWASLU_KECAMATAN, "64.71"),
        (AgencyKind.BAWASLU_RI, "64"),  # national offices have no region
    ],
)
def test_jurisdiction_must_match_the_kind(actor, kind, code):
    with pytest.raises(ApplicationError, match="(Wilayah kerja|nasional)"):
        agency_create(actor=actor, code="x", name="x", kind=kind, region=region(code))
    assert not AuditLogEntry.objects.filter(action="agency.create").exists()


def test_agency_update_audits_only_changes(actor):
    agency = agency_create(actor=actor, code="bkn", name="BKN", kind=AgencyKind.BKN)
    agency_update(actor=actor, agency=agency, data={"name": "BKN", "email": ""})
    assert not AuditLogEntry.objects.filter(action="agency.update").exists()
    agency_update(actor=actor, agency=agency, data={"email": "netralitas@bkn.go.id"})
    row = AuditLogEntry.objects.get(action="agency.update")
    assert row.before == {"email": ""}
    assert row.after == {"email": "netralitas@bkn.go.id"}


def test_user_create_sets_roles_and_never_audits_the_password(actor):
    agency = agency_create(actor=actor, code="bkn", name="BKN", kind=AgencyKind.BKN)
    user = user_create(
        actor=actor, username="satgas1", password="kata-sandi-panjang-1", agency=agency, roles=[Role.OFFICER]
    )
    assert user.check_password("kata-sandi-panjang-1")
    assert list(user.groups.values_list("name", flat=True)) == [Role.OFFICER]
    assert user.has_perm("agencies.view_user")
    assert not user.has_perm("agencies.change_user")
    row = AuditLogEntry.objects.get(action="user.create")
    assert "password" not in row.after
    assert row.after["roles"] == [Role.OFFICER]


def test_unknown_role_rejected_and_nothing_saved(actor):
    with pytest.raises(ApplicationError, match="Peran tidak dikenal"):
        user_create(actor=actor, username="x1", password=None, agency=None, roles=["raja"])
    assert not AuditLogEntry.objects.filter(action="user.create").exists()


def test_role_change_is_audited(actor):
    user = user_create(actor=actor, username="x2", password=None, agency=None, roles=[Role.VIEWER])
    user_update(actor=actor, user=user, data={}, roles=[Role.OFFICER, Role.VIEWER])
    row = AuditLogEntry.objects.get(action="user.update")
    assert row.before["roles"] == [Role.VIEWER]
    assert row.after["roles"] == sorted([Role.OFFICER, Role.VIEWER])


def test_roles_include_permissions_of_apps_migrated_after_agencies():
    from django.contrib.auth.models import Group

    head = Group.objects.get(name=Role.HEAD)
    codes = set(head.permissions.values_list("content_type__app_label", "codename"))
    assert ("intake", "reveal_identity") in codes
    assert ("intake", "view_report") in codes
    assert any(app == "rules" for app, _ in codes)


def test_roles_are_synced_with_the_table():
    counts = sync_roles()
    assert set(counts) == set(ROLE_PERMISSIONS)
    assert counts[Role.PLATFORM_ADMIN] > counts[Role.VIEWER] > 0
