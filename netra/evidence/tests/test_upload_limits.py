"""Upload limits enforced while streaming, and a budget of decoded pixels (issue 13 item 6).

Real bodies through Django's WSGI handler (a stream that counts what was read), real PNGs generated with
huge dimensions, real threads decoding at once.
"""

import io
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
from PIL import Image

from netra.evidence import decoding
from netra.evidence.services.files import EvidenceRejected, evidence_check

MiB = 1024 * 1024


class CountingStream:
    """A request body that is produced as it is read (so 200 MiB need not exist) and counts the bytes."""

    def __init__(self, head: bytes, filler: int, tail: bytes):
        self.parts = [io.BytesIO(head)]
        self.filler_left = filler
        self.tail = io.BytesIO(tail)
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        size = 64 * 1024 if size is None or size < 0 else size
        out = self.parts[0].read(size)
        if not out and self.filler_left:
            n = min(size, self.filler_left)
            self.filler_left -= n
            out = b"\0" * n
        if not out:
            out = self.tail.read(size)
        self.read_bytes += len(out)
        return out

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def _multipart(file_size: int, content: bytes = b"") -> tuple[CountingStream, int, str]:
    boundary = "netraBoundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n'
        '{"description": "Camat membagikan unggahan kampanye.", "incident_region_code": "64.71.05"}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="besar.png"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode()
    head += content
    tail = f"\r\n--{boundary}--\r\n".encode()
    return CountingStream(head, file_size, tail), len(head) + file_size + len(tail), boundary


def _call(
    stream: CountingStream, length: int, boundary: str, path: str = "/api/v1/tips"
) -> tuple[str, bytes]:
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "wsgi.url_scheme": "http",
        "wsgi.input": stream,
        "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
        "CONTENT_LENGTH": str(length),
        "REMOTE_ADDR": "127.0.0.1",
    }
    status = []
    body = b"".join(WSGIHandler()(environ, lambda s, headers, exc_info=None: status.append(s)))
    return status[0], body


@pytest.fixture
def direct_wsgi(db):
    """Requests sent straight to Django's handler inside the test's transaction: its request_finished
    signal would close the test's connection (the test client disconnects it the same way)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def small_limit(settings):
    settings.NETRA_UPLOAD_MAX_BYTES = 1 * MiB
    settings.NETRA_UPLOAD_MAX_FILES = 2
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MiB


def test_an_oversized_file_is_stopped_while_streaming(small_limit, direct_wsgi):
    """A 2.5 MiB file against a 1 MiB limit: refused with 413 after reading little more than the limit
    (Django alone spooled the whole body first)."""
    stream, length, boundary = _multipart(5 * MiB // 2)
    assert length < 2 * MiB + 1 * MiB  # under the whole-body limit: the per-file check refuses it
    status, body = _call(stream, length, boundary)
    assert status.startswith("413"), status
    assert b"Berkas terlalu besar" in body
    assert stream.read_bytes < 1 * MiB + 256 * 1024, stream.read_bytes


def test_a_200_mib_body_is_refused_before_reading_it(small_limit, direct_wsgi):
    stream, length, boundary = _multipart(200 * MiB)
    status, body = _call(stream, length, boundary)
    assert status.startswith("413"), status
    assert b"paling banyak 2 berkas" in body
    assert stream.read_bytes == 0


@pytest.mark.django_db
def test_the_public_form_says_the_limit_in_indonesian(small_limit):
    big = SimpleUploadedFile("video.mp4", b"\0" * (2 * MiB), content_type="video/mp4")
    response = Client(raise_request_exception=False).post(
        "/lapor/informasi/", {"description": "Camat berkampanye.", "files": [big]}
    )
    assert response.status_code == 413
    assert "Berkas terlalu besar: setiap berkas paling besar 1 MB." in response.content.decode()


def test_a_file_under_the_limit_still_arrives(small_limit, direct_wsgi, world):
    stream, length, boundary = _multipart(0, content=_png(64, 64))
    status, body = _call(stream, length, boundary)
    assert status.startswith("201"), (status, body)
    assert stream.read_bytes == length


# --- decoded pixels ------------------------------------------------------------------------------------


def _png(width: int, height: int) -> bytes:
    """A real PNG with huge dimensions and a tiny file (1-bit, all black: compresses to kilobytes)."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def _check(data: bytes):
    return evidence_check(uploaded_file=SimpleUploadedFile("foto.png", data, content_type="image/png"))


def test_pillow_refuses_bombs_everywhere_in_the_process():
    assert Image.MAX_IMAGE_PIXELS == 60_000_000
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(_png(11_000, 11_000)))


def test_a_decompression_bomb_is_refused_with_a_clear_indonesian_error():
    data = _png(10_000, 10_000)  # 100 megapixels in a few kilobytes
    assert len(data) < 200_000
    with pytest.raises(EvidenceRejected) as refused:
        _check(data)
    assert "gambar terlalu besar (lebih dari 60 megapiksel)" in refused.value.message


def test_an_image_bigger_than_the_budget_is_refused(settings):
    settings.NETRA_DECODE_PIXEL_BUDGET = 1_000_000
    with pytest.raises(EvidenceRejected) as refused:
        _check(_png(2_000, 1_000))
    assert "terlalu besar untuk diproses" in refused.value.message


def test_concurrent_decodes_stay_within_the_budget(settings):
    """Four 12-megapixel PNGs at once with a budget of 25 megapixels: at most two decode together, all
    four pass, and the budget is never exceeded (sampled while they run)."""
    settings.NETRA_DECODE_PIXEL_BUDGET = 25_000_000
    settings.NETRA_DECODE_WAIT_SECONDS = 60
    data = _png(4_000, 3_000)
    peak, results, done = [0], [], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], decoding.in_use())
            time.sleep(0.001)

    def decode():
        results.append(_check(data).kind)

    sampler = threading.Thread(target=sample)
    sampler.start()
    workers = [threading.Thread(target=decode) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    done.set()
    sampler.join()
    assert results == ["image"] * 4
    assert 12_000_000 <= peak[0] <= 24_000_000
    assert decoding.in_use() == 0


def test_a_decode_that_cannot_get_its_pixels_in_time_asks_to_try_again(settings):
    settings.NETRA_DECODE_PIXEL_BUDGET = 25_000_000
    settings.NETRA_DECODE_WAIT_SECONDS = 0.2
    with decoding.pixels_reserved(20_000_000), pytest.raises(EvidenceRejected) as refused:
        _check(_png(4_000, 3_000))
    assert "Silakan kirim ulang beberapa saat lagi" in refused.value.message
    assert _check(_png(4_000, 3_000)).kind == "image"  # released: it goes through
