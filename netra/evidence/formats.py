"""Walk the byte structure of JPEG, PNG, GIF and WebP files (where does the image really end?) and strip
metadata from JPEG/PNG bytes without re-encoding them (for images embedded in PDFs and Office files).

Only the standard library: these parsers run on hostile input before any decoder sees it, so they read
through a file object with bounded reads and raise FormatError on anything they do not understand.
"""

import io
import re
import struct
from typing import BinaryIO

from PIL import Image


class FormatError(Exception):
    """The bytes are not a well-formed file of the expected format."""


_SCAN_CHUNK = 1 << 16
# A marker inside JPEG entropy-coded data: 0xFF followed by anything but a stuffed 0x00, a restart marker
# (RST0-7, which lives inside the scan) or another 0xFF fill byte.
_JPEG_MARKER_IN_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _read_exact(f: BinaryIO, n: int) -> bytes:
    data = f.read(n)
    if len(data) != n:
        raise FormatError("truncated")
    return data


def jpeg_end(f: BinaryIO, start: int = 0) -> int:
    """Offset just after the EOI marker of the JPEG stream starting at `start` (segments are walked by
    their lengths, so an embedded EXIF thumbnail's own FFD9 does not end the image)."""
    f.seek(start)
    if f.read(2) != b"\xff\xd8":
        raise FormatError("no SOI")
    pos = start + 2
    while True:
        f.seek(pos)
        if _read_exact(f, 1) != b"\xff":
            raise FormatError("marker expected")
        marker = _read_exact(f, 1)[0]
        while marker == 0xFF:  # fill bytes before a marker
            marker = _read_exact(f, 1)[0]
        pos = f.tell()
        if marker == 0xD9:
            return pos
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # standalone markers
            continue
        (length,) = struct.unpack(">H", _read_exact(f, 2))
        if length < 2:
            raise FormatError("bad segment length")
        pos += length
        if marker == 0xDA:  # start of scan: entropy-coded data runs until the next real marker
            pos = _next_marker_after_scan(f, pos)


def _next_marker_after_scan(f: BinaryIO, pos: int) -> int:
    while True:
        f.seek(pos)
        chunk = f.read(_SCAN_CHUNK)
        if len(chunk) < 2:
            raise FormatError("scan runs past the end of the file")
        match = _JPEG_MARKER_IN_SCAN.search(chunk)
        if match:
            return pos + match.start()
        pos += len(chunk) - 1  # a trailing 0xFF is looked at again with the byte that follows it


def png_end(f: BinaryIO) -> int:
    """Offset just after the IEND chunk."""
    f.seek(0)
    if f.read(8) != b"\x89PNG\r\n\x1a\n":
        raise FormatError("no PNG signature")
    pos = 8
    while True:
        f.seek(pos)
        length, kind = struct.unpack(">I4s", _read_exact(f, 8))
        if length > 0x7FFFFFFF or not kind.isalpha():
            raise FormatError("bad chunk")
        pos += 12 + length
        if kind == b"IEND":
            return pos


def _skip_gif_sub_blocks(f: BinaryIO) -> None:
    while True:
        size = _read_exact(f, 1)[0]
        if size == 0:
            return
        f.seek(size, io.SEEK_CUR)


def gif_end(f: BinaryIO) -> int:
    """Offset just after the GIF trailer (0x3B)."""
    f.seek(0)
    if _read_exact(f, 6) not in (b"GIF87a", b"GIF89a"):
        raise FormatError("no GIF signature")
    packed = _read_exact(f, 7)[4]
    if packed & 0x80:
        f.seek(3 * (2 ** ((packed & 0x07) + 1)), io.SEEK_CUR)
    while True:
        block = _read_exact(f, 1)[0]
        if block == 0x3B:
            return f.tell()
        if block == 0x21:  # extension: label, then data sub-blocks
            _read_exact(f, 1)
            _skip_gif_sub_blocks(f)
        elif block == 0x2C:  # image descriptor, optional local colour table, LZW code size, sub-blocks
            packed = _read_exact(f, 9)[8]
            if packed & 0x80:
                f.seek(3 * (2 ** ((packed & 0x07) + 1)), io.SEEK_CUR)
            _read_exact(f, 1)
            _skip_gif_sub_blocks(f)
        else:
            raise FormatError("unknown GIF block")


