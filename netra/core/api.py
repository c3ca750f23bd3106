"""API plumbing shared by every router: one error shape (RFC 9457 problem details) for every failure."""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from netra.core.exceptions import ApplicationError

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
# How far into a list a client may page. Beyond it (or below zero) the request is refused with 422
# problem details instead of reaching the database as an out-of-range OFFSET (a 500).
MAX_OFFSET = 1_000_000


def offset_query(default: int = 0):
    """The `offset` query parameter of every list endpoint: 0 ≤ offset ≤ MAX_OFFSET, documented."""
    from ninja import Query

    return Query(default, ge=0, le=MAX_OFFSET, description="Lewati sejumlah baris (0 sampai 1.000.000).")


class ProblemOut(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: list[dict] | None = None


def problem_body(request: HttpRequest, *, status: int, code: str, title: str, detail: str = "") -> dict:
    """The RFC 9457 fields every Netra problem document carries."""
    return {
        "type": f"https://netra.local/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path.replace("\x00", ""),
        "request_id": getattr(request, "request_id", ""),
    }


def problem(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    code: str,
    title: str,
    detail: str = "",
    errors: list | None = None,
    extra: dict | None = None,
) -> HttpResponse:
    body = problem_body(request, status=status, code=code, title=title, detail=detail)
    if errors is not None:
        body["errors"] = errors
    if extra:
        body.update(extra)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


def install_problem_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApplicationError)
    def _application_error(request, exc: ApplicationError):
        return problem(
            api,
            request,
            status=exc.status,
            code=exc.code,
            title=exc.message,
            detail=exc.message,
            extra=exc.extra,
        )

    @api.exception_handler(ValidationError)
    def _validation_error(request, exc: ValidationError):
        return problem(
            api,
            request,
            status=422,
            code="validation-error",
            title=_("Data yang dikirim tidak valid."),
            errors=[{k: v for k, v in e.items() if k != "ctx"} for e in exc.errors],
        )

    @api.exception_handler(AuthenticationError)
    def _authentication_error(request, exc):
        return problem(
            api, request, status=401, code="unauthenticated", title=_("Silakan masuk terlebih dahulu.")
        )

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return problem(api, request, status=404, code="not-found", title=_("Data tidak ditemukan."))

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        return problem(api, request, status=exc.status_code, code=f"http-{exc.status_code}", title=str(exc))

    @api.exception_handler(RequestDataTooBig)
    def _too_big(request, exc):
        return problem(
            api,
            request,
            status=413,
            code="payload-too-large",
            title=_("Isi permintaan terlalu besar (maksimal %(mb)s MB).")
            % {"mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)},
        )

    @api.exception_handler(Exception)
    def _unexpected(request, exc):
        logger.exception("Unhandled API error")
        return problem(
            api,
            request,
            status=500,
            code="server-error",
            title=_("Terjadi kesalahan pada server."),
        )
