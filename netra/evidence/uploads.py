"""The upload size limit, enforced while the body streams in (issue 13).

Django spools an uploaded file to memory or disk in full before any view sees it; the evidence check then
refused a file over NETRA_UPLOAD_MAX_BYTES only after a 200 MiB body had been read and written. This
handler (first in FILE_UPLOAD_HANDLERS) counts each file's bytes as they arrive and stops the upload as
soon as one passes the limit, and refuses at once a body whose declared length could not fit the form
(NETRA_UPLOAD_MAX_FILES files of the maximum size plus the other fields). The request then ends in a
413: problem details on the API, a page saying the limit in Indonesian elsewhere (netra.core.errors).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _


class UploadTooLarge(RequestDataTooBig):
    """A file (or the whole body) is over the upload limit; `message` says which limit, for people."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def file_limit_message() -> str:
    return _("Berkas terlalu besar: setiap berkas paling besar %(mb)s MB.") % {
        "mb": settings.NETRA_UPLOAD_MAX_BYTES // (1024 * 1024)
    }


def body_limit() -> int:
    return (
        settings.NETRA_UPLOAD_MAX_FILES * settings.NETRA_UPLOAD_MAX_BYTES
        + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    )


class LimitedUploadHandler(FileUploadHandler):
    """Passes every chunk on unchanged to the next handler, counting; raises past the limit."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > body_limit():
            raise UploadTooLarge(
                _("Isi kiriman terlalu besar: paling banyak %(n)s berkas, masing-masing %(mb)s MB.")
                % {
                    "n": settings.NETRA_UPLOAD_MAX_FILES,
                    "mb": settings.NETRA_UPLOAD_MAX_BYTES // (1024 * 1024),
                }
            )

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.NETRA_UPLOAD_MAX_BYTES:
            raise UploadTooLarge(file_limit_message())
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file
