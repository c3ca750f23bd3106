"""Issue 13, item 7: witnesses' names and contacts were stored in plain text while the reporter's
identity was sealed. Now they are sealed the same way, existing rows are sealed by a data migration,
and they open only with the identity, for an officer allowed to, with the reveal recorded."""

import subprocess

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from netra.audit.models import AuditLogEntry
from netra.intake import crypto, services
from netra.intake import submission as intake_submission
from netra.intake.models import IdentityReveal, Witness
from netra.intake.tests.conftest import NOW, make_submission

pytestmark = pytest.mark.django_db

WITNESS_NAME, WITNESS_CONTACT = "Rina Wati", "0811-222-333"


def _raw_rows() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM intake_witness")
        return repr(cursor.fetchall())


@pytest.fixture
def submitted(world):
    return intake_submission.report_submit(submission=make_submission(), now=NOW)


def test_no_witness_name_or_contact_in_the_table(submitted):
    report = submitted.report
    assert Witness.objects.filter(report=report).count() == 1
    raw = _raw_rows()
    assert WITNESS_NAME not in raw
    assert WITNESS_CONTACT not in raw
    assert WITNESS_NAME.encode() not in bytes(Witness.objects.get(report=report).sealed)


@pytest.mark.django_db(transaction=True)
def test_no_witness_name_in_a_database_dump(reference_regions, world):
    intake_submission.report_submit(submission=make_submission(), now=NOW)  # committed: pg_dump sees it
    db = settings.DATABASES["default"]
    dump = subprocess.run(  # noqa: S603 (fixed arguments)
        [  # noqa: S607 (pg_dump from PATH, as the backup script runs it)
            "pg_dump",
            "--data-only",
            "-t",
            "intake_witness",
            "-h",
            db["HOST"] or "127.0.0.1",
            "-U",
            db["USER"],
            db["NAME"],
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"PGPASSWORD": db["PASSWORD"] or "", "PATH": "/usr/bin:/bin:/usr/lib/postgresql/15/bin"},
    )
    assert "COPY public.intake_witness (id, report_id, sealed, key_id)" in dump.stdout
    assert WITNESS_NAME not in dump.stdout
    assert WITNESS_CONTACT not in dump.stdout


def test_witnesses_open_with_the_identity_and_the_reveal_is_recorded(submitted, world):
    head = world["users"]["bpp_head"]
    opened = services.identity_reveal(
        report=submitted.report, officer=head, reason="Saksi dan pelapor dipanggil klarifikasi tanggal 14."
    )
    assert opened["witnesses"] == [{"name": WITNESS_NAME, "contact": WITNESS_CONTACT}]
    assert IdentityReveal.objects.filter(report=submitted.report, officer=head).count() == 1
    entry = AuditLogEntry.objects.get(action="report.identity_reveal")
    assert entry.after["witnesses"] == 1


def test_officer_page_shows_no_witness_name(submitted, world, client):
    client.force_login(world["users"]["bpp_officer"])
    html = client.get(f"/lapor/petugas/{submitted.report.pk}/").content.decode()
    assert WITNESS_NAME not in html
    assert "Saksi disebutkan: 1" in html


@pytest.mark.django_db(transaction=True)
def test_data_migration_seals_existing_plaintext_rows(reference_regions, world):
    report = intake_submission.report_submit(submission=make_submission(), now=NOW).report
    executor = MigrationExecutor(connection)
    executor.migrate([("intake", "0008_witness_sealed")])  # back: rows as before issue 13 (plain text)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, contact, sealed FROM intake_witness WHERE report_id = %s", [report.pk])
        assert cursor.fetchall() == [(WITNESS_NAME, WITNESS_CONTACT, None)]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # forward: the data migration seals them
    raw = _raw_rows()
    assert WITNESS_NAME not in raw
    assert WITNESS_CONTACT not in raw
    opened = crypto.open_identity(bytes(Witness.objects.get(report=report).sealed))
    assert opened == {"name": WITNESS_NAME, "contact": WITNESS_CONTACT}
