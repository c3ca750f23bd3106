"""The audit log is append-only and its hash chain detects edited, deleted and truncated rows."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from netra.agencies.models import Agency as AgenciesModel
from netra.agencies.models import AgencyKind
from netra.agencies.services import agency_create, agency_update
from netra.agencies.tests.factories import UserFactory
from netra.audit.chain import GENESIS_HASH
from netra.audit.models import AppendOnlyError, AuditLogEntry
from netra.audit.services import audit_chain_verify, audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    actor = UserFactory(username="auditor")
    agency = agency_create(actor=actor, code="kpu-uji", name="KPU Uji", kind=AgencyKind.KPU)
    for i in range(4):
        agency_update(actor=actor, agency=agency, data={"name": f"KPU Uji {i}"})
    return list(AuditLogEntry.objects.order_by("seq"))


def _raw(sql, params=()):
    """Tamper as a database superuser would: on PostgreSQL, with triggers off for the session."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def test_rows_link_into_a_chain_with_contiguous_seq(chain):
    assert [row.seq for row in chain] == [1, 2, 3, 4, 5]
    assert chain[0].prev_hash == GENESIS_HASH
    assert all(chain[i].prev_hash == chain[i - 1].hash for i in range(1, 5))
    assert chain[1].before == {"name": "KPU Uji"}
    assert chain[1].after == {"name": "KPU Uji 0"}
    assert chain[0].actor_label == "auditor"
    report = audit_chain_verify()
    assert report.ok
    assert report.checked == 5
    assert report.head_hash == chain[-1].hash


def test_edited_row_is_detected(chain):
    _raw("UPDATE audit_auditlogentry SET after = %s WHERE seq = 3", ['{"name": "dipalsukan"}'])
    report = audit_chain_verify()
    assert not report.ok
    assert any("seq 3" in p and "edited" in p for p in report.problems)


def test_edited_row_with_recomputed_plain_hash_is_still_detected(chain):
    """Without the HMAC key an attacker cannot produce a valid hash even if he rewrites it."""
    import hashlib

    _raw(
        "UPDATE audit_auditlogentry SET action = %s, hash = %s WHERE seq = 5",
        ["agency.delete", hashlib.sha256(b"forged").hexdigest()],
    )
    assert any("seq 5" in p for p in audit_chain_verify().problems)


def test_deleted_row_is_detected(chain):
    _raw("DELETE FROM audit_auditlogentry WHERE seq = 2")
    problems = audit_chain_verify().problems
    assert any("missing" in p for p in problems)
    assert any("seq 3" in p and "link" in p for p in problems)


def test_removed_head_is_detected_against_a_noted_head(chain):
    head = f"{chain[-1].seq}:{chain[-1].hash}"
    call_command("audit_verify", expect_head=head)  # intact: passes
    _raw("DELETE FROM audit_auditlogentry WHERE seq = 5")
    with pytest.raises(CommandError, match="BROKEN"):
        call_command("audit_verify", expect_head=head)


def test_command_fails_on_tampering(chain, capsys):
    call_command("audit_verify")
    assert "intact: 5 rows" in capsys.readouterr().out
    _raw("UPDATE audit_auditlogentry SET object_repr = 'x' WHERE seq = 1")
    with pytest.raises(CommandError, match="BROKEN"):
        call_command("audit_verify")


def test_orm_refuses_update_and_delete(chain):
    row = chain[0]
    row.action = "changed"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AuditLogEntry.objects.filter(seq=1).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditLogEntry.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database trigger exists on PostgreSQL only")
def test_database_trigger_refuses_raw_update_and_delete(chain):
    for sql in (
        "UPDATE audit_auditlogentry SET action = 'x' WHERE seq = 1",
        "DELETE FROM audit_auditlogentry",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditLogEntry.objects.count() == 5


@pytest.mark.django_db(transaction=True)
def test_rotated_key_keeps_old_rows_verifiable(chain, settings):
    settings.NETRA_AUDIT_CHAIN_RETIRED_KEYS = {"k1": settings.NETRA_AUDIT_CHAIN_KEY}
    settings.NETRA_AUDIT_CHAIN_KEY = "a-brand-new-key"
    settings.NETRA_AUDIT_CHAIN_KEY_ID = "k2"
    actor = UserFactory(username="after-rotation")
    agency_update(actor=actor, agency=AgenciesModel.objects.get(code="kpu-uji"), data={"name": "KPU Baru"})
    newest = AuditLogEntry.objects.order_by("-seq").first()
    assert newest.key_id == "k2"
    assert audit_chain_verify().ok
    # Losing the retired key makes the old segment unverifiable: reported, not silently accepted.
    settings.NETRA_AUDIT_CHAIN_RETIRED_KEYS = {}
    problems = audit_chain_verify().problems
    assert len(problems) == 5
    assert all("unknown key id 'k1'" in p for p in problems)


@pytest.mark.django_db(transaction=True)
def test_audit_record_requires_a_transaction():
    with pytest.raises(RuntimeError, match="transaction"):
        audit_record(actor=None, action="x", object_type="t", object_id="1")


def test_failed_service_leaves_no_audit_row():
    actor = UserFactory(username="auditor2")
    before = AuditLogEntry.objects.count()
    with pytest.raises(Exception):  # noqa: B017,PT011 (any validation error: the point is the rollback)
        agency_create(actor=actor, code="bad code with spaces", name="x", kind=AgencyKind.KPU)
    assert AuditLogEntry.objects.count() == before


def test_request_id_is_recorded(client, db):
    from netra.agencies.roles import Role
    from netra.agencies.tests.factories import AgencyFactory

    agency = AgencyFactory(code="kpu-req", name="KPU", kind=AgencyKind.KPU)
    user = UserFactory(username="platform-req", agency=agency, roles=[Role.PLATFORM_ADMIN])
    client.force_login(user)
    response = client.patch(
        f"/api/v1/agencies/{agency.pk}",
        data={"name": "KPU Baru"},
        content_type="application/json",
        HTTP_X_REQUEST_ID="req-12345",
    )
    assert response.status_code == 200, response.content
    row = AuditLogEntry.objects.order_by("-seq").first()
    assert row.request_id == "req-12345"
    assert row.action == "agency.update"
    assert response["X-Request-ID"] == "req-12345"
