"""The reporter's status page (issue 14): the timeline with dates and the current legal deadline, the
next steps, the receipt PDF without the code, and the one-time token on its forms."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from netra.intake import services
from netra.intake.models import Message, Report, ReportStatus
from netra.intake.tests.test_receipt import _running_election
from netra.intake.tests.test_views import (  # noqa: F401 (fixtures)
    NAME,
    _clear_cache,
    follow_in,
    offices,
    receipt_of,
    report_data,
    submit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("offices")]

TOKEN = "Zr4w0Qm8Yt2Ln6Kp1Vx9Bc3Hs7Dj5Fa"


@pytest.fixture
def logged_in(client):
    _running_election()
    receipt = receipt_of(submit(client, report_data()))
    follow_in(client, receipt)
    return Report.objects.get(), receipt


def _timeline(html: str) -> list[tuple[str, str]]:
    block = re.search(r'data-testid="timeline">(.*?)</ol>', html, re.S).group(1)
    return re.findall(r'<li class="tl-(\w+)" data-status="(\w+)"', block)


def test_a_new_report_shows_received_now_and_the_initial_review_deadline(client, logged_in):
    html = client.get(reverse("intake:status")).content.decode()

    assert _timeline(html)[:2] == [("current", "diterima"), ("ahead", "dikaji")]
    due = re.search(r'data-testid="timeline-due">(.*?)</p>', html).group(1)
    assert "kajian awal selesai paling lambat" in due
    assert "WITA" in due
    assert 'data-testid="next-steps"' in html


def test_the_timeline_dates_each_stage_passed_and_names_the_next(client, logged_in):
    report, _receipt = logged_in
    services.reports_status_set(report_ids=[report.pk], status=ReportStatus.IN_REVIEW, closed=False)
    services.reports_status_set(report_ids=[report.pk], status=ReportStatus.REGISTERED, closed=False)

    html = client.get(reverse("intake:status")).content.decode()

    assert _timeline(html) == [
        ("done", "diterima"),
        ("done", "dikaji"),
        ("current", "diregistrasi"),
        ("ahead", "diteruskan"),
        ("ahead", "selesai"),
    ]
    assert html.count("<time>") >= 3  # received, reviewed, registered: each with its date
    due = re.search(r'data-testid="timeline-due">(.*?)</p>', html).group(1)
    assert "pengawas memutuskan paling lambat" in due


def test_a_double_sent_message_is_stored_once(client, logged_in):
    report, _receipt = logged_in
    for _ in range(2):
        client.post(
            reverse("intake:status_message"), {"body": "Saya punya video tambahan.", "form_token": TOKEN}
        )

    assert Message.objects.filter(report=report).count() == 1


def test_a_refused_message_gives_its_token_back(client, logged_in):
    report, _receipt = logged_in
    refused = client.post(reverse("intake:status_message"), {"body": "  ", "form_token": TOKEN})
    client.post(reverse("intake:status_message"), {"body": "Sekarang dengan isi.", "form_token": TOKEN})

    assert refused.status_code == 400
    assert [m.body for m in Message.objects.filter(report=report)] == ["Sekarang dengan isi."]


def test_the_status_page_pdf_has_no_code_and_no_identity(client, logged_in):
    report, receipt = logged_in
    response = client.get(reverse("intake:status_pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert report.reference in text
    assert receipt not in text
    assert NAME not in text


def test_the_status_pdf_needs_the_receipt_login(client):
    response = client.get(reverse("intake:status_pdf"))
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:follow")
