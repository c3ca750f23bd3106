"""What every check shares: the allowed types, refusals and their Indonesian reasons."""

from django.utils.translation import gettext as _

MiB = 1024 * 1024

IMAGE_TYPES = {  # libmagic MIME -> (Pillow format, extension)
    "image/jpeg": ("JPEG", ".jpg"),
    "image/png": ("PNG", ".png"),
    "image/webp": ("WEBP", ".webp"),
    "image/gif": ("GIF", ".gif"),
}
VIDEO_TYPES = {"video/mp4": ".mp4", "video/quicktime": ".mov", "video/webm": ".webm", "video/3gpp": ".3gp"}
OOXML_TYPES = {  # first folder of the package -> (MIME, extension)
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
}
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
    "application/vnd.oasis.opendocument.graphics": ".odg",
}
OLE_TYPES = {  # directory entry name -> (MIME, extension), in order of preference
    "WordDocument": ("application/msword", ".doc"),
    "PowerPoint Document": ("application/vnd.ms-powerpoint", ".ppt"),
    "Workbook": ("application/vnd.ms-excel", ".xls"),
    "Book": ("application/vnd.ms-excel", ".xls"),
}
EXTENSION_BY_MIME = {
    **{mime: ext for mime, (_fmt, ext) in IMAGE_TYPES.items()},
    "application/pdf": ".pdf",
    **VIDEO_TYPES,
    **ODF_TYPES,
    **dict(OOXML_TYPES.values()),
    **dict(OLE_TYPES.values()),
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_REFUSED_MIMES = {"application/x-msi"}  # Windows installers are OLE files too
ZIP_MAGIC = b"PK\x03\x04"

NESTED_ARCHIVE_SUFFIXES = (
    ".zip", ".jar", ".apk", ".rar", ".7z", ".gz", ".tgz", ".bz2", ".xz", ".cab", ".iso",
    ".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".pptm", ".odt", ".ods", ".odp",
)  # fmt: skip
PROGRAM_SUFFIXES = (
    ".exe", ".dll", ".scr", ".com", ".bat", ".cmd", ".ps1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".hta",
    ".msi", ".class", ".dex", ".so", ".sh", ".lnk",
)  # fmt: skip


class Refusal(Exception):
    """Why a file is refused (Indonesian, shown to the reporter) and a stable machine code."""

    def __init__(self, reason: str, code: str):
        super().__init__(reason)
        self.reason = reason
        self.code = code


def refuse_type(detected: str) -> Refusal:
    return Refusal(
        _("isinya bukan gambar, PDF, video atau dokumen kantor yang diizinkan (jenis terdeteksi: %(type)s).")
        % {"type": detected},
        "type",
    )


def hidden(what: str) -> Refusal:
    return Refusal(
        _(
            "berkas berisi konten tersembunyi (%(what)s). Kirim tangkapan layarnya, atau simpan ulang "
            "berkas itu (misalnya Edit lalu Simpan di aplikasi galeri) dan unggah lagi."
        )
        % {"what": what},
        "hidden-content",
    )


def bomb(detail: str) -> Refusal:
    return Refusal(_("berkas terkompresi tidak wajar (%(detail)s).") % {"detail": detail}, "zip-bomb")


def macro() -> Refusal:
    return Refusal(
        _("dokumen berisi makro. Simpan ulang tanpa makro (misalnya .docx atau .xlsx) atau sebagai PDF."),
        "macro",
    )


def human_size(n: int) -> str:
    if n >= MiB:
        mb = n / MiB
        return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB".replace(".", ",")
    return f"{max(n // 1024, 1)} KB"
