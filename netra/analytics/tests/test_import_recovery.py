"""After an import was accepted: a run whose task was lost is resumed from its stored file (once, and
never a duplicate row), and a batch loaded by mistake is withdrawn with a reason, audited, its rows
gone from the dashboard and its rollups, the corrected file importable again."""

import datetime as dt

import pytest
from django.utils import timezone

from netra.analytics.imports import import_file
from netra.analytics.imports.recovery import import_withdraw, imports_resume_stalled
from netra.analytics.imports.service import stored_path
from netra.analytics.models import FactCube, ImportBatch, SubjectFact
from netra.analytics.selectors import StatsFilter, facts_for, stats_funnel
from netra.analytics.tests.test_import import _client, _file, history
from netra.audit.models import AuditLogEntry
from netra.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def _stored_batch(world, rows, *, status, silent_for: dt.timedelta) -> ImportBatch:
    data, name = _file(rows, "csv")
    batch = ImportBatch.objects.create(
        file_name=name, file_sha256="0" * 64, created_by=world["users"]["platform"], status=status
    )
    path = stored_path(batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    ImportBatch.objects.filter(pk=batch.pk).update(
        created_at=timezone.now() - silent_for, progress_at=timezone.now() - silent_for
    )
    return batch


def test_a_batch_whose_task_was_lost_is_resumed_once(world, django_capture_on_commit_callbacks):
    lost = _stored_batch(
        world, history(12), status=ImportBatch.Status.PENDING, silent_for=dt.timedelta(hours=1)
    )
    alive = _stored_batch(
        world, history(5), status=ImportBatch.Status.RUNNING, silent_for=dt.timedelta(minutes=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        queued = imports_resume_stalled(now=timezone.now())
    assert queued == [lost.pk]
    lost.refresh_from_db()
    assert (lost.status, lost.rows_added) == (ImportBatch.Status.DONE, 12)
    assert ImportBatch.objects.get(pk=alive.pk).status == ImportBatch.Status.RUNNING  # alive: left alone
    assert AuditLogEntry.objects.filter(action="import.resume", object_id=str(lost.pk)).count() == 1
    # Run again later: the finished batch is not queued again, and nothing is added twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert imports_resume_stalled(now=timezone.now() + dt.timedelta(hours=2)) == [alive.pk]
    assert SubjectFact.objects.filter(batch=lost).count() == 12


def test_a_stalled_batch_whose_file_is_gone_fails_with_the_reason(world):
    batch = _stored_batch(
        world, history(3), status=ImportBatch.Status.RUNNING, silent_for=dt.timedelta(hours=1)
    )
    stored_path(batch).unlink()
    assert imports_resume_stalled(now=timezone.now()) == []
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert "tidak ditemukan" in batch.errors[0]["why"]


def test_withdrawing_a_batch_removes_its_rows_and_the_file_can_come_again(world):
    national = world["users"]["platform"]
    data, name = _file(history(20), "csv")
    batch = import_file(data=data, name=name, user=national)
    assert batch.rows_added == 20
    funnel = stats_funnel(facts_for(user=national, filters=StatsFilter()))
    assert funnel[0]["n"] == 20

    with pytest.raises(ApplicationError, match="alasan"):
        import_withdraw(batch_id=batch.pk, user=national, reason="salah")
    withdrawn = import_withdraw(batch_id=batch.pk, user=national, reason="Berkas tahun yang salah diunggah")
    assert withdrawn.status == ImportBatch.Status.WITHDRAWN
    assert not SubjectFact.objects.filter(batch=batch).exists()
    assert stats_funnel(facts_for(user=national, filters=StatsFilter()))[0]["n"] == 0
    assert sum(FactCube.objects.values_list("n", flat=True)) == 0  # the rollups followed
    entry = AuditLogEntry.objects.get(action="import.withdraw", object_id=str(batch.pk))
    assert entry.after["facts_removed"] == 20
    with pytest.raises(ApplicationError, match="selesai"):
        import_withdraw(batch_id=batch.pk, user=national, reason="Ditarik dua kali, tidak boleh")
    again = import_file(data=data, name=name, user=national)
    assert again.rows_added == 20


def test_the_page_withdraws_and_others_cannot_see_the_batch(world):
    data, name = _file(history(6), "csv")
    batch = import_file(data=data, name=name, user=world["users"]["platform"])
    client = _client(world["users"]["platform"])
    page = client.get(f"/statistik/impor/{batch.pk}/").content.decode()
    assert 'data-testid="import-withdraw"' in page
    refused = client.post(f"/statistik/impor/{batch.pk}/tarik/", {"reason": "x"})
    assert refused.status_code == 400
    assert "paling sedikit 10 karakter" in refused.content.decode()
    outsider = _client(world["users"]["pbg"])
    assert outsider.post(
        f"/statistik/impor/{batch.pk}/tarik/", {"reason": "bukan impor saya sendiri"}
    ).status_code in (403, 404)
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.DONE
    done = client.post(f"/statistik/impor/{batch.pk}/tarik/", {"reason": "Data ganda dari Bawaslu provinsi"})
    assert done.status_code == 302
    page = client.get(f"/statistik/impor/{batch.pk}/").content.decode()
    assert 'data-testid="import-withdrawn"' in page
    assert "Data ganda dari Bawaslu provinsi" in page
