"""E-mail news for a reporter who asked for it (issue 14): opt-in, content-free, the office's name only,
sent by the notifications app's task after the change commits."""

import pytest
from django.core import mail
from django.urls import reverse

from netra.audit.models import AuditLogEntry
from netra.intake import services
from netra.intake.models import Report, ReportStatus
from netra.intake.tests.test_views import (  # noqa: F401 (fixtures)
    NAME,
    NIK,
    _clear_cache,
    officer,
    offices,
    report_data,
    submit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("offices")]

DESCRIPTION = report_data()["description"]


def _file(client, **changes) -> Report:
    submit(client, report_data(**changes))
    return Report.objects.get()


def _registered(report, capture) -> None:
    with capture(execute=True):
        services.reports_status_set(report_ids=[report.pk], status=ReportStatus.REGISTERED, closed=False)


def test_an_opted_in_reporter_is_told_there_is_news_and_nothing_more(
    client, django_capture_on_commit_callbacks
):
    report = _file(client, notify_by_email="on")
    mail.outbox.clear()
    _registered(report, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["budi.santoso@contoh.id"]
    assert email.subject == "[Netra] Ada pembaruan pada laporan Anda"
    assert "Bawaslu Kota Balikpapan" in email.body
    assert "/lapor/cek/" in email.body
    for private in (report.reference, DESCRIPTION, "Lurah Manggar", NAME, NIK, "Diregistrasi"):
        assert private not in email.body
        assert private not in email.subject


def test_without_opting_in_no_email_is_sent(client, django_capture_on_commit_callbacks):
    report = _file(client)
    _registered(report, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert not AuditLogEntry.objects.filter(action="report.reporter_notified").exists()


def test_opening_the_identity_to_send_the_news_is_on_the_record(client, django_capture_on_commit_callbacks):
    """The worker opens the sealed identity to learn the address: one audit row per e-mail sent, naming
    the report and the channel, never the address."""
    report = _file(client, notify_by_email="on")
    _registered(report, django_capture_on_commit_callbacks)
    rows = list(AuditLogEntry.objects.filter(action="report.reporter_notified"))
    assert len(mail.outbox) == 1
    assert [(r.object_type, r.object_id, r.actor_id) for r in rows] == [
        ("intake.report", str(report.pk), None)
    ]
    assert rows[0].after["channel"] == "email"
    assert "budi.santoso@contoh.id" not in str(rows[0].after)


def test_an_officer_message_is_news_but_not_twice_within_the_hour(
    client, request, django_capture_on_commit_callbacks
):
    petugas = request.getfixturevalue("officer")
    report = _file(client, notify_by_email="on")
    with django_capture_on_commit_callbacks(execute=True):
        services.message_from_officer(report=report, officer=petugas, body="Mohon kirim videonya.")
    with django_capture_on_commit_callbacks(execute=True):
        services.message_from_officer(report=report, officer=petugas, body="Satu lagi.")

    assert len(mail.outbox) == 1
    assert "Mohon kirim videonya" not in mail.outbox[0].body


def test_the_case_opening_at_arrival_is_not_news(client, django_capture_on_commit_callbacks):
    report = _file(client, notify_by_email="on")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_status_advance(report=report, status=ReportStatus.IN_REVIEW, only_from=report.status)
    assert mail.outbox == []


def test_opting_in_needs_an_email_address(client):
    response = submit(client, report_data(notify_by_email="on", reporter_email=""))
    assert response.status_code == 400
    assert response.context["forms"].main.errors["notify_by_email"] == [
        "Isi alamat surel Anda agar kami dapat mengabari Anda."
    ]
    assert not Report.objects.exists()


def test_the_form_offers_the_opt_in_unticked(client):
    html = client.get(reverse("intake:report")).content.decode()
    assert 'name="notify_by_email"' in html
    assert 'name="notify_by_email" checked' not in html
