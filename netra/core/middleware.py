"""Request id: one id per request, echoed in the X-Request-ID header, written to logs and audit rows."""

import contextvars
import logging
import re
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("netra_request_id", default="-")
_VALID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID.match(incoming) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        request.request_id = request_id
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request_id = current_request_id()
        if request_id == "-":
            # django.request logs a 4xx/5xx after the middleware chain has returned: its record carries
            # the request, which carries the id.
            request_id = getattr(getattr(record, "request", None), "request_id", "-")
        record.request_id = request_id
        return True


class IndonesianFirstMiddleware:
    """Bahasa Indonesia unless the person chose another language (the language cookie or selector).

    Many phones in Indonesia are set to English; the browser's Accept-Language must not switch a
    government service away from Indonesian. Runs before LocaleMiddleware, which then sees only the
    explicit choice (cookie) or falls back to LANGUAGE_CODE ("id").
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class MalformedRequestMiddleware:
    """Refuse, with a clear 400, requests that no view can read instead of failing deep inside one:
    a NUL byte in the path or a query parameter (PostgreSQL rejects NUL in text, so any filter on it
    raised a 500), and a multipart body without its boundary (the parser raised a 500). Runs before
    anything reads the body (CSRF, sessions). API paths answer with problem details, pages with the
    site's own error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = self._refusal(request)
        if reason:
            return malformed_response(request, reason)
        return self.get_response(request)

    @staticmethod
    def _refusal(request) -> str:
        from django.utils.translation import gettext as _

        if "\x00" in request.path or any("\x00" in k or "\x00" in v for k, v in request.GET.items()):
            return _("Alamat atau parameter berisi karakter yang tidak sah (NUL).")
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.lower().startswith("multipart/") and "boundary=" not in content_type.lower():
            return _("Isi permintaan multipart tidak memiliki batas (boundary).")
        if _is_json(content_type) and not _body_is_utf8(request):
            return _("Isi permintaan JSON harus berupa teks UTF-8 yang sah.")
        if _is_json(content_type) and _json_has_nul(request):
            return _("Isi permintaan JSON berisi karakter yang tidak sah (NUL).")
        return ""


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def _body_is_utf8(request) -> bool:
    """JSON is UTF-8 (RFC 8259 §8.1). Invalid bytes made the validation error itself unprintable (a 500).
    A body over the size limit is left for the view, which answers 413."""
    from django.core.exceptions import RequestDataTooBig

    try:
        request.body.decode("utf-8")
    except RequestDataTooBig:
        return True
    except UnicodeDecodeError:
        return False
    return True


def _json_has_nul(request) -> bool:
    """A NUL character in any JSON string (escaped as \\u0000): PostgreSQL refuses it in text, so any
    field that reaches a query or a row failed with a 500 (schemathesis found it in `election_code`).
    Parsed only when the escape appears at all; an unparsable body is left for the view (422)."""
    import json

    from django.core.exceptions import RequestDataTooBig

    try:
        text = request.body.decode("utf-8")
    except (RequestDataTooBig, UnicodeDecodeError):
        return False
    if "\\u0000" not in text.lower():
        return False
    try:
        data = json.loads(text)
    except ValueError:
        return False
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def malformed_response(request, reason: str):
    import json

    from django.http import HttpResponse
    from django.shortcuts import render

    from netra.core.api import PROBLEM_CONTENT_TYPE, problem_body

    if request.path.startswith("/api/"):
        body = problem_body(request, status=400, code="malformed-request", title=reason)
        return HttpResponse(json.dumps(body), status=400, content_type=PROBLEM_CONTENT_TYPE)
    return render(request, "400.html", {"reason": reason}, status=400)
