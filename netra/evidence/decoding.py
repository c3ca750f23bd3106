"""A budget of decoded pixels per process, so concurrent images cannot exhaust memory (issue 13).

A 57 KB PNG can declare 59 megapixels: decoding it takes ~180 MB, and eight at once took half a GiB
more per worker. Each image is refused above MAX_IMAGE_PIXELS (inspection.images; Pillow's own
MAX_IMAGE_PIXELS is set to the same number in EvidenceConfig.ready, so no other code path decodes a
bigger one), and every decode in this process first takes its pixels from one shared budget
(NETRA_DECODE_PIXEL_BUDGET, default two maximum-size images): an image waits while others are being
decoded, up to NETRA_DECODE_WAIT_SECONDS, and is then refused with "try again" rather than decoded
beyond the budget.
"""

import contextlib
import threading
from collections.abc import Iterator

from django.conf import settings
from django.utils.translation import gettext as _

from netra.evidence.inspection.common import Refusal

_condition = threading.Condition()
_in_use = 0


def budget() -> int:
    return settings.NETRA_DECODE_PIXEL_BUDGET


def in_use() -> int:
    return _in_use


@contextlib.contextmanager
def pixels_reserved(pixels: int) -> Iterator[None]:
    """Hold `pixels` of the process's decoding budget for the duration of the block."""
    global _in_use
    if pixels > budget():
        raise Refusal(
            _("gambar terlalu besar untuk diproses (%(mp)s megapiksel).") % {"mp": pixels // 1_000_000},
            "image-too-large",
        )
    with _condition:
        if not _condition.wait_for(
            lambda: _in_use + pixels <= budget(), timeout=settings.NETRA_DECODE_WAIT_SECONDS
        ):
            raise Refusal(
                _("server sedang memproses banyak gambar. Silakan kirim ulang beberapa saat lagi."), "busy"
            )
        _in_use += pixels
    try:
        yield
    finally:
        with _condition:
            _in_use -= pixels
            _condition.notify_all()
