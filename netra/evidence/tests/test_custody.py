"""Chain of custody (who received, stored, viewed, downloaded or purged a file), opening files, retention,
links, and the read-only admin."""

import hashlib
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from netra.audit.models import AuditLogEntry
from netra.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from netra.evidence.models import AppendOnlyError, CustodyEvent, EvidenceLink, Platform, UploadedBy
from netra.evidence.selectors import custody_event_list
from netra.evidence.services import (
    evidence_check,
    evidence_custody_record,
    evidence_link_add,
    evidence_open,
    evidence_purge_display,
    evidence_store,
)
from netra.evidence.tests import fixtures as F
from netra.evidence.tests.factories import EvidenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence(report):
    """A reporter's photo with GPS and the reporter's name in its EXIF, stored through the service."""
    return EvidenceFactory(report=report, name="IMG_budi.jpg")


def actions(evidence) -> list[str]:
    return [event.action for event in custody_event_list(evidence=evidence)]


# --- the chain -------------------------------------------------------------------------------------------


def test_store_records_received_stored_stripped_by_the_reporter(evidence):
    events = list(custody_event_list(evidence=evidence))
    assert [e.action for e in events] == ["received", "stored", "stripped"]
    assert {e.actor_label for e in events} == {"pelapor"}
    assert all(e.actor is None for e in events)
    assert evidence.sha256 in events[0].note
    assert evidence.display_sha256 in events[2].note


def test_officer_upload_is_recorded_under_the_officer(report, officer):
    checked = evidence_check(uploaded_file=SimpleUploadedFile("layar.png", F.png_bytes()))
    stored = evidence_store(report=report, checked=checked, uploaded_by=UploadedBy.OFFICER, user=officer)
    assert {(e.actor, e.actor_label) for e in custody_event_list(evidence=stored)} == {
        (officer, "petugas-bukti")
    }
    assert AuditLogEntry.objects.get(action="evidence.store").actor == officer


def test_opening_the_display_copy_is_viewed_and_the_original_downloaded(evidence, officer):
    handle, name = evidence_open(evidence=evidence, user=officer)
    with handle:
        assert hashlib.sha256(handle.read()).hexdigest() == evidence.display_sha256
    assert name == f"bukti-{evidence.pk}.jpg"  # neutral: not the reporter's file name

    handle, name = evidence_open(evidence=evidence, user=officer, variant="original")
    with handle:
        assert hashlib.sha256(handle.read()).hexdigest() == evidence.sha256
    assert name == "IMG_budi.jpg"

    assert actions(evidence) == ["received", "stored", "stripped", "viewed", "downloaded"]
    viewed, downloaded = custody_event_list(evidence=evidence)[3:]
    assert (viewed.actor, viewed.actor_label) == (officer, "petugas-bukti")
    assert downloaded.actor == officer


def test_original_download_name_takes_the_sniffed_extension(report, officer):
    checked = evidence_check(uploaded_file=SimpleUploadedFile("foto.jpg.exe", F.jpeg_bytes()))
    stored = evidence_store(report=report, checked=checked, uploaded_by=UploadedBy.REPORTER)
    handle, name = evidence_open(evidence=stored, user=officer, variant="original")
    handle.close()
    assert name == "foto.jpg.jpg"


def test_only_active_officers_open_files_and_originals_need_the_permission(evidence, viewer):
    with pytest.raises(PermissionDeniedError):
        evidence_open(evidence=evidence, user=AnonymousUser())
    with pytest.raises(PermissionDeniedError):
        evidence_open(evidence=evidence, user=viewer, variant="original")
    handle, _name = evidence_open(evidence=evidence, user=viewer)  # the display copy is fine
    handle.close()
    viewer.is_active = False
    with pytest.raises(PermissionDeniedError):
        evidence_open(evidence=evidence, user=viewer)
    assert actions(evidence) == ["received", "stored", "stripped", "viewed"]


def test_tampered_original_is_not_handed_out(evidence, officer, evidence_dir):
    (evidence_dir / evidence.original.name).write_bytes(F.jpeg_bytes(color="black"))
    with pytest.raises(ApplicationError) as info:
        evidence_open(evidence=evidence, user=officer, variant="original")
    assert info.value.code == "evidence-integrity"
    assert "downloaded" not in actions(evidence)


def test_exports_are_recorded_by_other_apps(evidence, officer):
    evidence_custody_record(
        evidence=evidence, action="exported", user=officer, note="Berkas perkara untuk BKN"
    )
    assert actions(evidence)[-1] == "exported"
    with pytest.raises(ValueError, match="recorded by the evidence services"):
        evidence_custody_record(evidence=evidence, action="stored", user=officer)


# --- append-only -----------------------------------------------------------------------------------------


def test_custody_events_cannot_be_changed_or_deleted(evidence):
    event = CustodyEvent.objects.filter(evidence=evidence).first()
    event.note = "diubah"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        CustodyEvent.objects.filter(evidence=evidence).update(note="diubah")
    with pytest.raises(AppendOnlyError):
        CustodyEvent.objects.filter(evidence=evidence).delete()
    assert CustodyEvent.objects.filter(evidence=evidence, note="diubah").count() == 0
    assert CustodyEvent.objects.filter(evidence=evidence).count() == 3


