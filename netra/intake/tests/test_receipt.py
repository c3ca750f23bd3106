"""The public forms after sending (issue 14): post/redirect/get, the one-time form token, every error at
once, the receipt's next steps, the receipt PDF, and the contacts and privacy pages."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from netra.elections.tests.factories import ElectionFactory, ElectionStageFactory
from netra.intake.models import Report
from netra.intake.tests.test_views import (  # noqa: F401 (fixtures)
    NAME,
    NIK,
    _clear_cache,
    offices,
    png,
    receipt_of,
    report_data,
    submit,
    tip_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("offices")]

TOKEN = "k8T2cQ0pV9xL4mZ7aR1sE6uY3wB5nH0d"


def test_refreshing_the_receipt_page_files_nothing_and_shows_the_same_code(client):
    first = submit(client, report_data(form_token=TOKEN), files=[png()])
    again = client.get(reverse("intake:receipt"))

    assert first.redirect_chain == [(reverse("intake:receipt"), 302)]
    assert receipt_of(again) == receipt_of(first)
    assert Report.objects.count() == 1
    assert "no-store" in again["Cache-Control"]


def test_a_double_submit_with_one_token_files_one_report(client):
    first = submit(client, report_data(form_token=TOKEN), files=[png()])
    second = submit(client, report_data(form_token=TOKEN), files=[png()])  # the double click

    assert Report.objects.count() == 1
    assert receipt_of(second) == receipt_of(first)


def test_a_double_submit_from_another_browser_session_still_files_once(client):
    from django.test import Client

    first = submit(client, report_data(form_token=TOKEN), files=[png()])
    other = Client()  # the second request lost the session cookie (a retry by a flaky connection)
    second = submit(other, report_data(form_token=TOKEN), files=[png()])

    assert Report.objects.count() == 1
    assert receipt_of(second) == receipt_of(first)  # the token alone opens the sealed receipt


def test_a_reused_token_with_other_content_keeps_both_and_asks_again(client):
    submit(client, report_data(form_token=TOKEN), files=[png()])
    other = submit(client, report_data(form_token=TOKEN, incident_place="Balai desa lain"))

    assert other.status_code == 409
    html = other.content.decode()
    assert "sudah pernah terkirim dengan isi yang berbeda" in html
    assert 'value="Balai desa lain"' in html  # nothing typed is lost
    new_token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    assert new_token != TOKEN
    submit(client, report_data(form_token=new_token, incident_place="Balai desa lain"))
    assert Report.objects.count() == 2


def test_the_form_carries_a_fresh_one_time_token(client):
    tokens = {
        re.search(r'name="form_token" value="([^"]+)"', client.get(reverse(name)).content.decode()).group(1)
        for name in ("intake:report", "intake:report", "intake:tip")
    }
    assert len(tokens) == 3


def test_the_receipt_is_forgotten_on_request_and_after_its_time(client, settings):
    submit(client, report_data(), files=[png()])
    client.post(reverse("intake:receipt_done"))
    gone = client.get(reverse("intake:receipt")).content.decode()
    assert "Tanda terima tidak ditampilkan lagi" in gone
    assert 'data-testid="receipt"' not in gone

    settings.NETRA_RECEIPT_SHOW_MINUTES = 30
    submit(client, report_data(incident_place="Tempat lain"), files=[png()])
    import time_machine

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31)):
        html = client.get(reverse("intake:receipt")).content.decode()
    assert "Tanda terima tidak ditampilkan lagi" in html
    assert Report.objects.count() == 2  # the reports stay, of course


def test_every_error_shows_at_once_a_refused_file_included(client):
    fake = SimpleUploadedFile("foto.png", b"#!/bin/sh\necho bukan gambar\n", content_type="image/png")
    response = submit(client, report_data(description="", reporter_nik="123"), files=[fake])

    assert response.status_code == 400
    errors = response.context["forms"].main.errors
    assert {"description", "reporter_nik", "files"} <= set(errors)
    assert not Report.objects.exists()


def test_a_service_error_and_a_refused_file_show_together(client):
    today = timezone.localdate()
    fake = SimpleUploadedFile("foto.png", b"#!/bin/sh\necho bukan gambar\n", content_type="image/png")
    response = submit(
        client,
        report_data(
            incident_date=(today - dt.timedelta(days=1)).isoformat(),
            known_date=(today - dt.timedelta(days=3)).isoformat(),
        ),
        files=[fake],
    )

    assert response.status_code == 400
    errors = response.context["forms"].main.errors
    assert errors["known_date"] == ["Tanggal diketahui tidak boleh sebelum tanggal kejadian."]
    assert errors["files"]


def _running_election():
    today = timezone.localdate()
    election = ElectionFactory(code="pilkada-uji", voting_day=today + dt.timedelta(days=20))
    ElectionStageFactory(
        election=election, starts_on=today - dt.timedelta(days=40), ends_on=today + dt.timedelta(days=16)
    )
    return election


def test_a_timely_report_is_told_each_next_step_with_dates_in_the_office_zone(client):
    _running_election()
    html = submit(client, report_data(link_1="", statement_of_truth=None)).content.decode()

    steps = re.search(r'data-testid="next-steps">(.*?)</ol>', html, re.S).group(1)
    assert "Kajian awal" in steps
    assert "Paling lambat" in steps
    assert "WITA" in steps  # Balikpapan's zone
    assert "Melengkapi syarat" in steps
    assert "hari untuk melengkapinya" in steps
    assert "secepatnya" not in html
    assert "dalam waktu yang ditentukan" not in html


def test_a_late_report_is_told_the_window_cannot_be_extended_and_not_to_hurry(client):
    _running_election()
    late = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    html = submit(client, report_data(incident_date=late, known_date=late)).content.decode()

    steps = re.search(r'data-testid="next-steps">(.*?)</ol>', html, re.S).group(1)
    assert "Terlambat disampaikan" in steps
    assert "tidak dapat diperpanjang" in steps
    assert "Anda tidak perlu mengirim ulang" in steps
    assert "secepatnya" not in html


def test_a_tip_is_told_it_needs_nothing_more_and_how_to_report_formally(client):
    _running_election()
    data = tip_data(known_date=(timezone.localdate() - dt.timedelta(days=1)).isoformat())
    html = submit(client, data, url_name="intake:tip").content.decode()

    steps = re.search(r'data-testid="next-steps">(.*?)</ol>', html, re.S).group(1)
    assert "Tidak ada yang wajib Anda lengkapi" in steps
    assert "Ingin menjadi pelapor resmi?" in steps
    assert "Untuk kejadian ini: paling lambat" in steps
    assert "Yang perlu dilengkapi" not in html  # a tip has nothing it must complete
    assert "laporan dapat tidak diregistrasi" not in html


def test_the_receipt_pdf_has_the_code_and_next_steps_but_no_identity(client):
    first = submit(client, report_data(), files=[png()])
    code = receipt_of(first)
    response = client.get(reverse("intake:receipt_pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    report = Report.objects.get()
    assert code in text
    assert report.reference in text
    assert "Kajian awal" in text
    for private in (NAME, NIK, "Lurah Manggar", "Rina Wati", "WhatsApp warga"):
        assert private not in text


def test_the_receipt_pdf_needs_the_receipt_in_this_browser(client):
    response = client.get(reverse("intake:receipt_pdf"))
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:receipt")


def test_contacts_page_lists_offices_with_their_details(client, request):
    agencies = request.getfixturevalue("offices")
    agencies["bpp"].email = "bpp@bawaslu.go.id"
    agencies["bpp"].address = "Jl. Jenderal Sudirman 1, Balikpapan"
    agencies["bpp"].save()

    national = client.get(reverse("intake:contacts")).content.decode()
    kaltim = client.get(reverse("intake:contacts"), {"provinsi": "64"}).content.decode()
    bogus = client.get(reverse("intake:contacts"), {"provinsi": "<script>"})

    assert "Bawaslu RI" in national
    assert "Bawaslu Kota Balikpapan" in kaltim
    assert "bpp@bawaslu.go.id" in kaltim
    assert "Purbalingga" not in kaltim
    assert bogus.status_code == 200


def test_privacy_page_explains_what_is_kept_and_how_anonymity_can_be_lost(client):
    html = client.get(reverse("intake:privacy")).content.decode()
    for heading in (
        "Apa yang disimpan",
        "Siapa yang dapat melihatnya",
        "Metadata berkas",
        "Bagaimana anonimitas dapat hilang",
        "Saran aman bagi pengirim informasi",
    ):
        assert heading in html


def test_a_report_without_an_office_still_gets_its_receipt_page(client, settings):
    """No Bawaslu office covers the region (not even Bawaslu RI): the receipt still shows (WIB)."""
    from netra.agencies.models import Agency

    Agency.objects.update(is_active=False)
    html = submit(client, report_data(), files=[png()]).content.decode()
    assert Report.objects.get().office is None
    assert 'data-testid="receipt"' in html
    assert client.get(reverse("intake:receipt_pdf")).status_code == 200


def test_the_error_summary_links_to_each_field_without_javascript(client):
    html = submit(client, report_data(description="", reporter_nik="123")).content.decode()

    summary = re.search(r'data-testid="error-summary">(.*?)</div>', html, re.S).group(1)
    assert "Ada 2 isian yang perlu diperbaiki" in summary
    assert 'href="#id_description"' in summary
    assert 'href="#id_reporter_nik"' in summary
    assert 'id="id_description"' in html  # the anchors exist on the page
