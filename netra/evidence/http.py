"""The HTTP response that hands out an evidence file opened by `evidence_open` (or a caller above it)."""

from django.http import FileResponse


def evidence_file_response(handle, name: str, *, as_attachment: bool = False) -> FileResponse:
    """Stream an opened evidence file. Never cached; the browser sniffs nothing; unless it is a PDF
    shown inline, it runs nothing in Netra's origin (Chrome will not show a PDF in a sandboxed document;
    PDFs with active content are refused at intake and rebuilt for display)."""
    response = FileResponse(handle, as_attachment=as_attachment, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if as_attachment or not name.endswith(".pdf"):
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'"
    return response