def webp_end(f: BinaryIO) -> int:
    """Offset just after the RIFF container (its declared size)."""
    f.seek(0)
    head = _read_exact(f, 12)
    if head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        raise FormatError("no RIFF/WEBP header")
    (size,) = struct.unpack("<I", head[4:8])
    return 8 + size + (size & 1)


IMAGE_END = {"JPEG": jpeg_end, "PNG": png_end, "GIF": gif_end, "WEBP": webp_end}


# --- metadata stripping without re-encoding ------------------------------------------------------------

# APP0 (JFIF) and APP14 (Adobe: how to read CMYK/YCCK) say how to decode the pixels; every other APPn
# (EXIF, XMP, ICC, MPF, IPTC/Photoshop, maker data) and COM segments are metadata.
_JPEG_KEEP_MARKERS = {0xE0, 0xEE}


def _jpeg_segment_label(marker: int, payload: bytes) -> str:
    if marker == 0xFE:
        return "komentar"
    if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
        return "EXIF (termasuk lokasi GPS)" if exif_has_gps(payload[6:]) else "EXIF"
    if marker == 0xE1 and payload.startswith(b"http://ns.adobe.com/"):
        return "XMP"
    if marker == 0xE2 and payload.startswith(b"ICC_PROFILE"):
        return "profil warna ICC"
    if marker == 0xE2 and payload.startswith(b"MPF"):
        return "gambar tambahan (MPF)"
    if marker == 0xED:
        return "IPTC/Photoshop"
    return f"APP{marker - 0xE0}"


def exif_has_gps(tiff: bytes) -> bool:
    try:
        exif = Image.Exif()
        exif.load(tiff)
        return bool(exif.get_ifd(0x8825))
    except Exception:  # unreadable EXIF: only the more precise label is lost
        return False


def jpeg_strip_metadata(data: bytes) -> tuple[bytes, list[str]]:
    """The same JPEG without metadata segments and without anything after its EOI (pixels untouched)."""
    end = jpeg_end(io.BytesIO(data))
    out = bytearray(b"\xff\xd8")
    removed: list[str] = []
    pos = 2
    while pos < end:
        if data[pos] != 0xFF:
            raise FormatError("marker expected")
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0xDA or marker == 0xD9:  # the rest (scans, tables between them, EOI) is image data
            out += data[pos:end]
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += data[pos : pos + 2]
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment = data[pos : pos + 2 + length]
        if (0xE0 <= marker <= 0xEF and marker not in _JPEG_KEEP_MARKERS) or marker == 0xFE:
            label = _jpeg_segment_label(marker, segment[4:])
            if label not in removed:
                removed.append(label)
        else:
            out += segment
        pos += 2 + length
    if end < len(data):
        removed.append("data setelah akhir gambar")
    return bytes(out), removed


# Chunks that say how to draw the pixels (and APNG animation); text, EXIF, ICC, time stamps and private
# chunks are dropped.
_PNG_KEEP_CHUNKS = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"bKGD", b"pHYs",
    b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip
_PNG_LABELS = {
    b"tEXt": "teks PNG",
    b"zTXt": "teks PNG",
    b"iTXt": "teks PNG",
    b"eXIf": "EXIF",
    b"iCCP": "profil warna ICC",
    b"tIME": "waktu pembuatan",
}


def png_strip_metadata(data: bytes) -> tuple[bytes, list[str]]:
    end = png_end(io.BytesIO(data))
    out = bytearray(data[:8])
    removed: list[str] = []
    pos = 8
    while pos < end:
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos : pos + 12 + length]
        if kind in _PNG_KEEP_CHUNKS:
            out += chunk
        else:
            label = _PNG_LABELS.get(kind, kind.decode("latin-1"))
            if kind == b"iTXt" and chunk[8:].startswith(b"XML:com.adobe.xmp"):
                label = "XMP"
            if label not in removed:
                removed.append(label)
        pos += 12 + length
    if end < len(data):
        removed.append("data setelah akhir gambar")
    return bytes(out), removed