def test_database_refuses_custody_updates_on_postgresql(evidence):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE evidence_custodyevent SET note = 'diubah'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM evidence_custodyevent")


# --- retention -------------------------------------------------------------------------------------------


def test_purge_deletes_the_display_copy_keeps_the_original_and_records_it(
    evidence, officer, evidence_dir, django_capture_on_commit_callbacks
):
    display_path = evidence_dir / evidence.display.name
    original_path = evidence_dir / evidence.original.name
    with django_capture_on_commit_callbacks(execute=True):
        evidence_purge_display(evidence=evidence, actor=None)
    assert not display_path.exists()
    assert original_path.exists()
    evidence.refresh_from_db()
    assert evidence.purged_at is not None
    assert not evidence.display
    assert len(evidence.display_sha256) == 64  # what was shown stays on record
    purged = custody_event_list(evidence=evidence).last()
    assert (purged.action, purged.actor_label) == ("purged", "sistem")
    assert (
        AuditLogEntry.objects.filter(action="evidence.purge_display", object_id=str(evidence.pk)).count() == 1
    )

    with pytest.raises(NotFoundError) as info:
        evidence_open(evidence=evidence, user=officer)
    assert info.value.code == "no-display-copy"
    handle, _name = evidence_open(evidence=evidence, user=officer, variant="original")
    handle.close()

    evidence_purge_display(evidence=evidence)  # twice: nothing more happens
    assert actions(evidence).count("purged") == 1
    assert AuditLogEntry.objects.filter(action="evidence.purge_display").count() == 1


# --- links -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "ftp://files.example.id/bukti.jpg",
        "file:///etc/passwd",
        "bukan url",
    ],
)
def test_only_http_and_https_links_are_accepted(report, url):
    with pytest.raises(ApplicationError) as info:
        evidence_link_add(report=report, url=url)
    assert info.value.code == "invalid-link"
    assert "http://" in info.value.message
    assert not EvidenceLink.objects.exists()


@pytest.mark.parametrize(
    ("url", "platform", "stored"),
    [
        (
            "https://www.instagram.com/p/C1abcDEF/?igsh=MWQ1ZGUxMzBkMA==",
            Platform.INSTAGRAM,
            "https://www.instagram.com/p/C1abcDEF/",
        ),
        ("https://youtu.be/dQw4w9WgXcQ?si=Zt6pK9sharer", Platform.YOUTUBE, "https://youtu.be/dQw4w9WgXcQ"),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42&utm_source=wa",
            Platform.YOUTUBE,
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
        ),
        ("https://x.com/pejabat/status/1?s=20&t=abc", Platform.X, "https://x.com/pejabat/status/1"),
        ("https://vt.tiktok.com/ZSabc/", Platform.TIKTOK, "https://vt.tiktok.com/ZSabc/"),
        (
            "https://m.facebook.com/story.php?id=1&fbclid=x",
            Platform.FACEBOOK,
            "https://m.facebook.com/story.php?id=1",
        ),
        ("https://chat.whatsapp.com/AbCd", Platform.WHATSAPP, "https://chat.whatsapp.com/AbCd"),
        ("https://evilinstagram.com/p/1", Platform.OTHER, "https://evilinstagram.com/p/1"),
    ],
)
def test_platform_is_derived_and_sharer_parameters_removed(report, url, platform, stored):
    link = evidence_link_add(report=report, url=url)
    assert link.platform == platform
    assert link.url == stored


def test_link_records_capture_time_and_an_audit_row(report, officer):
    seen = timezone.now() - timedelta(days=2)
    link = evidence_link_add(
        report=report,
        url="https://www.instagram.com/reel/XYZ/",
        captured_at=seen,
        note="Dilihat di grup",
        user=officer,
    )
    link.refresh_from_db()
    assert link.captured_at == seen
    assert link.note == "Dilihat di grup"
    row = AuditLogEntry.objects.get(action="evidence.link_add")
    assert row.actor == officer
    assert row.after["platform"] == "instagram"
    assert row.after["url_sha256"] == hashlib.sha256(link.url.encode()).hexdigest()


def test_link_capture_time_cannot_be_in_the_future(report):
    with pytest.raises(ApplicationError):
        evidence_link_add(
            report=report, url="https://x.com/a/status/1", captured_at=timezone.now() + timedelta(days=1)
        )


# --- admin -----------------------------------------------------------------------------------------------


def test_admin_is_read_only_and_shows_no_file_name(client, evidence, django_user_model):
    admin = django_user_model.objects.create_superuser(username="admin-bukti", password="rahasia-uji-123")
    client.force_login(admin)
    page = client.get(f"/admin/evidence/evidence/{evidence.pk}/change/")
    assert page.status_code == 200
    assert evidence.sha256.encode() in page.content
    assert b"IMG_budi" not in page.content
    assert client.get("/admin/evidence/evidence/add/").status_code == 403
    assert client.post(f"/admin/evidence/evidence/{evidence.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/evidence/custodyevent/add/").status_code == 403
    assert client.get("/admin/evidence/custodyevent/").status_code == 200
