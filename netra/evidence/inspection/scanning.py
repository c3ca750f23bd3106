"""One pass over the body: hidden programs and archives (polyglots), risky PDF names, OLE directory names."""

import re
import struct

from django.utils.translation import gettext as _

from netra.evidence.inspection.common import OLE_TYPES, ZIP_MAGIC

_ZIP_METHODS = {0, 1, 6, 8, 9, 12, 14, 93, 95, 98, 99}
_PDF_NAME = re.compile(rb"/([^\s()<>\[\]{}/%\x00]{6,127})")
_PDF_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_RISKY_LONG_NAMES = {b"JavaScript", b"Launch", b"EmbeddedFile", b"EmbeddedFiles", b"RichMedia"}
_OLE_NAMES = {
    name: (name + "\x00").encode("utf-16-le") for name in [*OLE_TYPES, "_VBA_PROJECT", "\x01Ole10Native"]
}


def find_program(window: bytes) -> str | None:
    """A Windows (MZ header pointing at a PE header) or Linux (ELF header) program inside `window`."""
    for match in re.finditer(rb"MZ", window):
        i = match.start()
        if i + 0x40 > len(window):
            continue
        (e_lfanew,) = struct.unpack_from("<I", window, i + 0x3C)
        if 0x40 <= e_lfanew <= 0x1000 and window[i + e_lfanew : i + e_lfanew + 4] == b"PE\x00\x00":
            return _("program Windows")
    if re.search(rb"\x7fELF[\x01\x02][\x01\x02]\x01", window):
        return _("program Linux")
    return None


def find_archive(window: bytes) -> str | None:
    """A ZIP local file header (checked field by field, not just its 4-byte signature), RAR or 7z."""
    for match in re.finditer(re.escape(ZIP_MAGIC), window):
        i = match.start()
        if i + 30 > len(window):
            continue
        version, _flags, method = struct.unpack_from("<HHH", window, i + 4)
        (name_len,) = struct.unpack_from("<H", window, i + 26)
        if version > 63 or method not in _ZIP_METHODS or not 1 <= name_len <= 1024:
            continue
        name = window[i + 30 : i + 30 + name_len]
        if len(name) == name_len and all(0x20 <= b != 0x7F for b in name):
            return _("arsip ZIP")
    if b"Rar!\x1a\x07" in window:
        return _("arsip RAR")
    if b"7z\xbc\xaf\x27\x1c" in window:
        return _("arsip 7z")
    return None


class BodyScanner:
    """Looks for hidden programs/archives (and PDF or OLE names) across chunk boundaries."""

    TAIL = 8192  # longer than any structure checked above (an MZ header's PE offset is <= 4 KiB)

    def __init__(self, *, archives: bool, pdf: bool = False, ole: bool = False):
        self.archives, self.pdf, self.ole = archives, pdf, ole
        self.tail = b""
        self.tail_offset = 0  # absolute offset of self.tail[0]
        self.hidden: str | None = None
        self.pdf_names: set[bytes] = set()
        self.ole_names: set[str] = set()

    def feed(self, chunk: bytes) -> None:
        window = self.tail + chunk
        if self.hidden is None:
            self.hidden = find_program(window) or (find_archive(window) if self.archives else None)
        if self.pdf:
            for match in _PDF_NAME.finditer(window):
                name = _PDF_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
                if name in _PDF_RISKY_LONG_NAMES:
                    self.pdf_names.add(name)
        if self.ole:
            self._ole_directory_names(window)
        keep = window[-self.TAIL :]
        self.tail_offset += len(window) - len(keep)
        self.tail = keep

    def _ole_directory_names(self, window: bytes) -> None:
        # A directory entry is 128 bytes, 128-aligned in the file: name (UTF-16LE, NUL-terminated, 64
        # bytes), then its byte length (incl. NUL) and the entry type (1 storage, 2 stream).
        for name, encoded in _OLE_NAMES.items():
            start = 0
            while (i := window.find(encoded, start)) != -1:
                start = i + 1
                if (self.tail_offset + i) % 128 or i + 67 > len(window):
                    continue
                if struct.unpack_from("<H", window, i + 64)[0] == len(encoded) and window[i + 66] in (1, 2):
                    self.ole_names.add(name)
