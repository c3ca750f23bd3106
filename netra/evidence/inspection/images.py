"""Images: walked to their real end (no appended payload), then fully decoded with a pixel limit."""

from typing import BinaryIO

from django.utils.translation import gettext as _
from PIL import Image

from netra.evidence.formats import IMAGE_END, FormatError, jpeg_end
from netra.evidence.inspection.common import MiB, Refusal, hidden

# Images (Pillow's own default limit is ~89 MP; a phone photo is 12-50 MP).
MAX_IMAGE_PIXELS = 60_000_000
MAX_ANIMATION_FRAMES = 1000
MAX_ANIMATION_PIXELS = 4 * MAX_IMAGE_PIXELS
# After an image's end marker: a few bytes of anything, or up to 1 MiB of 0x00/0xFF padding.
TRAILING_SLACK = 16
TRAILING_PADDING_MAX = MiB


def _starts_with(f: BinaryIO, offset: int, prefix: bytes) -> bool:
    f.seek(offset)
    return f.read(len(prefix)) == prefix


def _camera_trailer(f: BinaryIO, end: int, size: int) -> bool:
    """Data phones append to their own JPEGs: a Motion Photo's video (an MP4, `ftyp` box first; Google
    and Samsung "motion photos") or Samsung's SEF trailer (ends with "SEFT"). Accepted: refusing them
    would refuse photos straight from many phones. The whole file is still scanned for archive and
    executable signatures, and the display copy is redrawn from pixels, so the trailer never reaches it."""
    f.seek(end)
    head = f.read(12)
    if len(head) >= 8 and head[4:8] == b"ftyp":
        return True
    f.seek(size - 4)
    return f.read(4) == b"SEFT"


def check_image(f: BinaryIO, *, fmt: str, size: int) -> None:
    from netra.evidence.decoding import pixels_reserved

    damaged = Refusal(_("gambar rusak atau tidak dapat dibaca."), "damaged")
    try:
        end = IMAGE_END[fmt](f)
        if fmt == "JPEG":  # a multi-picture (MPF) JPEG is a run of complete JPEG streams
            while _starts_with(f, end, b"\xff\xd8"):
                end = jpeg_end(f, end)
    except FormatError as exc:
        raise damaged from exc
    if end > size:
        raise damaged
    extra = size - end
    if extra > TRAILING_SLACK and not (fmt == "JPEG" and _camera_trailer(f, end, size)):
        f.seek(end)
        rest = f.read(min(extra, TRAILING_PADDING_MAX + 1))
        if extra > TRAILING_PADDING_MAX or (rest.strip(b"\x00") and rest.strip(b"\xff")):
            raise hidden(_("data tambahan yang tidak dikenal setelah akhir gambar"))
    too_big = Refusal(
        _("gambar terlalu besar (lebih dari %(mp)s megapiksel).") % {"mp": MAX_IMAGE_PIXELS // 1_000_000},
        "image-too-large",
    )
    f.seek(0)
    try:
        with Image.open(f, formats=[fmt]) as im:
            width, height = im.size
            if width * height > MAX_IMAGE_PIXELS:
                raise too_big
            frames = getattr(im, "n_frames", 1)
            if frames > MAX_ANIMATION_FRAMES or frames * width * height > MAX_ANIMATION_PIXELS:
                raise too_big
            with pixels_reserved(width * height):  # one frame buffer at a time (netra.evidence.decoding)
                for index in range(frames):
                    im.seek(index)
                    im.load()
    except Refusal:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_big from exc
    except Exception as exc:  # Pillow raises many kinds of errors on hostile input: all mean "unreadable"
        raise damaged from exc
