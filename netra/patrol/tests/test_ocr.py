"""OCR of a screenshot this test renders itself (Tesseract with its Indonesian data), and the screenshot's
text screened in the queue."""

import pytest
from django.utils import timezone

from netra.patrol.models import OcrStatus
from netra.patrol.services.capture import CaptureIn, capture_create
from netra.patrol.services.ocr import OcrError, ocr_image
from netra.patrol.tests.fixtures import screenshot

LINES = ["Lurah Fiktif", "Ayo warga, coblos nomor 1 tanggal 27!", "Bersama Bang Andi #AndiBudiMenang"]


def test_ocr_reads_an_indonesian_screenshot():
    text = ocr_image(screenshot(LINES).read())
    assert "Ayo warga, coblos nomor 1 tanggal 27!" in text
    assert "#AndiBudiMenang" in text


def test_ocr_refuses_what_is_not_an_image():
    with pytest.raises(OcrError):
        ocr_image(b"%PDF-1.4 not an image")


@pytest.mark.django_db
def test_a_screenshot_only_capture_is_screened_on_its_ocr_text(
    patrol_world, django_capture_on_commit_callbacks
):
    officer = patrol_world["users"]["bpp_officer"]
    data = CaptureIn(
        url="https://www.tiktok.com/@lurah.fiktif/video/1?_r=1&u_code=abc",
        region_code="64.71",
        election_code="pilkada-uji-kini",
    )
    with django_capture_on_commit_callbacks(execute=True):
        capture = capture_create(actor=officer, data=data, file=screenshot(LINES), now=timezone.now())
    capture.refresh_from_db()
    assert capture.ocr_status == OcrStatus.DONE
    assert "coblos nomor 1" in capture.ocr_text
    item = capture.item
    item.refresh_from_db()
    assert "#AndiBudiMenang" in item.text
    assert item.contestant_key == "pilkada-uji-kini/64.71/1"
    assert {r["kind"] for r in item.reasons} >= {"hashtag"}
    assert item.score > 0.5
